import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, withoutQueryParams } from "../../../src/lib/logger.js";

// The message drizzle gives a failed query: its SQL, then every bound parameter.
const FAILED_QUERY =
  'Failed query: insert into "intake_entries" ("id", "name", "energy_kcal") values ($1, $2, $3)\nparams: ine_1,Quittenmus-Pfannkuchen,713.37';

describe("query parameters in logs", () => {
  it("are replaced by a marker; the SQL and the stack frames stay", () => {
    const stack = `Error: ${FAILED_QUERY}\n    at PostgresJsPreparedQuery.queryWithCache (file:///app/session.js:1:1)`;
    expect(withoutQueryParams(FAILED_QUERY)).toBe(
      'Failed query: insert into "intake_entries" ("id", "name", "energy_kcal") values ($1, $2, $3)\nparams: [redacted]',
    );
    const scrubbed = withoutQueryParams(stack);
    expect(scrubbed).not.toContain("Quittenmus");
    expect(scrubbed).toContain("    at PostgresJsPreparedQuery.queryWithCache");
  });

  it("never reach a line, whether logged as a field, a nested error, an Error object or the message", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    const to = createLogger("debug", {}, sink);
    to.error({ error: { message: FAILED_QUERY } }, "request.unhandled-error");
    to.warn({ err: new Error(FAILED_QUERY) }, "job");
    to.info(FAILED_QUERY);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toMatch(/Quittenmus|713\.37/);
      expect(line).toContain("params: [redacted]");
    }
  });
});
