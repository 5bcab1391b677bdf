import { existsSync } from "node:fs";
import { z } from "zod";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default("postgres://postgres@127.0.0.1:5432/wearsync"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, "letters, digits, - and _ only")
    .default("wearsync"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  ADMIN_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  UPLOAD_DIR: z.string().min(1).default("./var/uploads"),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * GIB),
  // Per-user upload quotas: uploads streaming at once (429 past it) and bytes of stored upload files (413 past it).
  UPLOAD_MAX_CONCURRENT_PER_USER: z.coerce.number().int().min(1).max(1000).default(4),
  UPLOAD_QUOTA_BYTES_PER_USER: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * GIB),
  // Days a finished (completed or failed) import keeps its stored file; its row and data stay. 0 keeps files for ever.
  IMPORT_FILE_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(30),
  JSON_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1 * MIB),
  SYNC_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(32 * MIB),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // How long a worker's claim on a job lasts without renewal, and how often stalled jobs are looked for:
  // after a crash, a job is picked up again within roughly lock + interval.
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).default(30_000),
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  // Convergence after lost jobs (Redis restarted, enqueue failed, attempts used up during an outage): how often the
  // reconcilers sweep, how long work may wait before it counts as lost, and how often one import is recovered.
  DAYS_RECONCILE_EVERY_MS: z.coerce.number().int().min(500).default(30_000),
  DAYS_RECONCILE_GRACE_MS: z.coerce.number().int().min(0).default(120_000),
  IMPORTS_RECONCILE_EVERY_MS: z.coerce.number().int().min(500).default(60_000),
  IMPORT_STALE_AFTER_MS: z.coerce.number().int().min(0).default(120_000),
  IMPORT_MAX_RECOVERIES: z.coerce.number().int().min(0).max(100).default(3),
  // Browser origins allowed to call the API (comma-separated, e.g. "https://app.example.com,http://localhost:5173");
  // unset: no CORS headers, so only same-origin pages and non-browser clients can read answers.
  CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0),
    )
    .pipe(
      z
        .array(z.url({ protocol: /^https?$/ }).refine((o) => !/\/$/.test(o) && new URL(o).origin === o, "must be an origin: scheme://host[:port]"))
        .max(50),
    )
    .default([]),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_ANON_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(25_000),
  // A multi-GB upload on a slow link outlives Node's default 300 s request timeout.
  UPLOAD_REQUEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .default(2 * 3600 * 1000),
});

export type Env = Readonly<z.infer<typeof envSchema>>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration: ${issues.join("; ")}`);
    this.name = "EnvError";
  }
}

/** Parses a variable map (process.env in production, an object in tests); every invalid variable is named at once. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string means "unset": `.env` files and compose often write `ADMIN_TOKEN=`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  return Object.freeze(result.data);
}

/**
 * Reads `.env` (or the file ENV_FILE names) into process.env when it exists; variables already set win over the
 * file. The server and the CLI both call it, so both read the same configuration.
 */
export function loadEnvFile(): void {
  const file = process.env.ENV_FILE ?? ".env";
  if (!existsSync(file)) {
    if (process.env.ENV_FILE !== undefined) throw new EnvError([`ENV_FILE: ${file} does not exist`]);
    return;
  }
  process.loadEnvFile(file);
}

/** The only place that reads process.env (after `.env`, see loadEnvFile). */
export function loadEnv(): Env {
  loadEnvFile();
  return parseEnv(process.env);
}
