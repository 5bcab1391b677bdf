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

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: "wearsync", ...base },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
