import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultStack, startFaultStack } from "../helpers/fault-stack.js";
import { fixture } from "../helpers/imports.js";
import { waitFor } from "../helpers/process.js";

// Redis keeps nothing on disk here: killing it loses every queued job, every schedule and every pending marker.
// The days must still converge from Postgres' dirty-days outbox, the schedules come back, and an upload accepted
// while Redis was down must still be imported, all without restarting the service.

let stack: FaultStack;
beforeAll(async () => {
  stack = await startFaultStack();
}, 90_000);
afterAll(async () => {
  await stack?.close();
});

interface DaysBody {
  days: { date: string; intake_kcal: number | null }[];
  pending: boolean;
}

const FIRST = "2026-09-01";
const DAYS = 60;

function dateAt(offset: number): string {
  return new Date(Date.parse(`${FIRST}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A kilocalorie figure per day that no two days share, so a day rebuilt from the wrong rows shows. */
const kcalOf = (offset: number) => 1_500 + offset * 7;

describe("a Redis restart while recomputes are queued", () => {
  it("leaves no day wrong: every day's intake converges, pending tells the truth throughout, schedules come back", async () => {
    const user = await stack.createUser({ time_zone: "Europe/Berlin" });
    const entries = Array.from({ length: DAYS }, (_, i) => ({ consumed_at: `${dateAt(i)}T12:00:00+02:00`, energy_kcal: kcalOf(i) }));
    const posted = await stack.api("/v1/intake", { method: "POST", key: user.apiKey, json: { entries } });
    expect(posted.status).toBe(201);
    // Redis dies with the recompute jobs of those 60 days queued or running.
    await stack.redis.kill();

    // Writes during the outage are stored (the raw rows and their outbox rows are one transaction).
    const during = [DAYS, DAYS + 1, DAYS + 2].map((i) => ({ consumed_at: `${dateAt(i)}T12:00:00+01:00`, energy_kcal: kcalOf(i) }));
    for (const entry of during) {
      const res = await stack.api("/v1/intake", { method: "POST", key: user.apiKey, json: entry });
      expect(res.status).toBe(201);
    }
    // An upload while Redis is down is accepted and stays queued (its job could not be added).
    const upload = await stack.upload(user.apiKey, new Uint8Array(fixture("gpx/togeojson__run_gpxtpx.gpx")));
    expect(upload.status).toBe(202);
    const importId = upload.body.id;

    // Reads that only lack Redis still answer, promptly, and say the days are not done.
    const range = `/v1/days?from=${dateAt(0)}&to=${dateAt(DAYS + 2)}`;
    const whileDown = await stack.api(range, { key: user.apiKey });
    expect(whileDown.status).toBe(200);
    expect(whileDown.elapsedMs).toBeLessThan(5_000);
    expect(((await whileDown.json()) as DaysBody).pending).toBe(true);
    // So do the other answers that show `pending`: days and weeks from Postgres, HIIT and projections failing open.
    for (const path of [
      `/v1/summary?from=${dateAt(0)}&to=${dateAt(DAYS + 2)}`,
      `/v1/projections/weekly?from=${dateAt(0)}&to=${dateAt(DAYS + 2)}`,
      `/v1/hiit-sessions?from=${dateAt(0)}&to=${dateAt(DAYS + 2)}`,
    ]) {
      const res = await stack.api(path, { key: user.apiKey });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.elapsedMs).toBeLessThan(5_000);
      if (!path.startsWith("/v1/hiit")) expect(((await res.json()) as { pending: boolean }).pending).toBe(true);
    }
    const readyz = await stack.api("/readyz");
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toMatchObject({ checks: { postgres: "ok", redis: "unreachable" } });

    await new Promise((r) => setTimeout(r, 3_000));
    await stack.redis.start();

    // Redis came back empty; pending must stay true until every day is really rebuilt, then turn false.
    const settled = await waitFor(
      async () => {
        const body = (await (await stack.api(range, { key: user.apiKey })).json()) as DaysBody;
        if (body.pending) {
          return undefined;
        }
        return body;
      },
      90_000,
      "every day recomputed after the restart",
    );
    expect(settled.days).toHaveLength(DAYS + 3);
    for (const [i, day] of settled.days.entries()) expect({ date: day.date, kcal: day.intake_kcal }).toEqual({ date: dateAt(i), kcal: kcalOf(i) });

    // The upload made during the outage runs once Redis is back.
    const imported = await waitFor(
      async () => {
        const body = (await (await stack.api(`/v1/imports/${importId}`, { key: user.apiKey })).json()) as { status: string };
        return body.status === "completed" || body.status === "failed" ? body : undefined;
      },
      60_000,
      "the import queued during the outage",
    );
    expect(imported.status).toBe("completed");

    // Every schedule is back: both reconcilers of the repeating kind and this user's nightly and weekly jobs.
    const schedulers = await waitFor(
      async () => {
        const ids = await schedulerIds(stack.redis.url, stack.queuePrefix);
        const wanted = ["imports-reconcile", "days-reconcile", "hiit-reconcile", `nightly-finalize-${user.id}`, `project-last-week-${user.id}`];
        return wanted.every((id) => ids.includes(id)) ? ids : undefined;
      },
      30_000,
      "the schedules to be registered again",
    );
    expect(schedulers).toEqual(expect.arrayContaining(["days-reconcile", "imports-reconcile", `nightly-finalize-${user.id}`]));
  }, 240_000);
});

async function schedulerIds(redisUrl: string, prefix: string): Promise<string[]> {
  const url = new URL(redisUrl);
  const ids: string[] = [];
  for (const name of ["imports", "energy", "hiit", "projections"]) {
    const queue = new Queue(name, { connection: { host: url.hostname, port: Number(url.port) }, prefix });
    try {
      ids.push(...(await queue.getJobSchedulers(0, -1)).map((s) => s.key));
    } finally {
      await queue.close();
    }
  }
  return ids;
}
