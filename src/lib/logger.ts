import { type Logger, pino } from "pino";

export type { Logger };

// Keys and health values never reach the logs: redact anything that could carry them if a caller slips.
const REDACT_PATHS = [
  "req.headers.authorization",
  "headers.authorization",
  "authorization",
  "apiKey",
  "api_key",
  "token",
  "body",
  "payload",
  "samples",
  "value",
];

// A failed query's error message carries its SQL and every bound parameter ("Failed query: …\nparams: …", drizzle):
// meal names, kilocalories, weights. The SQL stays (it is the code's), the parameters never reach a log line.
const QUERY_PARAMS = /(\n|\s)params: [\s\S]*?(?=\n {4}at |$)/g;

/** The text with any query parameters a database error quoted replaced by a marker. */
export function withoutQueryParams(text: string): string {
  return text.replace(QUERY_PARAMS, "$1params: [redacted]");
}

/** Applies withoutQueryParams to every string of a log record (nested error objects included), a few levels deep. */
function scrub(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.includes("params: ") ? withoutQueryParams(value) : value;
  if (value instanceof Error) {
    return { type: value.name, message: withoutQueryParams(value.message), ...(value.stack ? { stack: withoutQueryParams(value.stack) } : {}) };
  }
  if (depth >= 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = scrub(v, depth + 1);
  return out;
}

/** The service's logger (stdout unless a destination is given). */
export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "wearsync", ...base },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    hooks: {
      // The message string too: a caller may have interpolated an error into it.
      logMethod(args, method) {
        method.apply(this, args.map((a) => scrub(a, 0)) as Parameters<typeof method>);
      },
    },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  // Standard output written asynchronously: lines that arrive while a write is under way go out together in the next
  // one (one system call for many request lines under load, each line at once when idle); pino flushes what is left
  // when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
