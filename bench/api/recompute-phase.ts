import type { Deps } from "../../src/deps.js";
import { recomputeConcurrent, recomputeRange, recomputeSequential, type SequentialRun } from "./recompute-runs.js";

export interface RecomputePhase {
  sequential: SequentialRun[];
  concurrent: { concurrency: number; totalMs: number }[];
  /** recomputeDays(first, last) in one call, one entry per pass (after ANALYZE). */
  range: number[];
}

/** Whether the planner has statistics for samples yet (autovacuum analyses a big load within about a minute). */
async function samplesStatsState(deps: Deps): Promise<string> {
  const [row] = await deps.sql<{ analyzed: boolean }[]>`
    select (last_analyze is not null or last_autoanalyze is not null) as analyzed from pg_stat_user_tables where relname = 'samples'`;
  return row?.analyzed ? "already analysed" : "not analysed yet";
}

/**
 * In-process recomputes of the whole range: recomputeDay per day (sequential, concurrent), recomputeDays. With
 * `rangeOnly`, recomputeDays alone (the reference the queue path is compared with).
 */
export async function runRecomputePhase(
  deps: Deps,
  userId: string,
  dates: readonly string[],
  passes: number,
  log: (line: string) => void,
  rangeOnly = false,
): Promise<RecomputePhase> {
  if (rangeOnly) {
    await deps.sql`analyze`;
    return { sequential: [], concurrent: [], range: await rangePasses(deps, userId, dates, passes, log) };
  }
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
  const range = await rangePasses(deps, userId, dates, Math.max(passes, 3), log);
  const concurrent: RecomputePhase["concurrent"] = [];
  for (const concurrency of [4, 8]) {
    const totalMs = await recomputeConcurrent(deps, userId, dates, concurrency);
    concurrent.push({ concurrency, totalMs });
    log(`in-process recomputeDay, ${concurrency} at a time: ${totalMs.toFixed(0)} ms`);
  }
  return { sequential, concurrent, range };
}

async function rangePasses(deps: Deps, userId: string, dates: readonly string[], passes: number, log: (line: string) => void): Promise<number[]> {
  const range: number[] = [];
  for (let pass = 1; pass <= passes; pass++) {
    range.push(await recomputeRange(deps, userId, dates));
    log(`recomputeDays (range) pass ${pass}: ${range.at(-1)?.toFixed(0)} ms`);
  }
  return range;
}
