import { describe, expect, it } from "vitest";
import { JOBS } from "../../../src/jobs/definitions.js";
import { jobFor, jobKey } from "../../../src/jobs/enqueue.js";
import { userSchedulerId } from "../../../src/jobs/schedules.js";

const USER = "usr_0000000000";

describe("the BullMQ options each job's identity policy gives", () => {
  it("debounce: delayed, and a request while waiting replaces it until the delay is over", () => {
    expect(jobFor("energy.recompute-day", { userId: USER, localDate: "2026-11-24" }).opts).toEqual({
      attempts: 5,
      delay: 2_000,
      deduplication: { id: `recompute-day-${USER}-2026-11-24`, ttl: 2_000, extend: true, replace: true },
    });
    expect(jobFor("hiit.detect-workout", { userId: USER, workoutId: "wkt_0000000001" }).opts).toEqual({
      attempts: 5,
      delay: 1_000,
      deduplication: { id: "hiit-workout-wkt_0000000001", ttl: 1_000, extend: true, replace: true },
    });
  });

  it("debounce-keep-last: no ttl, so a request while it runs is kept and runs after it", () => {
    expect(jobFor("projections.project-week", { userId: USER, weekStart: "2026-11-23" }).opts).toEqual({
      attempts: 5,
      delay: 3_000,
      deduplication: { id: `project-week-${USER}-2026-11-23`, extend: true, replace: true, keepLastIfActive: true },
    });
  });

  it("coalesce: not delayed, a running range is followed by one more", () => {
    expect(jobFor("energy.recompute-range", { userId: USER, from: "2026-01-01", to: "2026-01-31" }).opts).toEqual({
      attempts: 5,
      deduplication: { id: `recompute-range-${USER}-2026-01-01-2026-01-31`, keepLastIfActive: true },
    });
  });

  it("throttle: one key use per key per minute", () => {
    expect(jobFor("accounts.record-key-use", { apiKeyId: "key_0000000001", usedAt: "2026-11-24T07:00:00.000Z" }).opts).toEqual({
      attempts: 3,
      deduplication: { id: "record-key-use-key_0000000001", ttl: 60_000 },
    });
  });

  it("job-id: an import's later runs are new jobs, its first run keeps the plain id", () => {
    expect(jobFor("imports.run", { importId: "imp_0000000001", run: 1 }).opts).toEqual({ attempts: 5, jobId: "import-imp_0000000001" });
    expect(jobKey("imports.run", { importId: "imp_0000000001" })).toBe("import-imp_0000000001");
    expect(jobKey("imports.run", { importId: "imp_0000000001", run: 3 })).toBe("import-imp_0000000001-run-3");
    expect(jobKey("workouts.regroup-user", { userId: USER })).toBe(`regroup-user-${USER}`);
  });

  it("jobs without an identity get only their retries; payloads are checked before they reach Redis", () => {
    expect(jobFor("energy.finalize-yesterday", { userId: USER }).opts).toEqual({ attempts: 3 });
    expect(() => jobFor("energy.recompute-day", { userId: "nobody", localDate: "2026-11-24" })).toThrow();
    expect(() => jobFor("projections.project-week", { userId: USER, weekStart: "2026-11-24" })).toThrow(/Monday/);
  });
});

describe("schedules and markers declared in JOBS", () => {
  it("per-user schedules are named per user; repeating ones have one id", () => {
    expect(userSchedulerId("energy.finalize-yesterday", USER)).toBe(`nightly-finalize-${USER}`);
    expect(userSchedulerId("projections.project-last-week", USER)).toBe(`project-last-week-${USER}`);
    expect(userSchedulerId("energy.recompute-day", USER)).toBeNull();
    expect(JOBS["imports.reconcile"].schedule).toEqual({ every: 60_000, schedulerId: "imports-reconcile" });
    expect(JOBS["hiit.reconcile"].schedule).toEqual({ every: 600_000, schedulerId: "hiit-reconcile" });
    expect(JOBS["energy.reconcile-days"].schedule).toEqual({ every: 30_000, schedulerId: "days-reconcile" });
  });

  it("day recomputes keep no Redis marker: their pending flag is the dirty-days row in Postgres", () => {
    expect(JOBS["energy.recompute-day"]).not.toHaveProperty("pending");
    expect(JOBS["energy.recompute-range"]).not.toHaveProperty("pending");
  });

  it("work behind an API pending flag names its unit of work", () => {
    expect(JOBS["projections.project-week"].pending?.({ userId: USER, weekStart: "2026-11-23" })).toEqual({
      kind: "projection",
      userId: USER,
      member: "2026-11-23",
    });
    expect(JOBS["hiit.redetect-user"].pending?.({ userId: USER })).toEqual({ kind: "hiit", userId: USER, member: "all" });
  });
});
