import type { Deps } from "../../src/deps.js";
import { type BatchedRun, recomputeBatched, referenceRows } from "./recompute-batched.js";
import { profileRecompute, type RecomputeProfile } from "./recompute-profile.js";
import { recomputeConcurrent, recomputeRange, recomputeSequential, type SequentialRun } from "./recompute-runs.js";

export interface RecomputePhase {
  sequential: SequentialRun[];
  concurrent: { concurrency: number; totalMs: number }[];
  profile: RecomputeProfile;
  batched: BatchedRun[];
  /** recomputeDays(first, last) in one call, one entry per pass (after ANALYZE). */
  range: number[];
}

/** Whether the planner has statistics for samples yet (autovacuum analyses a big load within about a minute). */
async function samplesStatsState(deps: Deps): Promise<string> {
  const [row] = await deps.sql<{ analyzed: boolean }[]>`
    select (last_analyze is not null or last_autoanalyze is not null) as analyzed from pg_stat_user_tables where relname = 'samples'`;
  return row?.analyzed ? "already analysed" : "not analysed yet";
}

/** In-process recomputes of the whole range: recomputeDay per day (sequential, concurrent), recomputeDays, profile, prototype. */
export async function runRecomputePhase(deps: Deps, userId: string, dates: readonly string[], passes: number, log: (line: string) => void): Promise<RecomputePhase> {
  // Pass 0 meets the planner statistics as the import left them (autovacuum may not have analysed the freshly
  // loaded tables yet); then ANALYZE, the steady state a minute later, for the measured passes.
  const statsBefore = await samplesStatsState(deps);
  const sequential = [await recomputeSequential(deps, userId, dates, `pass 0, before ANALYZE (samples ${statsBefore})`)];
  log(`sequential recomputeDay, before ANALYZE (${statsBefore}): ${sequential[0]?.totalMs.toFixed(0)} ms`);
  await deps.sql`analyze`;
  for (let pass = 1; pass <= passes; pass++) {
    const run = await recomputeSequential(deps, userId, dates, `pass ${pass}, after ANALYZE`);
    sequential.push(run);
    log(`sequential recomputeDay pass ${pass}: ${run.totalMs.toFixed(0)} ms`);
  }
  const range: number[] = [];
  for (let pass = 1; pass <= Math.max(passes, 3); pass++) {
    range.push(await recomputeRange(deps, userId, dates));
    log(`recomputeDays (range) pass ${pass}: ${range.at(-1)?.toFixed(0)} ms`);
  }
  const concurrent: RecomputePhase["concurrent"] = [];
  for (const concurrency of [4, 8]) {
    const totalMs = await recomputeConcurrent(deps, userId, dates, concurrency);
    concurrent.push({ concurrency, totalMs });
    log(`in-process recomputeDay, ${concurrency} at a time: ${totalMs.toFixed(0)} ms`);
  }
  log("profiling recomputeDay phases");
  const profile = await profileRecompute(deps, userId, dates);
  const reference = await referenceRows(deps, userId, dates);
  const batched: BatchedRun[] = [];
  const chunkings = [
    { days: 1, inFlight: 1 },
    { days: 7, inFlight: 1 },
    { days: 31, inFlight: 1 },
    { days: 31, inFlight: 2 },
    { days: dates.length, inFlight: 1 },
  ];
  for (const chunk of chunkings) {
    const run = await recomputeBatched(deps, userId, dates, chunk, reference);
    batched.push(run);
    log(`range prototype, ${chunk.days}-day chunks × ${chunk.inFlight}: ${run.totalMs.toFixed(0)} ms${run.mismatches > 0 ? ` (${run.mismatches} days differ)` : ""}`);
  }
  return { sequential, concurrent, profile, batched, range };
}
