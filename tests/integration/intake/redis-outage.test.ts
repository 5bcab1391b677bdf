import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { bodyMeasurements, intakeEntries } from "../../../src/db/schema/index.js";
import { createHarness, type Harness, readJson } from "../../helpers/harness.js";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy.js";
import { TEST_REDIS_URL } from "../../helpers/test-env.js";

let h: Harness | undefined;
let proxy: TcpProxy | undefined;
afterEach(async () => {
  await proxy?.cut();
  if (h) {
    h.deps.redis.disconnect();
    await h.deps.sql.end({ timeout: 1 });
  }
  h = undefined;
  proxy = undefined;
});

describe("writes while Redis is down", () => {
  it("still store intake, day statuses and weigh-ins; only the recompute is deferred", async () => {
    const redisUrl = new URL(TEST_REDIS_URL);
    proxy = await startTcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
    redisUrl.hostname = "127.0.0.1";
    redisUrl.port = String(proxy.port);
    const logLines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString("utf8"));
        done();
      },
    });
    h = await createHarness({ REDIS_URL: redisUrl.toString() }, { logger: pino({ level: "warn" }, sink) });
    const user = await h.createUser();
    await proxy.cut();

    const res = await h.request("/v1/intake", {
      method: "POST",
      key: user.apiKey,
      json: { consumed_at: "2026-01-10T08:00:00+01:00", energy_kcal: 420 },
    });
    expect(res.status).toBe(201);
    const { id } = await readJson<{ id: string }>(res);
    const [row] = await h.deps.db.select().from(intakeEntries).where(eq(intakeEntries.id, id));
    expect(row).toMatchObject({ userId: user.id, energyKcal: 420, localDate: "2026-01-10" });

    const status = await h.request("/v1/days/2026-01-11/intake-status", { method: "PUT", key: user.apiKey, json: { status: "fasted" } });
    expect(status.status).toBe(200);
    const weighIn = await h.request("/v1/body-measurements", {
      method: "POST",
      key: user.apiKey,
      json: { measured_at: "2026-01-10T07:00:00+01:00", weight_kg: 77 },
    });
    expect(weighIn.status).toBe(201);
    expect(await h.deps.db.select().from(bodyMeasurements).where(eq(bodyMeasurements.userId, user.id))).toHaveLength(1);
    const deferred = logLines
      .map((line) => JSON.parse(line) as { msg: string; userId?: string })
      .filter((l) => l.msg === "recompute.enqueue-deferred");
    expect(deferred.map((l) => l.userId)).toEqual([user.id, user.id, user.id]);
    // What the reconciler will queue once Redis is back: every day these writes touched is in the outbox.
    const dirty = await h.deps.sql<{ localDate: string }[]>`
      select local_date::text as "localDate" from dirty_days where user_id = ${user.id} order by local_date`;
    expect(dirty.map((d) => d.localDate)).toEqual(["2026-01-10", "2026-01-11"]);
  });
});
