import type { Deps } from "../../src/deps.js";
import { localDayWindow } from "../../src/lib/local-day.js";
import { findUserById } from "../../src/modules/accounts/users.repo.js";
import { assembleDay } from "../../src/modules/energy/day-assembly.js";
import { daySamples, dayWorkouts, latestWeightKg, upsertDailyEnergy } from "../../src/modules/energy/energy.repo.js";
import type { DayIntake } from "../../src/modules/energy/day-assembly.js";
import { intakeForDay } from "../../src/modules/intake/day-status.service.js";
import { countHiitSessionsOn } from "../../src/modules/hiit/hiit.service.js";
import { personFor } from "./person.js";
import { rangeSamples, userSources } from "./range-reads.js";

export const PHASES = ["user", "samples", "workouts", "intake", "weight", "hiit", "assemble (JS)", "upsert"] as const;
export type Phase = (typeof PHASES)[number];

export interface RecomputeProfile {
  days: number;
  /** Summed ms per phase when every step runs alone (so each is attributable). */
  phaseMs: Record<Phase, number>;
  /** The five reads run together as recomputeDay runs them (Promise.all), summed over the days. */
  parallelReadsMs: number;
  /** daySamples' rows through the proposed SQL (no join onto sources, date_part instead of extract), summed. */
  leanSamplesMs: number;
  sampleRows: number;
  workoutRows: number;
  explain: SamplesExplain | null;
}

export interface SamplesExplain {
  date: string;
  rows: number;
  planningMs: number;
  executionMs: number;
  /** The same query through postgres.js (server time + transfer + row parsing), median of 5. */
  clientMs: number;
  plan: string;
}

const lap = (since: number) => performance.now() - since;

/** energy.service.ts's mapping of intakeForDay. */
async function dayIntakeAsRecomputeDayReadsIt(deps: Deps, userId: string, localDate: string): Promise<DayIntake> {
  const day = await intakeForDay(deps.db, userId, localDate);
  return { totalKcal: day.intakeKcal, entryCount: day.entries.length, status: day.status, fasted: day.fasted, possiblyPartial: day.possiblyPartial };
}

/**
 * Re-runs recomputeDay's steps for every date with a stopwatch around each (mirrors energy.service.ts; the
 * reads run one at a time here so each is attributable), to show whether SQL or the JS merge dominates.
 */
export async function profileRecompute(deps: Deps, userId: string, dates: readonly string[]): Promise<RecomputeProfile> {
  const phaseMs = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  let parallelReadsMs = 0;
  let leanSamplesMs = 0;
  const sources = await userSources(deps.sql, userId);
  let sampleRows = 0;
  let workoutRows = 0;
  for (const localDate of dates) {
    let t = performance.now();
    const user = await findUserById(deps.db, userId);
    if (!user) throw new Error("profile: user not found");
    phaseMs.user += lap(t);
    const window = localDayWindow(localDate, user.timeZone);
    t = performance.now();
    const samples = await daySamples(deps.sql, userId, window.startMs, window.endMs);
    phaseMs.samples += lap(t);
    t = performance.now();
    const lean = await rangeSamples(deps.sql, userId, window.startMs, window.endMs, sources);
    leanSamplesMs += lap(t);
    if (lean.length !== samples.length) throw new Error(`profile: lean samples query returned ${lean.length} rows, daySamples ${samples.length}`);
    t = performance.now();
    const workouts = await dayWorkouts(deps.sql, userId, window.startMs, window.endMs);
    phaseMs.workouts += lap(t);
    t = performance.now();
    const intake = await dayIntakeAsRecomputeDayReadsIt(deps, userId, localDate);
    phaseMs.intake += lap(t);
    t = performance.now();
    const weight = await latestWeightKg(deps.sql, userId, window.endMs);
    phaseMs.weight += lap(t);
    t = performance.now();
    const hiitSessions = await countHiitSessionsOn(deps, userId, localDate);
    phaseMs.hiit += lap(t);
    t = performance.now();
    await Promise.all([
      daySamples(deps.sql, userId, window.startMs, window.endMs),
      dayWorkouts(deps.sql, userId, window.startMs, window.endMs),
      dayIntakeAsRecomputeDayReadsIt(deps, userId, localDate),
      latestWeightKg(deps.sql, userId, window.endMs),
      countHiitSessionsOn(deps, userId, localDate),
    ]);
    parallelReadsMs += lap(t);
    sampleRows += samples.length;
    workoutRows += workouts.length;
    const now = deps.clock.now();
    t = performance.now();
    const day = assembleDay({ window, nowMs: now.getTime(), person: personFor(user, weight, localDate), samples, workouts, intake });
    phaseMs["assemble (JS)"] += lap(t);
    t = performance.now();
    await upsertDailyEnergy(deps.db, {
      userId,
      localDate,
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
      hiitSessions,
      computedAt: now,
    });
    phaseMs.upsert += lap(t);
  }
  const middle = dates[Math.floor(dates.length / 2)];
  const explain = middle ? await explainDaySamples(deps, userId, middle) : null;
  return { days: dates.length, phaseMs, parallelReadsMs, leanSamplesMs, sampleRows, workoutRows, explain };
}

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Total Time"?: number;
  Plans?: PlanNode[];
}

function describePlan(node: PlanNode, depth = 0): string[] {
  const target = node["Index Name"] ?? node["Relation Name"];
  const line = `${"  ".repeat(depth)}${node["Node Type"]}${target ? ` on ${target}` : ""} (rows ${node["Actual Rows"] ?? "?"}, ${node["Actual Total Time"]?.toFixed(2) ?? "?"} ms)`;
  return [line, ...(node.Plans ?? []).flatMap((child) => describePlan(child, depth + 1))];
}

/** EXPLAIN ANALYZE of daySamples' query (same text as energy.repo.ts) for one date, against its client-side time. */
async function explainDaySamples(deps: Deps, userId: string, localDate: string): Promise<SamplesExplain> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new Error("explain: user not found");
  const w = localDayWindow(localDate, user.timeZone);
  const start = new Date(w.startMs).toISOString();
  const end = new Date(w.endMs).toISOString();
  const query = `
    select s.type::text as type, s.source_id as "sourceId", src.device_type as "deviceType", src.name as "sourceName",
           src.priority, (extract(epoch from s.start_at) * 1000)::bigint::text as "startMs",
           (extract(epoch from s.end_at) * 1000)::bigint::text as "endMs", s.value
    from samples s join sources src on src.id = s.source_id
    where s.user_id = $1
      and s.type in ('basal_energy', 'active_energy', 'steps', 'heart_rate')
      and s.start_at < $2::timestamptz
      and s.end_at >= $3::timestamptz
      and s.local_date between ($3::timestamptz at time zone 'UTC')::date - 2
                           and ($2::timestamptz at time zone 'UTC')::date + 1`;
  const [row] = await deps.sql.unsafe<{ "QUERY PLAN": { Plan: PlanNode; "Planning Time": number; "Execution Time": number }[] }[]>(
    `explain (analyze, buffers, format json) ${query}`,
    [userId, end, start],
  );
  const result = row?.["QUERY PLAN"][0];
  if (!result) throw new Error("explain: no plan");
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await daySamples(deps.sql, userId, w.startMs, w.endMs);
    times.push(lap(t));
  }
  times.sort((a, b) => a - b);
  return {
    date: localDate,
    rows: result.Plan["Actual Rows"] ?? 0,
    planningMs: result["Planning Time"],
    executionMs: result["Execution Time"],
    clientMs: times[2] ?? Number.NaN,
    plan: describePlan(result.Plan).join("\n"),
  };
}
