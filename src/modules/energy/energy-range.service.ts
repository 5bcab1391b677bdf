import type { Deps } from "../../deps.js";
import type { dailyEnergy, UserRow } from "../../db/schema/index.js";
import { type LocalDayWindow, localDayWindow } from "../../lib/local-day.js";
import { ageYears, nextDate } from "../../lib/time.js";
import { findUserById } from "../accounts/users.repo.js";
import { countHiitSessionsByDate } from "../hiit/hiit.service.js";
import { intakeForRange } from "../intake/intake-range.js";
import { assembleDay } from "./day-assembly.js";
import { bucketByDay } from "./day-buckets.js";
import { type RangeSampleRow, rangeSamples, rangeWorkouts, upsertDailyEnergyRows, userSources, weightsThrough } from "./energy-range.repo.js";
import type { PersonForEstimates } from "./workout-estimates.js";

/** Days read and written together: bigger chunks decode one huge result set for no gain (BENCHMARKS.md, bench:api). */
export const RECOMPUTE_CHUNK_DAYS = 31;
/** Chunks in flight: the reads of one overlap the JS of the other. */
const CHUNKS_IN_FLIGHT = 2;

type DailyEnergyInsert = typeof dailyEnergy.$inferInsert;

/** The local dates from..to inclusive (YYYY-MM-DD); empty when to < from. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = nextDate(d)) dates.push(d);
  return dates;
}

/**
 * Recomputes every local day in [from, to] from the raw rows and upserts their daily_energy rows, a chunk of
 * ≤ 31 days at a time. Never increments: rerunning writes the same numbers. Returns the number of days
 * written, or null when the user no longer exists. recomputeDay is the one-day case of this.
 */
export async function recomputeDays(deps: Deps, userId: string, from: string, to: string): Promise<number | null> {
  const user = await findUserById(deps.db, userId);
  if (!user) return null;
  const windows = datesBetween(from, to).map((d) => localDayWindow(d, user.timeZone));
  const chunks: LocalDayWindow[][] = [];
  for (let i = 0; i < windows.length; i += RECOMPUTE_CHUNK_DAYS) chunks.push(windows.slice(i, i + RECOMPUTE_CHUNK_DAYS));
  await Promise.all(
    Array.from({ length: Math.min(CHUNKS_IN_FLIGHT, chunks.length) }, async () => {
      for (let chunk = chunks.shift(); chunk !== undefined; chunk = chunks.shift()) await recomputeChunk(deps, user, chunk);
    }),
  );
  return windows.length;
}

async function recomputeChunk(deps: Deps, user: UserRow, windows: readonly LocalDayWindow[]): Promise<void> {
  const first = windows[0];
  const last = windows.at(-1);
  if (!first || !last) return;
  const [sources, rawSamples, workouts, intakeOf, weights, hiitByDate] = await Promise.all([
    userSources(deps.sql, user.id),
    rangeSamples(deps.sql, user.id, first.startMs, last.endMs),
    rangeWorkouts(deps.sql, user.id, first.startMs, last.endMs),
    intakeForRange(deps.db, user.id, first.localDate, last.localDate),
    weightsThrough(deps.sql, user.id, first.startMs, last.endMs),
    countHiitSessionsByDate(deps, user.id, first.localDate, last.localDate),
  ]);
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  // Fresh literals, not spreads: postgres.js rows are dictionary-mode objects, and spreading them made the
  // per-row work in assembleDay ~3x slower (measured).
  const samples: RangeSampleRow[] = rawSamples.map((r) => {
    const src = sourceById.get(r.sourceId);
    const source = { deviceType: src?.deviceType ?? "app", sourceName: src?.name ?? "?", priority: src?.priority ?? null };
    return { type: r.type, sourceId: r.sourceId, ...source, startMs: r.startMs, endMs: r.endMs, value: r.value, localDate: r.localDate };
  });
  const buckets = bucketByDay(windows, samples, workouts);
  const now = deps.clock.now();
  const rows: DailyEnergyInsert[] = [];
  let weightIndex = -1;
  windows.forEach((window, i) => {
    // The latest weight measured at or before the day's end (the profile's weight when there is none).
    while ((weights[weightIndex + 1]?.atMs ?? Number.POSITIVE_INFINITY) <= window.endMs) weightIndex++;
    const intake = intakeOf(window.localDate);
    const person = personOn(user, weights[weightIndex]?.weightKg ?? null, window.localDate);
    const day = assembleDay({
      window,
      nowMs: now.getTime(),
      person,
      samples: buckets.samples[i] ?? [],
      workouts: buckets.workouts[i] ?? [],
      intake: { totalKcal: intake.intakeKcal, entryCount: intake.entryCount, status: intake.status, fasted: intake.fasted, possiblyPartial: intake.possiblyPartial },
    });
    rows.push({
      userId: user.id,
      localDate: window.localDate,
      basalKcal: day.energy.basalKcal,
      activeKcal: day.energy.activeKcal,
      burnedKcal: day.energy.burnedKcal,
      intakeKcal: day.energy.intakeKcal,
      deficitKcal: day.energy.deficitKcal,
      steps: day.steps,
      status: day.status,
      coverageHours: day.coverageHours,
      dayLengthHours: window.hours,
      intakeStatus: day.intakeStatus,
      basalMethod: day.basalMethod,
      activeMethod: day.activeMethod,
      breakdown: day.breakdown,
      hiitSessions: hiitByDate.get(window.localDate) ?? 0,
      computedAt: now,
    });
  });
  await upsertDailyEnergyRows(deps.db, rows);
}

/** The profile with the latest measured weight (else the profile's), or null without a full profile. */
function personOn(user: UserRow, measuredWeightKg: number | null, localDate: string): PersonForEstimates | null {
  const weightKg = measuredWeightKg ?? user.weightKg;
  return user.sex && user.birthDate && user.heightCm && weightKg
    ? { sex: user.sex, ageYears: ageYears(user.birthDate, localDate), heightCm: user.heightCm, weightKg }
    : null;
}
