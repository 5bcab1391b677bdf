import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import createClient from "openapi-fetch";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { components, paths } from "../../../web/src/api/schema.js";
import { waitFor } from "../../helpers/process.js";
import { TEST_ADMIN_TOKEN } from "../../helpers/test-env.js";
import { DocumentValidator, type OpenApiDoc } from "./document-validator.js";
import { fixtureBytes, type ServedService, startServedService } from "./served-service.js";

// The contract suite: the real service as its own process (API + workers, real Postgres and Redis), driven over a
// socket by a client generated from its own /openapi.json (openapi-typescript types + openapi-fetch). Every answer
// must have a documented status and match the schema the document gives for it; every operation is exercised.

let service: ServedService;
let validator: DocumentValidator;
let servedDoc: OpenApiDoc;
const covered = new Set<string>();

beforeAll(async () => {
  service = await startServedService();
  servedDoc = (await (await fetch(`${service.baseUrl}/openapi.json`)).json()) as OpenApiDoc;
  validator = new DocumentValidator(servedDoc);
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

interface Result {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Checks one answer against the document and records the operation as exercised; returns the body. */
async function call<R extends Result>(operationId: string, pending: Promise<R>, expected: number[]): Promise<R> {
  const result = await pending;
  const { response } = result;
  const body = response.status === 204 || response.headers.get("content-length") === "0" ? undefined : response.ok ? result.data : result.error;
  validator.check(operationId, response.status, response.headers.get("content-type"), body);
  expect(expected, `${operationId} answered ${response.status}: ${JSON.stringify(body)}`).toContain(response.status);
  covered.add(operationId);
  return result;
}

const client = (token?: string) =>
  createClient<paths>({ baseUrl: service.baseUrl, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });

const watch = { name: "Contract Watch", device_type: "watch" as const };

describe("the contract, over a socket, with a generated client", () => {
  let api: ReturnType<typeof client>;
  let email: string;

  it("the client's types are generated from the document this service serves (npm run gen:api)", async () => {
    const generated = astToString(await openapiTS(servedDoc as never));
    const committed = readFileSync(new URL("../../../web/src/api/schema.d.ts", import.meta.url), "utf8");
    expect(committed.endsWith(generated), "web/src/api/schema.d.ts is stale: run npm run gen:api").toBe(true);
  });

  it("health, admin and profile", async () => {
    const anon = client();
    await call("healthz", anon.GET("/healthz"), [200]);
    await call("readyz", anon.GET("/readyz"), [200]);
    email = `contract-${randomUUID()}@example.com`;
    const created = await call(
      "createUser",
      client(TEST_ADMIN_TOKEN).POST("/v1/admin/users", {
        body: { email, time_zone: "Europe/Berlin", sex: "female", birth_date: "1988-03-02", height_cm: 170, weight_kg: 66 },
      }),
      [201],
    );
    api = client(created.data?.api_key);
    const me = await call("getMe", api.GET("/v1/me"), [200]);
    expect(me.data?.email).toBe(email);
    const patched = await call("patchMe", api.PATCH("/v1/me", { body: { unit_system: "imperial", hr_max_bpm: 188 } }), [200]);
    expect(patched.data?.weight_lb).toBe(145.5);
    // A careless client: a body of the wrong type is a documented 415.
    const wrong = await api.PATCH("/v1/me", { body: {}, bodySerializer: () => "x", headers: { "content-type": "text/plain" } });
    validator.check("patchMe", wrong.response.status, wrong.response.headers.get("content-type"), wrong.error);
    expect(wrong.response.status).toBe(415);
  });

  it("API keys: create, list, revoke with a plain DELETE", async () => {
    const key = await call("createApiKey", api.POST("/v1/api-keys", { body: { name: "phone" } }), [201]);
    const list = await call("listApiKeys", api.GET("/v1/api-keys", { params: { query: { limit: 10 } } }), [200]);
    expect(list.data?.api_keys.length).toBe(2);
    await call("revokeApiKey", api.DELETE("/v1/api-keys/{id}", { params: { path: { id: key.data?.id ?? "" } } }), [204]);
    const revoked = await client(key.data?.api_key).GET("/v1/me");
    validator.check("getMe", revoked.response.status, revoked.response.headers.get("content-type"), revoked.error);
    expect(revoked.response.status).toBe(401);
  });

  it("sync and Health Auto Export pushes, then samples, sources and workouts", async () => {
    const hr = Array.from({ length: 40 }, (_, i) => ({ t: new Date(Date.UTC(2026, 10, 2, 6, 0, i * 30)).toISOString(), bpm: 110 + (i % 5) * 10 }));
    const pushed = await call(
      "sync",
      api.POST("/v1/sync", {
        params: { header: { "idempotency-key": randomUUID() } },
        body: {
          samples: [
            { type: "steps", start: "2026-11-02T08:00:00+01:00", end: "2026-11-02T08:30:00+01:00", value: 3000, unit: "count", source: watch },
            { type: "active_energy", start: "2026-11-02T08:00:00+01:00", end: "2026-11-02T08:30:00+01:00", value: 150, unit: "kcal", source: watch },
            // The night to 2 November: in bed 480 min, asleep 180 core + 60 deep + 210 REM = 450 min.
            { type: "sleep_in_bed", start: "2026-11-01T23:00:00+01:00", end: "2026-11-02T07:00:00+01:00", value: 480, unit: "min", source: watch },
            { type: "sleep_core", start: "2026-11-01T23:15:00+01:00", end: "2026-11-02T02:15:00+01:00", value: 180, unit: "min", source: watch },
            { type: "sleep_deep", start: "2026-11-02T02:15:00+01:00", end: "2026-11-02T03:15:00+01:00", value: 60, unit: "min", source: watch },
            { type: "sleep_rem", start: "2026-11-02T03:15:00+01:00", end: "2026-11-02T06:45:00+01:00", value: 210, unit: "min", source: watch },
          ],
          workouts: [
            {
              external_id: "c-run",
              activity_type: "running",
              start: "2026-11-02T07:00:00+01:00",
              end: "2026-11-02T07:20:00+01:00",
              distance_m: 4000,
              source: watch,
              heart_rate: hr,
            },
            { external_id: "c-walk", activity_type: "walking", start: "2026-11-03T07:00:00+01:00", end: "2026-11-03T07:20:00+01:00", source: watch },
          ],
        },
      }),
      [200],
    );
    expect(pushed.data?.accepted).toBe(8);
    // The app's file, typed by the document's HealthAutoExportPayload (the client would not compile a wrong shape).
    const hae: components["schemas"]["HealthAutoExportPayload"] = JSON.parse(
      readFileSync(new URL("../../fixtures/health-auto-export/irvinlim__marshal_test_unmarshal_workouts.json", import.meta.url), "utf8"),
    );
    expect(hae.data?.workouts?.[0]?.name).toBe("Walking");
    await call("healthAutoExport", api.POST("/v1/integrations/health-auto-export", { body: hae }), [200]);

    const samples = await call("listSamples", api.GET("/v1/samples", { params: { query: { type: "steps", limit: 50 } } }), [200]);
    expect(samples.data?.samples.map((s) => s.value)).toContain(3000);
    const sources = await call("listSources", api.GET("/v1/sources"), [200]);
    const source = sources.data?.sources.find((s) => s.name === watch.name);
    expect(source).toBeDefined();
    await call("patchSource", api.PATCH("/v1/sources/{id}", { params: { path: { id: source?.id ?? 0 } }, body: { priority: 3 } }), [200]);

    const workouts = await call("listWorkouts", api.GET("/v1/workouts"), [200]);
    const run = workouts.data?.workouts.find((w) => w.external_id === "c-run");
    const walk = workouts.data?.workouts.find((w) => w.external_id === "c-walk");
    const detail = await call("getWorkout", api.GET("/v1/workouts/{id}", { params: { path: { id: run?.id ?? "" } } }), [200]);
    expect(detail.data?.heart_rate).toHaveLength(40);
    expect(detail.data?.distance_m).toBe(4000);
    await call("deleteWorkout", api.DELETE("/v1/workouts/{id}", { params: { path: { id: walk?.id ?? "" } } }), [204]);
  });

  it("strength: the catalogue, a hand-logged session with sets, its edit and the training week", async () => {
    const catalogue = await call("listExercises", api.GET("/v1/exercises"), [200]);
    expect(catalogue.data?.exercises.some((e) => e.key === "dumbbell_row")).toBe(true);
    const logged = await call(
      "createWorkout",
      api.POST("/v1/workouts", {
        body: {
          activity_type: "strength_training",
          start: "2026-11-03T18:00:00+01:00",
          duration_s: 1800,
          sets: [
            { exercise: "dumbbell_row", reps: 10, weight_kg: 14 },
            { exercise: "plank", duration_s: 60 },
          ],
        },
      }),
      [201],
    );
    const id = logged.data?.id ?? "";
    const edited = await call(
      "updateWorkout",
      api.PATCH("/v1/workouts/{id}", { params: { path: { id } }, body: { sets: [{ exercise: "dumbbell_row", reps: 12, weight_kg: 14 }] } }),
      [200],
    );
    expect(edited.data?.sets).toHaveLength(1);
    const week = await call(
      "getTrainingWeek",
      api.GET("/v1/training/weekly", { params: { query: { from: "2026-11-02", to: "2026-11-08" } } }),
      [200],
    );
    expect(week.data?.weeks).toHaveLength(1);
  });

  it("intake entries and day statuses", async () => {
    const created = await call(
      "createIntake",
      api.POST("/v1/intake", { body: { consumed_at: "2026-11-02T12:30:00+01:00", energy_kcal: 640, meal: "lunch" } }),
      [201],
    );
    const id = created.data && "id" in created.data ? created.data.id : "";
    await call("listIntake", api.GET("/v1/intake", { params: { query: { from: "2026-11-01" } } }), [200]);
    await call("getIntake", api.GET("/v1/intake/{id}", { params: { path: { id } } }), [200]);
    const patched = await call("patchIntake", api.PATCH("/v1/intake/{id}", { params: { path: { id } }, body: { energy_kcal: 700 } }), [200]);
    expect(patched.data?.energy_kcal).toBe(700);
    const second = await call(
      "createIntake",
      api.POST("/v1/intake", { body: { consumed_at: "2026-11-02T19:00:00+01:00", energy_kcal: 900 } }),
      [201],
    );
    await call(
      "deleteIntake",
      api.DELETE("/v1/intake/{id}", { params: { path: { id: second.data && "id" in second.data ? second.data.id : "" } } }),
      [204],
    );
    const date = { params: { path: { date: "2026-11-02" } } };
    await call("putIntakeStatus", api.PUT("/v1/days/{date}/intake-status", { ...date, body: { status: "complete" } }), [200]);
    await call("getIntakeStatus", api.GET("/v1/days/{date}/intake-status", date), [200]);
    await call("deleteIntakeStatus", api.DELETE("/v1/days/{date}/intake-status", date), [204]);
    await call("putIntakeStatus", api.PUT("/v1/days/{date}/intake-status", { ...date, body: { status: "complete" } }), [200]);
  });

  it("weigh-ins", async () => {
    const created = await call(
      "createBodyMeasurement",
      api.POST("/v1/body-measurements", { body: { measured_at: "2026-11-02T06:30:00+01:00", weight_lb: 145 } }),
      [201],
    );
    expect(created.data?.weight_lb).toBe(145);
    const id = created.data?.id ?? "";
    await call("listBodyMeasurements", api.GET("/v1/body-measurements", { params: { query: { from: "2026-11-01", to: "2026-11-30" } } }), [200]);
    await call("getBodyMeasurement", api.GET("/v1/body-measurements/{id}", { params: { path: { id } } }), [200]);
    await call("patchBodyMeasurement", api.PATCH("/v1/body-measurements/{id}", { params: { path: { id } }, body: { outlier: false } }), [200]);
    const extra = await call(
      "createBodyMeasurement",
      api.POST("/v1/body-measurements", { body: { measured_at: "2026-11-03T06:30:00+01:00", weight_kg: 65.8 } }),
      [201],
    );
    // Without a range, a page at a time: two weigh-ins, one per page.
    const first = await call("listBodyMeasurements", api.GET("/v1/body-measurements", { params: { query: { limit: 1 } } }), [200]);
    expect(first.data?.measurements.map((m) => m.weight_kg)).toEqual([65.77]);
    const cursor = first.data?.next_cursor ?? "";
    expect(cursor).not.toBe("");
    const second = await call("listBodyMeasurements", api.GET("/v1/body-measurements", { params: { query: { limit: 1, cursor } } }), [200]);
    expect(second.data?.measurements.map((m) => m.weight_kg)).toEqual([65.8]);
    expect(second.data?.next_cursor).toBeNull();
    await call("deleteBodyMeasurement", api.DELETE("/v1/body-measurements/{id}", { params: { path: { id: extra.data?.id ?? "" } } }), [204]);
  });

  it("imports: upload with any label, follow, list, retry, delete", async () => {
    const uploaded = await call(
      "uploadImport",
      api.POST("/v1/imports", {
        body: fixtureBytes("fit/fitfileparser__test.fit") as unknown as string,
        bodySerializer: (b: unknown) => b as Uint8Array,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      [202],
    );
    const id = uploaded.data?.id ?? "";
    const settled = await waitFor(
      async () => {
        const res = await call("getImport", api.GET("/v1/imports/{id}", { params: { path: { id } } }), [200]);
        return res.data && ["completed", "failed"].includes(res.data.status) ? res.data : undefined;
      },
      30_000,
      "the import to settle",
    );
    expect(settled.status).toBe("completed");
    await call("listImports", api.GET("/v1/imports"), [200]);
    // Only a failed import can be retried: this one answers the documented 409.
    await call("retryImport", api.POST("/v1/imports/{id}/retry", { params: { path: { id } } }), [409]);
    await call("deleteImport", api.DELETE("/v1/imports/{id}", { params: { path: { id } } }), [204]);
  });

  it("days, summary, confirmations, HIIT, projections", async () => {
    const days = await call("listDays", api.GET("/v1/days", { params: { query: { from: "2026-11-01", to: "2026-11-07" } } }), [200]);
    expect(days.data?.days.map((d) => d.sleep_minutes)).toEqual([null, 450, null, null, null, null, null]);
    const day = await call("getDay", api.GET("/v1/days/{date}", { params: { path: { date: "2026-11-02" } } }), [200]);
    expect(day.data?.sleep).toMatchObject({
      asleep_minutes: 450,
      in_bed_minutes: 480,
      start: "2026-11-01T23:00:00.000+01:00",
      end: "2026-11-02T07:00:00.000+01:00",
      stages_minutes: { core: 180, deep: 60, rem: 210, awake: 0, asleep_unspecified: 0, in_bed: 480 },
      sources: [watch.name],
    });
    // The run's day once the workers computed it, typed by DayBreakdown (a compile error means the document lost it).
    const breakdown = await waitFor(
      async () =>
        (await call("getDay", api.GET("/v1/days/{date}", { params: { path: { date: "2026-11-02" } } }), [200])).data?.breakdown ?? undefined,
      30_000,
      "the day to be computed",
    );
    expect(breakdown.workouts.find((w) => w.activity_type === "running")?.counted).toBeDefined();
    expect(breakdown.day_length_hours).toBe(24);
    await call("summary", api.GET("/v1/summary"), [200]);
    const week = await call("summary", api.GET("/v1/summary", { params: { query: { from: "2026-11-01", to: "2026-11-07" } } }), [200]);
    expect(week.data).toMatchObject({ sleep_nights: 1, mean_sleep_minutes: 450, nights_7h_or_more: 1 });
    // An ordinary day carries no flag: confirming it is the documented 409, withdrawing a confirmation that is not there is 404.
    await call("confirmDay", api.PUT("/v1/days/{date}/confirm", { params: { path: { date: "2026-11-02" } } }), [200, 409]);
    await call("withdrawDayConfirmation", api.DELETE("/v1/days/{date}/confirm", { params: { path: { date: "2026-11-02" } } }), [204, 404]);
    await call("listHiitSessions", api.GET("/v1/hiit-sessions", { params: { query: { from: "2026-11-01", to: "2026-11-07" } } }), [200]);
    const sessions = await call("listHiitSessions", api.GET("/v1/hiit-sessions", { params: { query: { limit: 1000 } } }), [200]);
    expect(sessions.data?.next_cursor).toBeNull();
    await call("listWeeklyProjections", api.GET("/v1/projections/weekly", { params: { query: { from: "2026-11-01", to: "2026-11-30" } } }), [200]);
    // Without a range, one row a page: following next_cursor reaches every row once (two per projected week).
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const query: { limit: number; cursor?: string } = cursor === undefined ? { limit: 1 } : { limit: 1, cursor };
      const weeks = await call("listWeeklyProjections", api.GET("/v1/projections/weekly", { params: { query } }), [200]);
      seen.push(...(weeks.data?.weeks ?? []).map((w) => `${w.week_start}/${w.model}`));
      // Typed by WeekProjectionInputs: every row says what it was driven by.
      for (const w of weeks.data?.weeks ?? []) expect(Object.keys(w.inputs).length + (w.inputs.logged_days ?? 0)).toBeGreaterThanOrEqual(0);
      cursor = weeks.data?.next_cursor ?? undefined;
      if (cursor === undefined) break;
    }
    expect(seen.length % 2).toBe(0);
    expect(new Set(seen).size).toBe(seen.length);
    const sim = await call("simulateProjection", api.POST("/v1/projections/simulate", { body: { weeks: 4, intake_change_kcal: -500 } }), [200]);
    expect(sim.data?.models.dynamic).toHaveLength(5);
  });

  it("export: a zip of the data", async () => {
    const archive = await call("exportData", api.GET("/v1/export", { parseAs: "arrayBuffer" }), [200]);
    expect(
      Buffer.from(archive.data as ArrayBuffer)
        .subarray(0, 2)
        .toString("latin1"),
    ).toBe("PK");
  });

  it("erasure, last: the key stops working", async () => {
    await call("deleteMe", api.DELETE("/v1/me", { body: { confirm: email } }), [200]);
    const after = await api.GET("/v1/me");
    expect(after.response.status).toBe(401);
  });

  it("every operation in the document was exercised", () => {
    const documented = [...validator.operations.keys()].sort();
    expect(documented.filter((id) => !covered.has(id))).toEqual([]);
    expect(covered.size).toBe(documented.length);
  });
});
