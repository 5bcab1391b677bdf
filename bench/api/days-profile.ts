import type { Deps } from "../../src/deps.js";
import { hasPendingRecomputes } from "../../src/jobs/recompute.js";
import { nextDate } from "../../src/lib/calendar.js";
import { authenticate } from "../../src/modules/accounts/api-keys.service.js";
import { answersVersionOf } from "../../src/modules/accounts/index.js";
import { listDaysJson } from "../../src/modules/energy/days.service.js";
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

/**
 * Times each step of GET /v1/days in this process: the key lookup (once per key per 30 s now), the version lookup
 * every request makes, the answer served from the cache, and what building it costs when the version changed.
 */
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
    "authenticate (key lookup + key-use enqueue; once per key per 30 s per process)": await meanOf(iterations, () => authenticate(deps, apiKey)),
    "answersVersionOf (the primary-key lookup every request makes)": await meanOf(iterations, () => answersVersionOf(deps, userId)),
    "listDaysJson, answer kept (version lookup + cache hit)": await meanOf(iterations, () => listDaysJson(deps, userId, from, to)),
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
