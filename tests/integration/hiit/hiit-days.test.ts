import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxSmoothedHrBpm } from "../../../src/domain/hiit/max-hr.js";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness } from "../../helpers/harness.js";
import {
  analysesOf,
  everyNthSecond,
  expectWindowsWithin,
  heartRateSamples,
  I1_WINDOWS_SEC,
  onlyWorkoutId,
  settledDayHiitCount,
  settledSessions,
  steady75,
  sync,
  syncWorkout,
  syncWorkoutWithoutHeartRate,
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

const MIN_MS = 60_000;

describe("HIIT in heart rate recorded outside workouts", () => {
  it("dense interval HR outside workouts is a session without a workout; HR inside a stream-less workout is that workout's", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin", hr_max_bpm: 185 });
    const morningMs = Date.parse("2026-11-19T08:00:00Z");
    const afternoonMs = Date.parse("2026-11-19T13:00:00Z");
    const afternoon = everyNthSecond(tenBy60(afternoonMs), afternoonMs, 2);
    await sync(h, user, {
      samples: heartRateSamples([...everyNthSecond(tenBy60(morningMs), morningMs, 2), ...afternoon]),
      workouts: [syncWorkoutWithoutHeartRate(afternoonMs, afternoon.at(-1)?.tMs ?? afternoonMs)],
    });

    const sessions = await settledSessions(h, user, "2026-11-19", "2026-11-19");
    const workoutId = await onlyWorkoutId(h, user);
    expect(sessions.map((s) => s.workout_id)).toEqual([null, workoutId]);
    expectWindowsWithin(windowsSec(sessions[0]?.intervals ?? [], morningMs), I1_WINDOWS_SEC, 2);
    expectWindowsWithin(windowsSec(sessions[1]?.intervals ?? [], afternoonMs), I1_WINDOWS_SEC, 2);
    expect(sessions[0]?.start).toMatch(/^2026-11-19T09:05:2\d\.000\+01:00$/);
    expect((await workoutHiit(h, user, workoutId)).hiit).toBe(true);
    expect((await analysesOf(h, user)).map((a) => [a.workoutId, a.isHiit])).toEqual([
      [null, true],
      [workoutId, true],
    ]);
    await settledDayHiitCount(h, user, "2026-11-19", 2);
  });

  it("sparse all-day HR (one sample every 5 min, even with high values) is not analysed", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin", hr_max_bpm: 185 });
    const dayStartMs = Date.parse("2026-11-17T23:00:00Z");
    const sparse = Array.from({ length: 288 }, (_, i) => ({ tMs: dayStartMs + i * 5 * MIN_MS, bpm: i % 2 === 0 ? 70 : 175 }));
    await sync(h, user, { samples: heartRateSamples(sparse) });
    expect(await settledSessions(h, user, "2026-11-18", "2026-11-18")).toEqual([]);
    expect(await analysesOf(h, user)).toEqual([]);
    await settledDayHiitCount(h, user, "2026-11-18", 0);
  });
});

describe("HRmax when the profile has none", () => {
  it("age-based HRmax is raised by the observed 90-day maximum, and a new maximum re-detects later workouts", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin", birth_date: "1966-06-15" });
    const tanakaBpm = 208 - 0.7 * 60;
    await sync(h, user, { workouts: [syncWorkout(steady75(Date.parse("2026-11-20T17:00:00Z")))] });
    await settledSessions(h, user, "2026-11-01", "2026-11-30");
    const [steady] = await analysesOf(h, user);
    expect(steady).toMatchObject({ hrMaxSource: "tanaka", isHiit: false });
    expect(steady?.hrMaxBpm).toBeCloseTo(tanakaBpm, 4);

    // TV-I1 ten days earlier peaks above Tanaka: it sets the observed maximum for itself and for the later workout.
    const intervals = tenBy60(Date.parse("2026-11-10T17:00:00Z"));
    const peakBpm = maxSmoothedHrBpm(intervals) ?? Number.NaN;
    expect(peakBpm).toBeGreaterThan(tanakaBpm);
    await sync(h, user, { workouts: [syncWorkout(intervals)] });
    const sessions = await settledSessions(h, user, "2026-11-01", "2026-11-30");
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.hr_max_bpm).toBeCloseTo(peakBpm, 1);
    expect(sessions[0]?.intervals).toHaveLength(10);
    const analyses = await analysesOf(h, user);
    expect(analyses.map((a) => [a.localDate, a.hrMaxSource])).toEqual([
      ["2026-11-10", "observed"],
      ["2026-11-20", "observed"],
    ]);
    for (const a of analyses) expect(a.hrMaxBpm).toBeCloseTo(peakBpm, 1);
  });

  it("without a profile HRmax or a birth date a workout is not analysed: hiit is null", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin" });
    await sync(h, user, { workouts: [syncWorkout(tenBy60(Date.parse("2026-11-20T17:00:00Z")))] });
    expect(await settledSessions(h, user, "2026-11-20", "2026-11-20")).toEqual([]);
    const detail = await workoutHiit(h, user, await onlyWorkoutId(h, user));
    expect(detail).toMatchObject({ hiit: null, hiit_intervals: [], intensity_minutes: null });
    expect(await analysesOf(h, user)).toEqual([]);

    expect((await h.request("/v1/me", { method: "PATCH", key: user.apiKey, json: { birth_date: "1990-01-01" } })).status).toBe(200);
    expect(await settledSessions(h, user, "2026-11-20", "2026-11-20")).toHaveLength(1);
    expect((await workoutHiit(h, user, await onlyWorkoutId(h, user))).hiit).toBe(true);
  });
});
