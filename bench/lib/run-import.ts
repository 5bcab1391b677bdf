import { randomBytes, randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import postgres, { type Sql } from "postgres";
import { QUEUE_NAMES } from "../../src/jobs/definitions.js";
import { jobKey } from "../../src/jobs/enqueue.js";
import { createUser, type ImportView, uploadFile, waitForImport } from "./api-client.js";
import { type CpuSeconds, cpuDelta, cpuNow } from "./cpu-accounting.js";
import { type CpuSummary, findProfile, importArea, monotonicUs, summarizeCpuProfile } from "./cpu-profile.js";
import { RssSampler, readMemory } from "./proc-stats.js";
import { type DrainResult, ImportQueueWatch, type QueueReport, waitForDerivedWork } from "./queue-watch.js";
import { freePort, type RunningRole, spawnRole, stopRole, waitUntilStarted } from "./service.js";

export interface ServiceConfig {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  runDir: string;
  cpuProf: boolean;
  workerNodeArgs: string[];
  /** A prebuilt entry (e.g. an esbuild bundle of src/process/main.ts) for the worker instead of tsx; null for tsx. */
  workerEntry: string | null;
  /** How long to wait for the derived work after the import (0: stop the worker as soon as the import completed). */
  derivedTimeoutMs: number;
}

export interface ImportMeasurement {
  userId: string;
  view: ImportView;
  fileBytes: number;
  uploadMs: number;
  /** Upload start → the import's finished_at. */
  endToEndMs: number;
  /** created_at → started_at: time the job waited in the queue. */
  queueWaitMs: number;
  workerBaselineRssKb: number;
  /** VmHWM when the import completed (the goal's window). */
  workerPeakRssKb: number;
  /** VmHWM once the derived work had run too (null when the worker did not live through it). */
  workerPeakRssAfterDerivedKb: number | null;
  /** The worker ended on its own while it ran the derived work (e.g. out of memory): its exit code or signal. */
  workerDiedDuringDerived: string | null;
  workerMaxSampledRssKb: number;
  apiPeakRssKb: number;
  cpu: CpuSeconds;
  queue: QueueReport;
  /** The derived work the import set off (day recomputes, HIIT, projections), after it completed; not in the e2e time. */
  derived: DrainResult;
  derivedWaited: boolean;
  workerExitCode: number | null;
  apiExitCode: number | null;
  cpuProfile: CpuSummary | null;
}

/**
 * Starts the real service (an API process and a separate worker process), creates a user, uploads the file,
 * waits for the import and measures it. Both processes are always stopped before this returns or throws.
 */
export async function measureImport(config: ServiceConfig, filePath: string, log: (line: string) => void): Promise<ImportMeasurement> {
  const port = await freePort();
  const adminToken = randomBytes(24).toString("hex");
  const profileDir = path.join(config.runDir, "cpu-profile");
  if (config.cpuProf) await mkdir(profileDir, { recursive: true });
  const env: Record<string, string> = {
    NODE_ENV: "production",
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    PORT: String(port),
    HOST: "127.0.0.1",
    ADMIN_TOKEN: adminToken,
    UPLOAD_DIR: path.join(config.runDir, "uploads"),
    LOG_LEVEL: "info",
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const roles: RunningRole[] = [];
  let watch: ImportQueueWatch | null = null;
  let sql: Sql | null = null;
  try {
    // The API first: it creates and migrates the database; the worker then finds it ready.
    const api = await spawnRole("api", env, path.join(config.runDir, "api.log"));
    roles.push(api);
    await waitUntilStarted(api);
    const nodeArgs = [...config.workerNodeArgs, ...(config.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])];
    const entry = config.workerEntry === null ? undefined : path.resolve(config.workerEntry);
    const worker = await spawnRole("worker", env, path.join(config.runDir, "worker.log"), nodeArgs, entry);
    roles.push(worker);
    await waitUntilStarted(worker);
    log(`service: api pid ${api.pid} on ${baseUrl}, worker pid ${worker.pid}, queue prefix ${config.queuePrefix}`);

    watch = await ImportQueueWatch.start(config.redisUrl, config.queuePrefix);
    sql = postgres(config.databaseUrl, { max: 1, onnotice: () => undefined });
    const database = decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1));
    const user = await createUser(baseUrl, adminToken);
    const workerBaselineRssKb = readMemory(worker.pid)?.rssKb ?? 0;
    const sampler = new RssSampler([worker.pid, api.pid]);
    const cpuBefore = await cpuNow(worker, api, sql, database);
    sampler.start();
    const fromUs = monotonicUs();

    const upload = await uploadFile(baseUrl, user.apiKey, filePath, path.basename(filePath));
    log(`upload: ${upload.bytes} bytes in ${(upload.uploadMs / 1000).toFixed(2)} s → import ${upload.importView.id}`);
    let lastLog = 0;
    const view = await waitForImport(baseUrl, user.apiKey, upload.importView.id, {
      timeoutMs: 60 * 60_000,
      intervalMs: 250,
      onPoll: (v) => {
        if (Date.now() - lastLog < 10_000) return;
        lastLog = Date.now();
        log(`  … ${v.status}: ${v.progress.records} records, ${(v.progress.bytes / 1e6).toFixed(0)} MB of XML read`);
      },
    });
    const toUs = monotonicUs();
    sampler.stop();
    const cpu = cpuDelta(cpuBefore, await cpuNow(worker, api, sql, database));
    const workerMemory = readMemory(worker.pid);
    const apiMemory = readMemory(api.pid);
    const queue = await watch.report(jobKey("imports.run", { importId: view.id }) ?? "");
    let workerDied: string | null = null;
    void worker.exited.then((code) => {
      workerDied = `exit ${code ?? worker.child.signalCode ?? "?"}`;
    });
    const derived = await waitForDerivedWork(config.redisUrl, config.queuePrefix, QUEUE_NAMES, config.derivedTimeoutMs, () => workerDied !== null);
    // Read now: stopping the worker below ends it too.
    const diedDuringDerived: string | null = workerDied;
    const afterDerived = diedDuringDerived === null ? readMemory(worker.pid) : null;
    const finishedMs = view.finished_at === null ? Date.now() : Date.parse(view.finished_at);
    const startedMs = view.started_at === null ? finishedMs : Date.parse(view.started_at);

    const workerExitCode = await stopRole(worker);
    const apiExitCode = await stopRole(api);
    const profile = config.cpuProf ? await findProfile(profileDir) : null;
    return {
      userId: user.userId,
      view,
      fileBytes: upload.bytes,
      uploadMs: upload.uploadMs,
      endToEndMs: finishedMs - upload.startedAtMs,
      queueWaitMs: startedMs - Date.parse(view.created_at),
      workerBaselineRssKb,
      workerPeakRssKb: workerMemory?.peakRssKb ?? 0,
      workerPeakRssAfterDerivedKb: afterDerived?.peakRssKb ?? null,
      workerDiedDuringDerived: diedDuringDerived,
      workerMaxSampledRssKb: sampler.maxKb(worker.pid),
      apiPeakRssKb: apiMemory?.peakRssKb ?? 0,
      cpu,
      queue,
      derived,
      derivedWaited: config.derivedTimeoutMs > 0,
      workerExitCode,
      apiExitCode,
      cpuProfile: profile === null ? null : await summarizeCpuProfile(profile, fromUs, toUs, importArea),
    };
  } finally {
    await watch?.close().catch(() => undefined);
    await sql?.end({ timeout: 5 }).catch(() => undefined);
    for (const role of roles.reverse()) await stopRole(role).catch(() => undefined);
  }
}

export function newQueuePrefix(): string {
  return `bench-${randomUUID()}`;
}
