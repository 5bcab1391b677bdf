import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../../src/config/env.js";

describe("parseEnv", () => {
  it("gives working developer defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("postgres://postgres@127.0.0.1:5432/wearsync");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(env.PORT).toBe(3000);
    expect(env.WORKER_CONCURRENCY).toBe(4);
    expect(env.ADMIN_TOKEN).toBeUndefined();
    expect(env.UPLOAD_MAX_BYTES).toBe(4 * 1024 ** 3);
    expect(Object.isFrozen(env)).toBe(true);
  });

  it("coerces numbers from strings", () => {
    const env = parseEnv({ PORT: "8080", WORKER_CONCURRENCY: "8" });
    expect(env.PORT).toBe(8080);
    expect(env.WORKER_CONCURRENCY).toBe(8);
  });

  it("treats an empty string as unset", () => {
    expect(parseEnv({ ADMIN_TOKEN: "", PORT: "" }).PORT).toBe(3000);
  });

  it("names every invalid variable in one error", () => {
    let caught: unknown;
    try {
      parseEnv({
        PORT: "not-a-port",
        DATABASE_URL: "mysql://localhost/x",
        LOG_LEVEL: "loud",
        ADMIN_TOKEN: "short",
        WORKER_CONCURRENCY: "0",
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const names = (caught as EnvError).issues.map((issue) => issue.split(":")[0]);
    expect(names.sort()).toEqual(["ADMIN_TOKEN", "DATABASE_URL", "LOG_LEVEL", "PORT", "WORKER_CONCURRENCY"]);
  });

  it("rejects a queue prefix that would break Redis key namespacing", () => {
    expect(() => parseEnv({ QUEUE_PREFIX: "a:b" })).toThrow(/QUEUE_PREFIX/);
  });
});
