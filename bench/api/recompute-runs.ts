import type { Deps } from "../../src/deps.js";
import { enqueueDayRecomputes } from "../../src/jobs/recompute.js";
import { recomputeDay } from "../../src/modules/energy/energy.service.js";
import { recomputeDays } from "../../src/modules/energy/energy-range.service.js";
import type { ApiClient, DaysAnswer } from "../lib/api-client.js";
import { processCpuSeconds } from "../lib/proc-stats.js";
import { completedSpan } from "../lib/queue-watch.js";
import { type Distribution, distribution, sleep } from "../lib/stats.js";

export interface SequentialRun {
  label: string;
  totalMs: number;
  perDayMs: Distribution;
}

/** 365 `recomputeDay(deps, user, date)` calls one after another, in this process, as a worker job would call it. */
export async function recomputeSequential(deps: Deps, userId: string, dates: readonly string[], label: string): Promise<SequentialRun> {
  const perDay: number[] = [];
  const started = performance.now();
  for (const date of dates) {
    const t0 = performance.now();
    const found = await recomputeDay(deps, userId, date);
    if (!found) throw new Error(`recomputeDay: user ${userId} not found`);
    perDay.push(performance.now() - t0);
  }
  return { label, totalMs: performance.now() - started, perDayMs: distribution(perDay) };
}

export interface QueueRun {
  /** Jobs that ran (range jobs for more than 7 dates) for `days` dates. */
  jobs: number;
  days: number;
  enqueueMs: number;
  /** From just before enqueueDayRecomputes until GET /v1/days first answers pending=false. */
  untilNotPendingMs: number;
  polls: number;
  /** From BullMQ's timestamps: first job start to last job finish, and the summed job durations. */
  processingSpanMs: number | null;
  summedJobMs: number | null;
  /** Enqueue to first job start: the built-in debounce delay plus pick-up. */
  firstStartAfterMs: number | null;
  /** Weekly projections the recomputes triggered, run by the same worker meanwhile or just after. */
  projectionJobs: number;
  projectionSummedMs: number;
  /** CPU the worker process used from enqueue to pending=false (user + system): less sensitive to other load than wall time. */
  workerCpuMs: number;
}

const POLL_MS = 20;

/** enqueueDayRecomputes for every date, then polls /v1/days (a one-day range: `pending` is per user) until pending=false. */
export async function recomputeViaQueue(
  deps: Deps,
  api: ApiClient,
  apiKey: string,
  userId: string,
  dates: readonly string[],
  timeoutMs: number,
  workerPid: number,
): Promise<QueueRun> {
  const first = dates[0];
  if (first === undefined) throw new Error("no dates");
  const startedWallMs = Date.now();
  const workerCpuBefore = processCpuSeconds(workerPid);
  const started = performance.now();
  const days = await enqueueDayRecomputes(deps, userId, dates);
  const enqueueMs = performance.now() - started;
  let polls = 0;
  for (;;) {
    polls++;
    const answer = await api.call<DaysAnswer>("GET", `/v1/days?from=${first}&to=${first}`, { token: apiKey });
    if (!answer.pending) break;
    if (performance.now() - started > timeoutMs) throw new Error(`recompute jobs still pending after ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
  const untilNotPendingMs = performance.now() - started;
  const workerCpuMs = (processCpuSeconds(workerPid) - workerCpuBefore) * 1000;
  // More than 7 dates go as energy.recompute-range jobs (≤ 31 days each, no debounce); fewer as debounced day jobs.
  const span =
    (await completedSpan(deps.queues.energy, "energy.recompute-range", startedWallMs)) ??
    (await completedSpan(deps.queues.energy, "energy.recompute-day", startedWallMs));
  const projections = await completedSpan(deps.queues.projections, "projections.project-week", startedWallMs);

  return {
    jobs: span?.count ?? 0,
    days,
    enqueueMs,
    untilNotPendingMs,
    polls,
    processingSpanMs: span ? span.lastFinishMs - span.firstStartMs : null,
    summedJobMs: span ? span.busyMs : null,
    firstStartAfterMs: span ? span.firstStartMs - startedWallMs : null,
    projectionJobs: projections?.count ?? 0,
    projectionSummedMs: projections?.busyMs ?? 0,
    workerCpuMs,
  };
}

/** The same calls with `concurrency` in flight at once (what more worker slots would buy on this machine). */
export async function recomputeConcurrent(deps: Deps, userId: string, dates: readonly string[], concurrency: number): Promise<number> {
  const queue = [...dates];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let date = queue.shift(); date !== undefined; date = queue.shift()) await recomputeDay(deps, userId, date);
    }),
  );
  return performance.now() - started;
}

/** recomputeDays over the whole range in one call (chunks of 31 days, 2 in flight), in this process. */
export async function recomputeRange(deps: Deps, userId: string, dates: readonly string[]): Promise<number> {
  const first = dates[0];
  const last = dates.at(-1);
  if (first === undefined || last === undefined) throw new Error("no dates");
  const started = performance.now();
  const days = await recomputeDays(deps, userId, first, last);
  if (days !== dates.length) throw new Error(`recomputeDays: ${String(days)} of ${dates.length} days`);
  return performance.now() - started;
}
