import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultStack, startFaultStack } from "../helpers/fault-stack.js";
import { waitFor } from "../helpers/process.js";

// The service at LOG_LEVEL=debug through a realistic day (meals, a weigh-in, an edit, a read, a database error
// on a write and an outage) must never write a health value or a key to its log. The failing write is real: the
// private cluster is given a constraint that rejects one entry, the way a failed insert would in production.

let stack: FaultStack;
beforeAll(async () => {
  stack = await startFaultStack({ LOG_LEVEL: "debug" });
}, 90_000);
afterAll(async () => {
  await stack?.close();
});

// Values chosen to appear nowhere else: any of them in the log is a leak.
const MEALS = [
  { name: "Quittenmus-Pfannkuchen", kcal: 713.37, protein: 41.73 },
  { name: "Rote-Bete-Risotto mit Ziegenkaese", kcal: 977.31, protein: 23.19 },
];
const WEIGHT_KG = 83.47;
const EDITED_KCAL = 655.29;

describe("logs at debug level through a realistic flow", () => {
  it("carry no meal name, kilocalories, grams, weight or key, even for a failed query", async () => {
    const user = await stack.createUser({ time_zone: "Europe/Berlin" });
    const [good, rejected] = MEALS;
    if (!good || !rejected) throw new Error("fixture");

    const created = await stack.api("/v1/intake", {
      method: "POST",
      key: user.apiKey,
      json: { consumed_at: "2026-11-20T12:30:00+01:00", name: good.name, energy_kcal: good.kcal, protein_g: good.protein, meal: "lunch" },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const edited = await stack.api(`/v1/intake/${id}`, { method: "PATCH", key: user.apiKey, json: { energy_kcal: EDITED_KCAL } });
    expect(edited.status).toBe(200);
    const weighIn = await stack.api("/v1/body-measurements", {
      method: "POST",
      key: user.apiKey,
      json: { measured_at: "2026-11-20T07:00:00+01:00", weight_kg: WEIGHT_KG },
    });
    expect(weighIn.status).toBe(201);

    // A write the database refuses: the insert fails with its parameters bound (the meal's name and numbers).
    const admin = postgres(stack.pg.url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`alter table intake_entries add constraint faults_refuse_one check (energy_kcal <> ${rejected.kcal})`);
    } finally {
      await admin.end();
    }
    const refused = await stack.api("/v1/intake", {
      method: "POST",
      key: user.apiKey,
      json: { consumed_at: "2026-11-20T19:00:00+01:00", name: rejected.name, energy_kcal: rejected.kcal, protein_g: rejected.protein },
    });
    expect(refused.status).toBe(500);
    expect(await refused.text()).not.toContain(rejected.name);

    // A read of the day once computed, and a read during a Postgres outage (errors logged on the way).
    await waitFor(
      async () => {
        const body = (await (await stack.api("/v1/days?from=2026-11-20&to=2026-11-20", { key: user.apiKey })).json()) as { pending: boolean };
        return body.pending ? undefined : true;
      },
      60_000,
      "the day to be computed",
    );
    await stack.pg.stop();
    expect((await stack.api("/v1/intake?from=2026-11-20&to=2026-11-20", { key: user.apiKey })).status).toBe(503);
    await stack.pg.start();

    const log = stack.log();
    // The flow really logged: requests, the jobs, and the failed query (with its SQL, not its values).
    expect(log).toContain('"route":"/v1/intake"');
    expect(log).toContain('"jobName":"energy.recompute-day"');
    expect(log).toContain("request.unhandled-error");
    expect(log).toContain("params: [redacted]");
    const secrets = [user.apiKey, ...MEALS.flatMap((m) => [m.name, String(m.kcal), String(m.protein)]), String(WEIGHT_KG), String(EDITED_KCAL)];
    for (const value of secrets) expect({ value, found: log.includes(value) }).toEqual({ value, found: false });
  }, 180_000);
});
