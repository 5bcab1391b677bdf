import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METHOD_VERSION } from "../../../src/domain/hiit/detector.js";
import { reconcileStaleAnalyses } from "../../../src/modules/hiit/redetection.service.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";
import {
  everyNthSecond,
  expectWindowsWithin,
  I1_WINDOWS_SEC,
  onlyWorkoutId,
  SETTLE_TIMEOUT_MS,
  settledDayHiitCount,
  settledSessions,
  steady75,
  sync,
  syncWorkout,
  tenBy60,
  windowsSec,
  workoutHiit,
} from "./hiit-test-kit.js";

let h: Harness;
let pool: WorkerPool;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
  pool = startWorkers(h.deps);
});
afterAll(async () => {
  await pool.close();
  await h.close();
});

const DATE = "2026-11-20";
const START_MS = Date.parse(`${DATE}T17:00:00Z`);
const PROFILE = { time_zone: "Europe/Berlin", hr_max_bpm: 185 };

async function analysisOf(workoutId: string) {
  return h.deps.sql<{ id: string; isHiit: boolean; hrMaxBpm: number; hrMaxSource: string; methodVersion: string }[]>`
    select id, is_hiit as "isHiit", hr_max_bpm as "hrMaxBpm", hr_max_source as "hrMaxSource", method_version as "methodVersion"
    from hiit_analyses where workout_id = ${workoutId}`;
}

describe("HIIT detection of synced workouts", () => {
  it("TV-I1 10 × 60/60 s: one session of 10 intervals, hiit true, counted in /v1/days", async () => {
    const user = await h.createUser(PROFILE);
    await sync(h, user, { workouts: [syncWorkout(tenBy60(START_MS))] });
    const sessions = await settledSessions(h, user, DATE, DATE);
    const workoutId = await onlyWorkoutId(h, user);

    expect(sessions).toHaveLength(1);
    const session = sessions[0];
    expect(session).toMatchObject({ workout_id: workoutId, threshold_bpm: 157.3, hr_max_bpm: 185, method_version: METHOD_VERSION });
    expect(session?.start).toMatch(/\+01:00$/);
    expect(session?.intervals).toHaveLength(10);
    expectWindowsWithin(windowsSec(session?.intervals ?? [], START_MS), I1_WINDOWS_SEC, 2);
    const workSec = windowsSec(session?.intervals ?? [], START_MS).reduce((sum, [a = 0, b = 0]) => sum + b - a, 0);
    expect(session?.work_seconds).toBe(workSec);
    for (const interval of session?.intervals ?? []) {
      expect(interval.peak_bpm).toBeGreaterThanOrEqual(157.25);
      expect(interval.mean_bpm).toBeLessThanOrEqual(interval.peak_bpm ?? 0);
    }

    const detail = await workoutHiit(h, user, workoutId);
    expect(detail).toMatchObject({ hiit: true, device_labeled_hiit: false });
    expect(detail.hiit_intervals).toEqual(session?.intervals);
    const minutes = Object.values(detail.intensity_minutes ?? {});
    expect(minutes.reduce((a, b) => a + b, 0)).toBeCloseTo(30, 0);
    expect((detail.intensity_minutes?.vigorous ?? 0) + (detail.intensity_minutes?.near_maximal ?? 0)).toBeGreaterThan(5);

    const [analysis] = await analysisOf(workoutId);
    expect(analysis).toMatchObject({ isHiit: true, hrMaxBpm: 185, hrMaxSource: "profile", methodVersion: METHOD_VERSION });
    await settledDayHiitCount(h, user, DATE, 1);
  });

  it("TV-I2 steady 75 % labelled HIIT by the device: no session, hiit false, the device label kept apart", async () => {
    const user = await h.createUser(PROFILE);
    await sync(h, user, { workouts: [syncWorkout(steady75(START_MS), "HIIT")] });
    expect(await settledSessions(h, user, DATE, DATE)).toEqual([]);
    const workoutId = await onlyWorkoutId(h, user);
    const detail = await workoutHiit(h, user, workoutId);
    expect(detail).toMatchObject({ hiit: false, device_labeled_hiit: true, hiit_intervals: [] });
    expect(detail.intensity_minutes?.moderate).toBeGreaterThan(30);
    expect(detail.intensity_minutes?.near_maximal).toBe(0);
    expect((await analysisOf(workoutId))[0]?.isHiit).toBe(false);
    await settledDayHiitCount(h, user, DATE, 0);
  });

  it("TV-I5: the same protocol sampled every 5 s gives the same bouts (±2 s)", async () => {
    const user = await h.createUser(PROFILE);
    await sync(h, user, { workouts: [syncWorkout(everyNthSecond(tenBy60(START_MS), START_MS, 5))] });
    const sessions = await settledSessions(h, user, DATE, DATE);
    expect(sessions).toHaveLength(1);
    expectWindowsWithin(windowsSec(sessions[0]?.intervals ?? [], START_MS), I1_WINDOWS_SEC, 2);
  });

  it("changing hr_max_bpm re-detects: new HRmax and threshold, and no session once HRmax is out of reach", async () => {
    const user = await h.createUser(PROFILE);
    await sync(h, user, { workouts: [syncWorkout(tenBy60(START_MS))] });
    const before = await settledSessions(h, user, DATE, DATE);
    expect(before[0]?.hr_max_bpm).toBe(185);

    const patch = (hrMaxBpm: number) => h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { hr_max_bpm: hrMaxBpm } });
    expect((await patch(200)).status).toBe(200);
    const raised = await settledSessions(h, user, DATE, DATE);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ hr_max_bpm: 200, threshold_bpm: 170 });
    expect(raised[0]?.intervals).toHaveLength(10);
    expect(raised[0]?.id).not.toBe(before[0]?.id);

    expect((await patch(220)).status).toBe(200);
    expect(await settledSessions(h, user, DATE, DATE)).toEqual([]);
    const workoutId = await onlyWorkoutId(h, user);
    expect((await workoutHiit(h, user, workoutId)).hiit).toBe(false);
    expect((await analysisOf(workoutId))[0]).toMatchObject({ hrMaxBpm: 220, isHiit: false });
    await settledDayHiitCount(h, user, DATE, 0);
  });

  it("an analysis stored by another method version is detected again by the reconciler", async () => {
    const user = await h.createUser(PROFILE);
    await sync(h, user, { workouts: [syncWorkout(tenBy60(START_MS))] });
    await settledSessions(h, user, DATE, DATE);
    const workoutId = await onlyWorkoutId(h, user);
    const [old] = await analysisOf(workoutId);
    await h.deps.sql`update hiit_analyses set method_version = 'hiit-hr-hysteresis/0' where workout_id = ${workoutId}`;

    expect(await reconcileStaleAnalyses(h.deps)).toBeGreaterThanOrEqual(1);
    const redone = await waitFor(
      async () => {
        const [row] = await analysisOf(workoutId);
        return row && row.methodVersion === METHOD_VERSION ? row : undefined;
      },
      SETTLE_TIMEOUT_MS,
      "the stale analysis to be redone",
    );
    expect(redone.id).not.toBe(old?.id);
    expect(await settledSessions(h, user, DATE, DATE)).toHaveLength(1);
  });
});

describe("HIIT API scoping and validation", () => {
  it("another user's workout is 404 and their sessions are invisible", async () => {
    const owner = await h.createUser(PROFILE);
    const other = await h.createUser(PROFILE);
    await sync(h, owner, { workouts: [syncWorkout(tenBy60(START_MS))] });
    expect(await settledSessions(h, owner, DATE, DATE)).toHaveLength(1);
    const workoutId = await onlyWorkoutId(h, owner);

    await expectProblem(await h.request(`/v1/workouts/${workoutId}`, { key: other.apiKey }), 404);
    const theirs = await readJson<{ sessions: unknown[]; pending: boolean }>(
      await h.request(`/v1/hiit-sessions?from=${DATE}&to=${DATE}`, { key: other.apiKey }),
    );
    expect(theirs).toEqual({ sessions: [], next_cursor: null, pending: false });
  });

  it("rejects reversed and malformed ranges with problem+json 400 (any length is paged), and needs a key", async () => {
    const user = await h.createUser(PROFILE);
    await expectProblem(await h.request("/v1/hiit-sessions?from=2026-11-20&to=2026-11-19", { key: user.apiKey }), 400);
    expect((await h.request("/v1/hiit-sessions?from=2025-01-01&to=2026-01-02", { key: user.apiKey })).status).toBe(200);
    await expectProblem(await h.request("/v1/hiit-sessions?from=yesterday&to=2026-11-19", { key: user.apiKey }), 400);
    await expectProblem(await h.request(`/v1/hiit-sessions?from=${DATE}&to=${DATE}`), 401);
  });
});
