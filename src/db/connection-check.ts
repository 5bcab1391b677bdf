/** Hides the password of a connection URL so it can be printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/** A one-line reason from a driver error (ECONNREFUSED, ENOTFOUND, auth failure, …). */
export function shortReason(err: unknown): string {
  if (err && typeof err === "object") {
    const code = "code" in err && typeof err.code === "string" ? err.code : undefined;
    const message = err instanceof Error ? err.message.split("\n")[0] : undefined;
    if (code && message && !message.includes(code)) return `${code}: ${message}`;
    return message ?? code ?? "unknown error";
  }
  return String(err);
}

export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: "Postgres" | "Redis",
    readonly url: string,
    reason: string,
  ) {
    super(
      `wearsync: cannot reach ${dependency} at ${redactUrl(url)} (${reason}). ` +
        `Start it with \`docker compose up -d db redis\` or your local ${dependency === "Postgres" ? "PostgreSQL" : "Redis"} service, ` +
        `or set ${dependency === "Postgres" ? "DATABASE_URL" : "REDIS_URL"}.`,
    );
    this.name = "DependencyUnavailableError";
  }
}
