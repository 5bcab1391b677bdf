import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { HrSample } from "../../../src/domain/hiit/hr-cleaning.js";
import { isoWithOffset } from "../../../src/lib/zone.js";
import { type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";
import { repeatPhases, syntheticHeartRate, withWarmUpAndCoolDown } from "../../helpers/synthetic-hr.js";

export const WATCH = { name: "Watch", device_type: "watch" };
export const SETTLE_TIMEOUT_MS = 25_000;
/** Test users live in Europe/Berlin; November is +01:00, and clients send local offsets. */
export const BERLIN_OFFSET_MIN = 60;
const local = (ms: number) => isoWithOffset(ms, BERLIN_OFFSET_MIN);

/** TV-I1 bout windows, seconds from the session start (docs/science.md §7.10). */
export const I1_WINDOWS_SEC: ReadonlyArray<readonly [number, number]> = [
  [321, 388],
  [437, 508],
  [557, 628],
  [677, 748],
  [797, 868],
  [917, 988],
  [1037, 1108],
  [1157, 1228],
  [1277, 1348],
  [1397, 1468],
];

/** TV-I1: warm-up, 10 × (60 s @178 / 60 s @115), cool-down, from the shared generator, starting at `startMs`. */
export function tenBy60(startMs: number): HrSample[] {
  const phases = repeatPhases(10, [
    { durationSec: 60, targetBpm: 178 },
    { durationSec: 60, targetBpm: 115 },
  ]);
  return syntheticHeartRate(withWarmUpAndCoolDown(phases), startMs);
}

/** TV-I2: warm-up, 40 min steady at 139 bpm (75 % of 185), cool-down. */
export function steady75(startMs: number): HrSample[] {
  return syntheticHeartRate(withWarmUpAndCoolDown([{ durationSec: 2400, targetBpm: 139 }]), startMs);
}

export function everyNthSecond(samples: readonly HrSample[], startMs: number, n: number): HrSample[] {
  return samples.filter((s) => ((s.tMs - startMs) / 1000) % n === 0);
}

export function syncWorkout(hr: readonly HrSample[], activityType = "cycling") {
  const startMs = hr[0]?.tMs ?? 0;
  const endMs = hr.at(-1)?.tMs ?? 0;
  return {
    external_id: `w-${randomUUID()}`,
    activity_type: activityType,
    start: local(startMs),
    end: local(endMs),
    source: WATCH,
    heart_rate: hr.map((s) => ({ t: local(s.tMs), bpm: s.bpm })),
  };
}

export function heartRateSamples(hr: readonly HrSample[], source: object = WATCH) {
  return hr.map((s) => {
    const t = local(s.tMs);
    return { type: "heart_rate", start: t, end: t, value: s.bpm, unit: "bpm", source };
  });
}

export async function sync(h: Harness, user: TestUser, body: { samples?: object[]; workouts?: object[] }) {
  const res = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": randomUUID() }, json: body });
  expect(res.status).toBe(200);
  const result = await readJson<{ accepted: number; rejected: number; rejected_items: unknown[] }>(res);
  expect(result.rejected_items).toEqual([]);
  return result;
}

export interface IntervalBody {
  start: string;
  end: string;
  peak_bpm: number | null;
  mean_bpm: number | null;
}

export interface SessionBody {
  id: string;
  workout_id: string | null;
  start: string;
  end: string;
  intervals: IntervalBody[];
  work_seconds: number;
  recovery_seconds: number;
  threshold_bpm: number;
  hr_max_bpm: number;
  method_version: string;
}

export interface WorkoutHiitBody {
  id: string;
  device_labeled_hiit: boolean;
  hiit: boolean | null;
  hiit_intervals: IntervalBody[];
  intensity_minutes: Record<"very_light" | "light" | "moderate" | "vigorous" | "near_maximal", number> | null;
}

/** Polls /v1/hiit-sessions until no HIIT job of the user is queued or running (`pending: false`). */
export async function settledSessions(h: Harness, user: TestUser, from: string, to: string): Promise<SessionBody[]> {
  return waitFor(
    async () => {
      const res = await h.request(`/v1/hiit-sessions?from=${from}&to=${to}`, { key: user.apiKey });
      const body = await readJson<{ sessions: SessionBody[]; pending: boolean }>(res);
      return res.status === 200 && !body.pending ? body.sessions : undefined;
    },
    SETTLE_TIMEOUT_MS,
    "HIIT detection to settle",
  );
}

export async function settledDayHiitCount(h: Harness, user: TestUser, date: string, expected: number): Promise<number> {
  return waitFor(
    async () => {
      const body = await readJson<{ days: { hiit_sessions: number }[]; pending: boolean }>(
        await h.request(`/v1/days?from=${date}&to=${date}`, { key: user.apiKey }),
      );
      const count = body.days[0]?.hiit_sessions;
      return !body.pending && count === expected ? count : undefined;
    },
    SETTLE_TIMEOUT_MS,
    `/v1/days ${date} to count ${expected} HIIT session(s)`,
  );
}

export async function workoutHiit(h: Harness, user: TestUser, workoutId: string): Promise<WorkoutHiitBody> {
  const res = await h.request(`/v1/workouts/${workoutId}`, { key: user.apiKey });
  expect(res.status).toBe(200);
  return readJson<WorkoutHiitBody>(res);
}

export async function onlyWorkoutId(h: Harness, user: TestUser): Promise<string> {
  const rows = await h.deps.sql<{ id: string }[]>`select id from workouts where user_id = ${user.id}`;
  expect(rows).toHaveLength(1);
  return rows[0]?.id ?? "";
}

/** Interval windows in seconds from `originMs`. */
export function windowsSec(intervals: readonly IntervalBody[], originMs: number): number[][] {
  return intervals.map((i) => [(Date.parse(i.start) - originMs) / 1000, (Date.parse(i.end) - originMs) / 1000]);
}

export function expectWindowsWithin(actual: number[][], expected: ReadonlyArray<readonly [number, number]>, toleranceSec: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach(([start, end], i) => {
    const [expectedStart, expectedEnd] = expected[i] ?? [Number.NaN, Number.NaN];
    expect(Math.abs((start ?? Number.NaN) - expectedStart)).toBeLessThanOrEqual(toleranceSec);
    expect(Math.abs((end ?? Number.NaN) - expectedEnd)).toBeLessThanOrEqual(toleranceSec);
  });
}

/** A workout the client sends without heart rate (its HR arrives as samples, like Apple Health). */
export function syncWorkoutWithoutHeartRate(startMs: number, endMs: number, activityType = "mixed_cardio") {
  return { external_id: `w-${randomUUID()}`, activity_type: activityType, start: local(startMs), end: local(endMs), source: WATCH };
}

export interface AnalysisRow {
  workoutId: string | null;
  localDate: string;
  isHiit: boolean;
  hrMaxBpm: number;
  hrMaxSource: string;
}

export async function analysesOf(h: Harness, user: TestUser): Promise<AnalysisRow[]> {
  return h.deps.sql<AnalysisRow[]>`
    select workout_id as "workoutId", local_date::text as "localDate", is_hiit as "isHiit", hr_max_bpm as "hrMaxBpm",
           hr_max_source as "hrMaxSource"
    from hiit_analyses where user_id = ${user.id} order by local_date, workout_id nulls first`;
}
