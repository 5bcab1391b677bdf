import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samples, workouts } from "../../../src/db/schema/index.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { createHarness, expectProblem, type Harness, readJson } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { buildZip } from "../../helpers/zip-writer.js";

let h: Harness;
let pool: WorkerPool;
beforeAll(async () => {
  h = await createHarness({ LOG_LEVEL: "error" });
  pool = startWorkers(h.deps);
});
afterAll(async () => {
  await pool.close();
  await h.close();
});

describe("Apple Health export through POST /v1/imports", () => {
  it("imports export.xml: 202 with Location, then the records and workout the origin project asserts", async () => {
    const user = await h.createUser({ time_zone: "America/Los_Angeles" });
    const bytes = fixture("apple-health/hk2sqlite__export.xml");
    const res = await upload(h, user.apiKey, bytes, "?filename=export.xml");
    expect(res.status).toBe(202);
    const queued = await readJson<ImportBody>(res);
    expect(queued).toMatchObject({ status: "queued", format: "apple_health_xml", bytes: bytes.length });
    expect(queued.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(res.headers.get("location")).toBe(`/v1/imports/${queued.id}`);

    const done = await settledImport(h, user.apiKey, queued.id);
    expect(done.status).toBe("completed");
    expect(done.counts.heart_rate).toEqual({ parsed: 1, inserted: 1, duplicate: 0, rejected: 0 });
    expect(done.counts.workout).toEqual({ parsed: 1, inserted: 1, duplicate: 0, rejected: 0 });
    expect(done.progress.bytes).toBe(bytes.length);

    const list = await readJson<{ workouts: Record<string, unknown>[] }>(
      await h.request("/v1/workouts?from=2016-11-14&to=2016-11-14", { key: user.apiKey }),
    );
    expect(list.workouts).toHaveLength(1);
    const w = list.workouts[0] ?? {};
    expect(w.activity_type).toBe("running");
    expect(w.start).toBe("2016-11-14T07:25:41.000-07:00");
    expect(w.duration_s).toBeCloseTo(5.19412346680959 * 60, 6);
    expect(w.distance_m).toBeCloseTo(0.4971749504535062 * 1609.344, 2);
    expect(w.active_energy_kcal).toBe(49); // 48.745 kcal in the file, answered to 1 kcal
    expect(w.import_id).toBe(queued.id);

    const hrRes = await h.request("/v1/samples?type=heart_rate&from=2018-09-10&to=2018-09-10", { key: user.apiKey });
    expect(hrRes.status).toBe(200);
    const hr = await readJson<{ samples: Record<string, unknown>[] }>(hrRes);
    expect(hr.samples).toEqual([expect.objectContaining({ value: 72, unit: "bpm", start: "2018-09-10T02:28:55.000-07:00", utc_offset_min: -420 })]);
  });

  it("the same bytes again answer 200 with the same import and add no rows", async () => {
    const user = await h.createUser();
    const bytes = fixture("apple-health/hk2sqlite__export.xml");
    const first = await readJson<ImportBody>(await upload(h, user.apiKey, bytes));
    await settledImport(h, user.apiKey, first.id);
    const countRows = async () =>
      (await h.deps.db.select().from(samples).where(eq(samples.userId, user.id))).length +
      (await h.deps.db.select().from(workouts).where(eq(workouts.userId, user.id))).length;
    const before = await countRows();

    const again = await upload(h, user.apiKey, bytes);
    expect(again.status).toBe(200);
    expect((await readJson<ImportBody>(again)).id).toBe(first.id);
    const jobs = await h.deps.queues.imports.getJobs(["waiting", "active", "delayed", "completed", "failed"]);
    expect(jobs.filter((j) => j.name === "imports.run" && j.data.importId === first.id)).toHaveLength(1);
    expect(await countRows()).toBe(before);
  });

  it("imports a zip whose export file has a localized name, counting overlap as duplicates", async () => {
    const user = await h.createUser();
    const xml = fixture("apple-health/hk2sqlite__export.xml");
    const plain = await readJson<ImportBody>(await upload(h, user.apiKey, xml));
    await settledImport(h, user.apiKey, plain.id);

    const zip = buildZip([{ name: "apple_health_export/exportar.xml", data: xml }]);
    const res = await upload(h, user.apiKey, zip);
    expect(res.status).toBe(202);
    const zipped = await settledImport(h, user.apiKey, (await readJson<ImportBody>(res)).id);
    expect(zipped.format).toBe("apple_health_zip");
    expect(zipped.counts.workout).toEqual({ parsed: 1, inserted: 0, duplicate: 1, rejected: 0 });
    expect(zipped.counts.heart_rate).toEqual({ parsed: 1, inserted: 0, duplicate: 1, rejected: 0 });
    const stored = await h.deps.db.select().from(workouts).where(eq(workouts.userId, user.id));
    expect(stored).toHaveLength(1);
  });

  it("keeps other users' imports invisible: 404", async () => {
    const alice = await h.createUser();
    const bob = await h.createUser();
    const bobs = await readJson<ImportBody>(await upload(h, bob.apiKey, fixture("apple-health/hk2sqlite__export.xml")));
    await expectProblem(await h.request(`/v1/imports/${bobs.id}`, { key: alice.apiKey }), 404, "NOT_FOUND");
    const aliceList = await readJson<{ imports: unknown[] }>(await h.request("/v1/imports", { key: alice.apiKey }));
    expect(aliceList.imports).toHaveLength(0);
    await settledImport(h, bob.apiKey, bobs.id);
    const bobWorkouts = await h.deps.db.select().from(workouts).where(eq(workouts.userId, bob.id));
    const bobWorkoutId = bobWorkouts[0]?.id ?? "";
    await expectProblem(await h.request(`/v1/workouts/${bobWorkoutId}`, { key: alice.apiKey }), 404, "NOT_FOUND");
    expect((await h.request(`/v1/workouts/${bobWorkoutId}`, { key: bob.apiKey })).status).toBe(200);
  });

  it("rejects absurd records one by one with where and why, keeping the valid ones", async () => {
    const user = await h.createUser();
    const res = await upload(h, user.apiKey, fixture("hostile/absurd-values.xml"));
    const done = await settledImport(h, user.apiKey, (await readJson<ImportBody>(res)).id);
    expect(done.status).toBe("completed");
    expect(done.rejected_records.length).toBe(5);
    for (const r of done.rejected_records) {
      expect(r.where).toMatch(/^line \d+$/);
      expect(r.reason.length).toBeGreaterThan(5);
    }
    const kept = await h.deps.db
      .select()
      .from(samples)
      .where(and(eq(samples.userId, user.id), eq(samples.type, "steps")));
    expect(kept.map((s) => s.value)).toEqual([512]);
  });
});
