import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, readJson } from "../../helpers/harness.js";
import { spawnService } from "../../helpers/process.js";
import { testEnvVars } from "../../helpers/test-env.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe("npm run cli -- user create", () => {
  it("creates a user from the shell and prints a working key", async () => {
    const email = `cli-${randomUUID()}@example.com`;
    const cli = spawnService(["src/cli/main.ts", "user", "create", "--email", email, "--time-zone", "Asia/Tokyo"], testEnvVars());
    expect(await cli.exited).toBe(0);
    const key = /api key[^:]*: (wsk_\S+)/.exec(cli.stdout())?.[1];
    expect(key).toBeDefined();
    const me = await readJson(await h.request("/v1/me", { key: key ?? "" }));
    expect(me).toMatchObject({ email, time_zone: "Asia/Tokyo" });
  }, 30_000);

  it("refuses an invalid email with a readable line and exit code 2", async () => {
    const cli = spawnService(["src/cli/main.ts", "user", "create", "--email", "not-an-email"], testEnvVars());
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(/email/);
  }, 30_000);

  it("reads its configuration from the .env file the server reads; variables set in the environment win", async () => {
    const vars = testEnvVars();
    const dir = mkdtempSync(join(tmpdir(), "wearsync-envfile-"));
    const file = join(dir, ".env");
    // Only the file names the database and Redis; LOG_LEVEL in the file is invalid, so the run passes only if the
    // environment's value wins over it.
    writeFileSync(file, `# test configuration\nDATABASE_URL=${vars.DATABASE_URL}\nREDIS_URL="${vars.REDIS_URL}"\nLOG_LEVEL=not-a-level\n`);
    const email = `envfile-${randomUUID()}@example.com`;
    const cli = spawnService(["src/cli/main.ts", "user", "create", "--email", email], {
      ENV_FILE: file,
      LOG_LEVEL: "silent",
      DATABASE_URL: undefined,
      QUEUE_PREFIX: vars.QUEUE_PREFIX,
    });
    expect(await cli.exited).toBe(0);
    const key = /api key[^:]*: (wsk_\S+)/.exec(cli.stdout())?.[1] ?? "";
    expect(await readJson(await h.request("/v1/me", { key }))).toMatchObject({ email });

    const missing = spawnService(["src/cli/main.ts", "user", "create", "--email", email], { ENV_FILE: join(dir, "nope.env") });
    expect(await missing.exited).not.toBe(0);
    expect(missing.stderr()).toMatch(/ENV_FILE/);
  }, 30_000);
});
