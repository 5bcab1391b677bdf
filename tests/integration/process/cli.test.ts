import { randomUUID } from "node:crypto";
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
});
