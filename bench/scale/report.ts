import type { ExportTotals } from "../lib/export-totals.js";
import { int, ms, perSecond, secs, table } from "../lib/format.js";
import type { LoadSamples, MachineInfo } from "../lib/machine.js";
import { type GoalLine, LOAD_TABLE_HEADER, loadRow, readGoals } from "../lib/read-goals.js";
import { printChecks, printImport } from "../lib/report.js";
import type { IngestRun } from "./ingest-phase.js";
import type { ScaleBenchOptions } from "./options.js";
import type { ReadSide } from "./read-side.js";
import type { SeedInfo, TableSize } from "./seed.js";

/** Goal 4: a new import into the loaded database runs at ≥ 0.8 × the empty database's rate (within 20 %). */
export const INGEST_RATIO_GOAL = 0.8;

export interface ScaleReport {
  options: ScaleBenchOptions;
  machine: MachineInfo;
  loadAvgStart: string;
  loadAvgEnd: string;
  loadDuringRun: LoadSamples;
  seed: SeedInfo;
  seeded: boolean;
  sizes: TableSize[];
  reads: ReadSide;
  file: { path: string; totals: ExportTotals };
  ingest: IngestRun[];
}

const print = (line = "") => process.stdout.write(`${line}\n`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

function printSetup(r: ScaleReport): void {
  const m = r.machine;
  print("## bench:scale");
  print();
  print(
    `machine: ${m.cores} CPUs (${m.cpuModel}), ${m.ramGb.toFixed(1)} GiB RAM, Node ${m.node}, PostgreSQL ${m.postgres} (shared_buffers ${m.pgSharedBuffers}); code ${m.revision}`,
  );
  const l = r.loadDuringRun;
  print(
    `load average: ${r.loadAvgStart} at start, ${r.loadAvgEnd} at end; 1-min load during the run min ${l.min.toFixed(1)} / mean ${l.mean.toFixed(1)} / max ${l.max.toFixed(1)} (includes this bench; well above ${m.cores} means other work competed)`,
  );
  const s = r.seed;
  const byType = Object.entries(s.samplesByType)
    .map(([k, v]) => `${k} ${int(v)}`)
    .join(", ");
  print(`loaded database ${r.options.database}: ${s.users.length} users × ${s.dates.length} days (${s.dates[0]} … ${s.dates.at(-1)}, Europe/Berlin)`);
  print(
    `  ${int(s.samples)} sample rows (${byType}), ${int(s.workouts)} workouts, ${int(s.intakeEntries)} meals, ${int(s.bodyMeasurements)} weigh-ins`,
  );
  print(
    r.seeded
      ? `  seeded by COPY in ${s.copySeconds.toFixed(0)} s + VACUUM ANALYZE ${s.vacuumSeconds.toFixed(0)} s (setup, not measured)`
      : "  reused from a --keep-db run (rows the earlier runs' imports added are in the sizes below)",
  );
  print();
  print(
    table([
      ["table", "rows (estimate)", "heap", "indexes", "partitions"],
      ...r.sizes.map((t) => [t.table, int(t.rows), `${int(t.heapMb)} MB`, `${int(t.indexesMb)} MB`, t.partitions > 0 ? String(t.partitions) : "-"]),
    ]),
  );
  print();
}

function printReads(r: ScaleReport): GoalLine[] {
  const { reads } = r;
  const q = reads.recompute;
  print(`### (a) Reads for one loaded user: ${r.options.clients} clients, ${r.options.warmupSeconds} s warm-up + ${r.options.seconds} s each`);
  print();
  print(
    `setup: its ${q.days} days recomputed through the queue (minute-level rows) in ${ms(q.untilNotPendingMs)} (enqueue → pending=false, ${q.jobs} range jobs; information), then all queues drained in ${reads.drainSeconds.toFixed(1)} s`,
  );
  const d = reads.summary;
  const statuses = Object.entries(d.statuses)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  print(
    `as /v1/days sees it: ${statuses}; mean ${int(d.meanSteps)} steps, ${int(d.meanBurnedKcal)} kcal burned, ${int(d.meanIntakeKcal)} kcal eaten`,
  );
  print();
  const l = reads.loads;
  const all = [l.days, l.summaryRead, l.weekly, l.workouts, l.healthz, l.month];
  print(table([LOAD_TABLE_HEADER, ...all.map(loadRow)]));
  for (const x of all) if (x.firstError) print(`first error on ${x.name}: ${x.firstError}`);
  print();
  return [l.days, l.summaryRead, l.weekly, l.workouts].flatMap((x) => readGoals(x, l.healthz));
}

function ingestRow(run: IngestRun, t: ExportTotals): string[] {
  const m = run.measurement;
  const records = t.samples + t.workouts;
  const ours = m.cpu.worker + m.cpu.api + m.cpu.postgres + m.cpu.redis + m.cpu.bench;
  return [
    run.label,
    int(run.samplesBefore),
    secs(m.endToEndMs),
    int(perSecond(records, m.endToEndMs)),
    `${m.cpu.worker.toFixed(1)} / ${m.cpu.postgres.toFixed(1)}`,
    int(records / (m.cpu.worker + m.cpu.postgres)),
    int(perSecond(run.writer.rows, run.writer.ms)),
    `${Math.max(0, m.cpu.machine - ours).toFixed(1)} core-s`,
    run.checks.every((c) => c.ok) ? "PASS" : "FAIL",
  ];
}

function printIngest(r: ScaleReport): { goal: GoalLine; pass: boolean } {
  const t = r.file.totals;
  print(
    `### (b) Ingest of a new import: the same ${t.format} (${int(t.samples)} samples + ${int(t.workouts)} workouts) into an empty and the loaded database`,
  );
  print();
  let pass = true;
  for (const run of r.ingest) {
    print(`#### ${run.label} database (${run.database}), ${int(run.samplesBefore)} sample rows before`);
    printImport(print, run.measurement, t);
    pass = printChecks(print, run.checks) && pass;
    print();
  }
  print(
    table([
      [
        "database",
        "samples before",
        "end-to-end",
        "records/s",
        "CPU s worker / postgres",
        "records per worker+postgres CPU-s",
        "writer path alone, rows/s",
        "other load",
        "data checks",
      ],
      ...r.ingest.map((run) => ingestRow(run, t)),
    ]),
  );
  print();
  const records = t.samples + t.workouts;
  const medianOf = (label: string, f: (run: IngestRun) => number) => median(r.ingest.filter((x) => x.label === label).map(f));
  const rate = (label: string) => medianOf(label, (x) => perSecond(records, x.measurement.endToEndMs));
  const ratio = rate("loaded") / rate("empty");
  const perCpu = (label: string) => medianOf(label, (x) => records / (x.measurement.cpu.worker + x.measurement.cpu.postgres));
  const writer = (label: string) => medianOf(label, (x) => perSecond(x.writer.rows, x.writer.ms));
  const pgCpu = (label: string) => medianOf(label, (x) => x.measurement.cpu.postgres);
  print("less noisy views of the same comparison (information; medians, loaded ÷ empty):");
  print(
    `  records per worker+postgres CPU-second: ${int(perCpu("loaded"))} / ${int(perCpu("empty"))} = ${(perCpu("loaded") / perCpu("empty")).toFixed(2)}`,
  );
  print(
    `  Postgres CPU per import (its backends + WAL writer, bgwriter, checkpointer): ${pgCpu("loaded").toFixed(1)} / ${pgCpu("empty").toFixed(1)} s = ${(pgCpu("loaded") / pgCpu("empty")).toFixed(2)}`,
  );
  print(
    `  writer database path alone (copyMergeSamples, 20k-row batches): ${int(writer("loaded"))} / ${int(writer("empty"))} rows/s = ${(writer("loaded") / writer("empty")).toFixed(2)}`,
  );
  const same = sameCounts(r.ingest);
  print(`  ${same ? "PASS" : "FAIL"}: every import wrote the same rows per type (parsed, inserted, duplicate, rejected) in both databases`);
  print();
  pass = pass && same;
  return {
    goal: {
      metric: `ingest records/s, loaded ÷ empty (median of ${r.options.rounds})`,
      value: `${int(rate("loaded"))} / ${int(rate("empty"))} = ${ratio.toFixed(2)}`,
      goal: `≥ ${INGEST_RATIO_GOAL} (within 20 %)`,
      met: ratio >= INGEST_RATIO_GOAL,
    },
    pass,
  };
}

function sameCounts(runs: IngestRun[]): boolean {
  const key = (run: IngestRun) => JSON.stringify(Object.entries(run.measurement.view.counts).sort(([a], [b]) => a.localeCompare(b)));
  return runs.every((run) => key(run) === key(runs[0] as IngestRun));
}

/** Prints everything; returns false when a data check failed (the only thing that fails the run). */
export function printScaleReport(r: ScaleReport): boolean {
  printSetup(r);
  const readLines = printReads(r);
  const { goal, pass } = printIngest(r);
  const goals = [goal, ...readLines];
  print("### Goals (issue 17, goal 4)");
  print();
  print(table([["metric", "value", "goal", "status"], ...goals.map((g) => [g.metric, g.value, g.goal, g.met ? "met" : "NOT MET"])]));
  print();
  for (const g of goals) if (!g.met) print(`GOAL MISSED: ${g.metric}: ${g.value} (goal ${g.goal})`);
  print(`data checks: ${pass ? "PASS" : "FAIL"}`);
  return pass;
}
