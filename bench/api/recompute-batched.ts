import { and, between, eq, sql as dsql, type SQL } from "drizzle-orm";
import type { Deps } from "../../src/deps.js";
import { type DailyEnergyRow, dailyEnergy, type UserRow } from "../../src/db/schema/index.js";
import { type LocalDayWindow, localDayWindow } from "../../src/lib/local-day.js";
import { findUserById } from "../../src/modules/accounts/users.repo.js";
import { assembleDay } from "../../src/modules/energy/day-assembly.js";
import { personFor } from "./person.js";
import { bucketByDay } from "./range-buckets.js";
import { readRange, type SourceInfo, userSources } from "./range-reads.js";

export interface BatchedRun {
  chunkDays: number;
  /** Chunks processed at once (reads of one overlap the JS of another). */
  inFlight: number;
  totalMs: number;
  /** Summed over chunks. */
  readMs: number;
  jsMs: number;
  writeMs: number;
  sampleRows: number;
  /** Days whose numbers differ from what recomputeDay stored (should be 0). */
  mismatches: number;
  firstMismatch: string | null;
}

type DailyEnergyInsert = typeof dailyEnergy.$inferInsert;
export type ReferenceRows = Map<string, DailyEnergyRow>;

const UPDATE_COLUMNS = [
  "basalKcal",
  "activeKcal",
  "burnedKcal",
  "intakeKcal",
  "deficitKcal",
  "steps",
  "status",
  "coverageHours",
  "dayLengthHours",
  "intakeStatus",
  "basalMethod",
  "activeMethod",
  "breakdown",
  "hiitSessions",
  "computedAt",
] as const;
type UpdateColumn = (typeof UPDATE_COLUMNS)[number];
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const EXCLUDED = Object.fromEntries(UPDATE_COLUMNS.map((k) => [k, dsql.raw(`excluded.${snake(k)}`)])) as Record<UpdateColumn, SQL>;

/** The rows recomputeDay stored, to check that the prototype produces the same numbers. */
export async function referenceRows(deps: Deps, userId: string, dates: readonly string[]): Promise<ReferenceRows> {
  const rows = await deps.db
    .select()
    .from(dailyEnergy)
    .where(and(eq(dailyEnergy.userId, userId), between(dailyEnergy.localDate, dates[0] ?? "", dates.at(-1) ?? "")));
  return new Map(rows.map((r) => [r.localDate, r]));
}

function sameNumber(a: number | null | undefined, b: number | null | undefined, tolerance: number): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return Math.abs(a - b) <= tolerance;
}

function difference(stored: DailyEnergyRow | undefined, row: DailyEnergyInsert): string | null {
  if (!stored) return "no stored row";
  for (const k of ["basalKcal", "activeKcal", "burnedKcal", "intakeKcal", "deficitKcal", "steps", "hiitSessions"] as const) {
    if (!sameNumber(stored[k], row[k], 1e-6)) return `${k}: stored ${stored[k]}, batched ${row[k]}`;
  }
  if (!sameNumber(stored.coverageHours, row.coverageHours, 0.05)) return `coverageHours: stored ${stored.coverageHours}, batched ${row.coverageHours}`;
  for (const k of ["status", "intakeStatus", "basalMethod", "activeMethod"] as const) {
    if (stored[k] !== row[k]) return `${k}: stored ${stored[k]}, batched ${row[k]}`;
  }
  return null;
}

interface ChunkTimes {
  readMs: number;
  jsMs: number;
  writeMs: number;
  sampleRows: number;
  rows: DailyEnergyInsert[];
}

/** One chunk of contiguous days: six range reads, bucketing + assembleDay per day, one multi-row upsert. */
async function recomputeChunk(deps: Deps, user: UserRow, sources: readonly SourceInfo[], windows: readonly LocalDayWindow[]): Promise<ChunkTimes> {
  let t = performance.now();
  const reads = await readRange(deps.sql, user.id, windows, sources);
  const readMs = performance.now() - t;
  t = performance.now();
  const buckets = bucketByDay(windows, reads);
  const now = deps.clock.now();
  const rows: DailyEnergyInsert[] = [];
  let weightIndex = -1;
  windows.forEach((window, i) => {
    while ((reads.weights[weightIndex + 1]?.atMs ?? Number.POSITIVE_INFINITY) <= window.endMs) weightIndex++;
    const intake = reads.intake.forDay(window.localDate);
    const person = personFor(user, reads.weights[weightIndex]?.weightKg ?? null, window.localDate);
    const day = assembleDay({ window, nowMs: now.getTime(), person, samples: buckets.samples[i] ?? [], workouts: buckets.workouts[i] ?? [], intake });
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
      hiitSessions: reads.hiit.get(window.localDate) ?? 0,
      computedAt: now,
    });
  });
  const jsMs = performance.now() - t;
  t = performance.now();
  await deps.db.insert(dailyEnergy).values(rows).onConflictDoUpdate({ target: [dailyEnergy.userId, dailyEnergy.localDate], set: EXCLUDED });
  return { readMs, jsMs, writeMs: performance.now() - t, sampleRows: reads.samples.length, rows };
}

/**
 * Prototype of a range recompute in chunks of `chunkDays` days, checked day by day against the rows recomputeDay
 * stored (`reference`), so the timing is for identical results.
 */
export async function recomputeBatched(
  deps: Deps,
  userId: string,
  dates: readonly string[],
  chunk: { days: number; inFlight: number },
  reference: ReferenceRows,
): Promise<BatchedRun> {
  const started = performance.now();
  const user = await findUserById(deps.db, userId);
  if (!user) throw new Error("batched: user not found");
  const sources = await userSources(deps.sql, userId);
  const windows = dates.map((d) => localDayWindow(d, user.timeZone));
  const run: BatchedRun = { chunkDays: chunk.days, inFlight: chunk.inFlight, totalMs: 0, readMs: 0, jsMs: 0, writeMs: 0, sampleRows: 0, mismatches: 0, firstMismatch: null };
  const written: DailyEnergyInsert[] = [];
  const starts: number[] = [];
  for (let i = 0; i < windows.length; i += chunk.days) starts.push(i);
  await Promise.all(
    Array.from({ length: chunk.inFlight }, async () => {
      for (let i = starts.shift(); i !== undefined; i = starts.shift()) {
        const done = await recomputeChunk(deps, user, sources, windows.slice(i, i + chunk.days));
        run.readMs += done.readMs;
        run.jsMs += done.jsMs;
        run.writeMs += done.writeMs;
        run.sampleRows += done.sampleRows;
        written.push(...done.rows);
      }
    }),
  );
  run.totalMs = performance.now() - started;
  for (const row of written) {
    const diff = difference(reference.get(row.localDate), row);
    if (diff) {
      run.mismatches++;
      run.firstMismatch ??= `${row.localDate} ${diff}`;
    }
  }
  return run;
}
