import type { CpuSummary } from "../lib/cpu-profile.js";
import type { DaysSummary } from "../lib/days-summary.js";
import { int, ms, table } from "../lib/format.js";
import type { LoadSamples, MachineInfo } from "../lib/machine.js";
import { type GoalLine, LOAD_TABLE_HEADER, loadRow, READ_GOALS, readGoals } from "../lib/read-goals.js";
import type { ReadLoads } from "../lib/read-phase.js";
import type { DaysProfile } from "./days-profile.js";
import type { ApiBenchOptions } from "./options.js";
import type { QueueRun, SequentialRun } from "./recompute-runs.js";
import { cpuSection, daysProfileSection } from "./report-sections.js";
import type { SeedResult } from "./seed.js";

export interface BenchReport {
  options: ApiBenchOptions;
  machine: MachineInfo;
  loadAvgStart: string;
  loadAvgEnd: string;
  loadDuringRun: LoadSamples;
  dates: { from: string; to: string; count: number };
  seed: SeedResult | null;
  drainSeconds: number;
  sequential: SequentialRun[];
  concurrent: { concurrency: number; totalMs: number }[];
  /** recomputeDays over the whole range, per pass. */
  range: number[];
  /** One per --queue-runs, in order. */
  queue: QueueRun[];
  /** With --worker-cpu-prof: where the worker's CPU went during the queue runs. */
  workerCpu: CpuSummary | null;
  /** The read phases; null with --only recompute. */
  reads: ReadResults | null;
  /** The seeded range as GET /v1/days reports it. */
  summary: DaysSummary;
}

export interface ReadResults extends ReadLoads {
  daysProfile: DaysProfile;
  /** With --cpu-prof: where the API's CPU went during the measured /v1/days phase. */
  cpu: CpuSummary | null;
}

/** The middle run (the lower of the two middle ones for an even count). */
export function medianQueueRun(runs: readonly QueueRun[]): QueueRun {
  const sorted = [...runs].sort((a, b) => a.untilNotPendingMs - b.untilNotPendingMs);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new Error("no queue run");
  return middle;
}

export const GOALS = {
  recomputeYearMs: 2_000,
  ...READ_GOALS,
} as const;

export function goalLines(r: BenchReport): GoalLine[] {
  const queued = medianQueueRun(r.queue).untilNotPendingMs;
  const runs = r.queue.length > 1 ? ` (median of ${r.queue.length} runs)` : "";
  return [
    ...r.sequential.slice(0, 1).map(() => ({
      metric: `(no goal) ${r.dates.count} × recomputeDay, in-process sequential (best pass)`,
      value: ms(Math.min(...r.sequential.map((s) => s.totalMs))),
      goal: "-",
      met: true,
    })),
    {
      metric: `recompute ${r.dates.count} days, in-process recomputeDays (best pass)`,
      value: ms(Math.min(...r.range)),
      goal: `< ${GOALS.recomputeYearMs} ms`,
      met: Math.min(...r.range) < GOALS.recomputeYearMs,
    },
    {
      metric: `recompute ${r.dates.count} days via queue, enqueue → pending=false${runs}`,
      value: ms(queued),
      goal: `< ${GOALS.recomputeYearMs} ms`,
      met: queued < GOALS.recomputeYearMs,
    },
    ...(r.reads ? [r.reads.days, r.reads.summaryRead, r.reads.weekly, r.reads.workouts].flatMap((l) => readGoals(l, r.reads?.healthz ?? l)) : []),
  ];
}

export function formatReport(r: BenchReport): string {
  const f = r.machine;
  const out: string[] = [];
  out.push("", "## bench:api", "");
  out.push(`machine: ${f.cores} CPUs (${f.cpuModel}), ${f.ramGb.toFixed(1)} GiB RAM (${f.freeRamGb.toFixed(1)} free), ${f.platform}`);
  out.push(`software: Node ${f.node}, PostgreSQL ${f.postgres} (shared_buffers ${f.pgSharedBuffers}), Redis ${f.redis}; code ${f.revision}`);
  const l = r.loadDuringRun;
  out.push(
    `load average: ${r.loadAvgStart} at start, ${r.loadAvgEnd} at end; 1-min load during the run min ${l.min.toFixed(1)} / mean ${l.mean.toFixed(1)} / max ${l.max.toFixed(1)} (counts this bench's own processes too; well above ${f.cores} means other work competed for the CPUs)`,
  );
  out.push(`data: ${r.dates.count} local days ${r.dates.from} … ${r.dates.to} (Europe/Berlin)`);
  if (r.seed) {
    const s = r.seed;
    const byType = Object.entries(s.samplesByType)
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(", ");
    out.push(
      `seed (POST /v1/sync + /v1/intake, ${s.requests} requests, ${(s.bodyBytes / 1e6).toFixed(0)} MB JSON): ${int(s.samples)} samples (${byType}),`,
    );
    out.push(
      `  ${s.workouts} workouts with ${int(s.heartRatePoints)} 1 Hz HR points, ${int(s.intakeEntries)} meals on ${s.loggedDays} days; ${s.seconds.toFixed(1)} s (${int((s.samples + s.heartRatePoints) / s.seconds)} items/s); accepted ${int(s.accepted)}, rejected ${s.rejected}`,
    );
  } else {
    out.push("seed: reused a kept database");
  }
  const d = r.summary;
  const statuses = Object.entries(d.statuses)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  out.push(
    `as /v1/days sees it: ${statuses}; mean ${int(d.meanSteps)} steps, ${int(d.meanBurnedKcal)} kcal burned, ${int(d.meanIntakeKcal)} kcal eaten (logged days), deficit ${int(d.meanDeficitKcal)} kcal; ${d.hiitSessions} HIIT sessions detected`,
  );
  out.push(
    `worker drain after seeding (all recompute, HIIT and projection jobs, concurrency ${r.options.workerConcurrency}): ${r.drainSeconds.toFixed(1)} s`,
    "",
  );
  out.push("### (1) Recompute the whole range", "");
  if (r.options.workerNodeArgs.length > 0) out.push(`worker node flags added to its start script's: ${r.options.workerNodeArgs.join(" ")}`, "");
  const seqRows = [["run", "total", "per day p50", "p95", "max"]];
  for (const s of r.sequential)
    seqRows.push([`in-process sequential, ${s.label}`, ms(s.totalMs), ms(s.perDayMs.p50), ms(s.perDayMs.p95), ms(s.perDayMs.max)]);
  for (const c of r.concurrent) seqRows.push([`in-process, ${c.concurrency} recomputeDay at a time`, ms(c.totalMs), "", "", ""]);
  r.range.forEach((t, i) => {
    seqRows.push([`in-process recomputeDays(first, last), pass ${i + 1}`, ms(t), "", "", ""]);
  });
  out.push(table(seqRows), "");
  const runHeads = r.queue.map((_, i) => (r.queue.length > 1 ? `run ${i + 1}` : "value"));
  const queueRow = (label: string, cell: (q: QueueRun) => string) => [label, ...r.queue.map(cell)];
  out.push(
    table([
      ["queue (enqueueDayRecomputes → worker)", ...runHeads],
      queueRow("dates enqueued → jobs run (> 7 dates: energy.recompute-range, ≤ 31 days each)", (q) => `${q.days} → ${q.jobs}`),
      queueRow("addBulk", (q) => ms(q.enqueueMs)),
      queueRow("enqueue → GET /v1/days pending=false", (q) => ms(q.untilNotPendingMs)),
      queueRow("enqueue → first job started (range jobs: no debounce)", (q) => ms(q.firstStartAfterMs)),
      queueRow("first job start → last job finish", (q) => ms(q.processingSpanMs)),
      queueRow(`summed job time (concurrency ${r.options.workerConcurrency})`, (q) => ms(q.summedJobMs)),
      queueRow("worker process CPU, enqueue → pending=false", (q) => ms(q.workerCpuMs)),
      queueRow(
        "projections.project-week jobs they triggered, done by pending=false (summed time)",
        (q) => `${q.projectionJobs} (${ms(q.projectionSummedMs)})`,
      ),
    ]),
    "",
  );
  if (r.workerCpu) out.push(...cpuSection(r.workerCpu, r.queue.length, "worker CPU during the queue runs", "per run"), "");
  if (r.reads) out.push(...readSections(r, r.reads));
  out.push("", "### Goals", "");
  const goals = goalLines(r);
  out.push(table([["metric", "value", "goal", "status"], ...goals.map((g) => [g.metric, g.value, g.goal, g.met ? "met" : "NOT MET"])]), "");
  for (const g of goals) if (!g.met) out.push(`GOAL MISSED: ${g.metric}: ${g.value} (goal ${g.goal})`);
  return out.join("\n");
}

function readSections(r: BenchReport, reads: ReadResults): string[] {
  const out: string[] = [];
  const loads = [reads.days, reads.summaryRead, reads.weekly, reads.workouts, reads.healthz, reads.month];
  out.push(`### (2) Read API under load: ${reads.days.clients} clients, ${r.options.warmupSeconds} s warm-up + ${r.options.seconds} s each`, "");
  out.push(table([LOAD_TABLE_HEADER, ...loads.map(loadRow)]));
  for (const l of loads) if (l.firstError) out.push(`first error on ${l.name}: ${l.firstError}`);
  out.push("", ...daysProfileSection(reads.daysProfile));
  if (reads.cpu) out.push("", ...cpuSection(reads.cpu, reads.days.requests, "API CPU during the measured GET /v1/days phase", "per request"));
  if (r.options.cpuProf) out.push("", "(--cpu-prof run: the load figures include the profiler's overhead)");
  return out;
}

export function printReport(r: BenchReport): void {
  process.stdout.write(`${formatReport(r)}\n`);
}
