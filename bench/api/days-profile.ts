import type { Deps } from "../../src/deps.js";
import { enqueueDayRecomputes, hasPendingRecomputes } from "../../src/jobs/recompute.js";
import { nextDate } from "../../src/lib/calendar.js";
import { authenticate } from "../../src/modules/accounts/api-keys.service.js";
import { presentDay, presentEmptyDay } from "../../src/modules/energy/energy.presenters.js";
import { listDailyEnergy } from "../../src/modules/energy/energy.repo.js";

export interface DaysProfile {
  iterations: number;
  /** Mean ms per call, one call at a time (no load): where one GET /v1/days spends its time. */
  meanMs: Record<string, number>;
  breakdownBytesPerRow: number;
}

async function meanOf(iterations: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return (performance.now() - started) / iterations;
}

/** Times each step of GET /v1/days in this process: auth lookup, the daily_energy read, the pending check, presenting. */
export async function profileDays(deps: Deps, userId: string, apiKey: string, from: string, to: string, iterations = 100): Promise<DaysProfile> {
  const rows = await listDailyEnergy(deps.db, userId, from, to);
  const present = () => {
    const byDate = new Map(rows.map((row) => [row.localDate, row]));
    const days = [];
    for (let date = from; date <= to; date = nextDate(date)) {
      const row = byDate.get(date);
      days.push(row ? presentDay(row) : presentEmptyDay(date));
    }
    return JSON.stringify({ days, pending: false });
  };
  const [size] = await deps.sql<{ avg: number | null }[]>`
    select avg(pg_column_size(breakdown))::float8 as avg from daily_energy where user_id = ${userId} and local_date between ${from} and ${to}`;
  const meanMs: Record<string, number> = {
    "authenticate (key lookup + key-use enqueue)": await meanOf(iterations, () => authenticate(deps, apiKey)),
    "listDailyEnergy (select *, incl. breakdown jsonb)": await meanOf(iterations, () => listDailyEnergy(deps.db, userId, from, to)),
    "same rows without breakdown (bench SQL)": await meanOf(
      iterations,
      () =>
        deps.sql`
        select local_date, basal_kcal, active_kcal, burned_kcal, intake_kcal, deficit_kcal, steps, status, coverage_hours,
               intake_status, basal_method, active_method, hiit_sessions, computed_at
        from daily_energy where user_id = ${userId} and local_date between ${from} and ${to} order by local_date`,
    ),
    "hasPendingRecomputes (empty queue)": await meanOf(iterations, () => hasPendingRecomputes(deps, userId)),
    "present + JSON.stringify": await meanOf(iterations, async () => present()),
  };
  return { iterations, meanMs, breakdownBytesPerRow: size?.avg ?? 0 };
}

/**
 * The `pending` flag reads every open job of the energy queue (all users) and filters in JS: time it with other
 * users' recomputes waiting, as after a busy sync hour. The backlog jobs are removed afterwards.
 */
export async function pendingWithBacklog(
  deps: Deps,
  userId: string,
  otherUsers: number,
  datesPerUser: number,
): Promise<{ jobs: number; meanMs: number }> {
  const fakeIds = Array.from({ length: otherUsers }, (_, i) => `usr_benchbacklog${String(i).padStart(6, "0")}`);
  const dates: string[] = [];
  for (let i = 0, d = "2024-01-01"; i < datesPerUser; i++, d = nextDate(d)) dates.push(d);
  let jobs = 0;
  for (const id of fakeIds) jobs += await enqueueDayRecomputes(deps, id, dates);
  const meanMs = await meanOf(20, () => hasPendingRecomputes(deps, userId));
  const fake = new Set(fakeIds);
  const open = await deps.queues.energy.getJobs(["delayed", "waiting"], 0, -1);
  await Promise.all(open.filter((job) => job && fake.has(String(job.data?.userId))).map((job) => job.remove().catch(() => undefined)));
  return { jobs, meanMs };
}
