/** The Postgres SQLSTATE of an error, looking through drizzle's wrapper (DrizzleQueryError.cause). */
export function pgErrorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 3 && current && typeof current === "object"; depth++) {
    if ("code" in current && typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
    current = "cause" in current ? current.cause : undefined;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = "23505";

// Driver codes (postgres.js, Node sockets) and SQLSTATEs that mean "Postgres cannot be reached or is going away":
// the request may succeed later, so the API answers 503 instead of 500.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "CONNECT_TIMEOUT",
  // The server closed the connection. (CONNECTION_ENDED / _DESTROYED are this process ending its own pool: a bug
  // or a shutdown, not an outage, so they stay 500s.)
  "CONNECTION_CLOSED",
  // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, query_canceled (statement timeout)
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "57014",
]);

/** True when the error (or what it wraps) says Postgres is unreachable, restarting or overloaded. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    if ("code" in current && typeof current.code === "string") {
      const code = current.code;
      if (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (current instanceof AggregateError && current.errors.some((e) => isDatabaseUnavailable(e))) return true;
    current = "cause" in current ? current.cause : undefined;
  }
  return false;
}
