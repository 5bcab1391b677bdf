import os from "node:os";
import type { WithOtherLoad } from "./cpu-accounting.js";
import type { CpuSummary } from "./cpu-profile.js";
import type { ExportTotals } from "./export-totals.js";
import { IMPORTED_TYPES } from "./export-totals.js";
import { int, kbToMb, mb, mbPerSecond, perSecond, row, secs } from "./format.js";
import { type LoadSamples, loadAverage, type MachineInfo } from "./machine.js";
import type { CopyResult } from "./raw-copy.js";
import type { RawParseResult } from "./raw-parse.js";
import type { RawSaxesResult } from "./raw-saxes.js";
import type { ImportMeasurement } from "./run-import.js";
import type { Check } from "./verify.js";

export const RATIO_GOAL = 0.6;
export const WORKER_RSS_GOAL_BYTES = 300e6;

type Print = (line?: string) => void;

export function printMachine(print: Print, m: MachineInfo): void {
  print(`machine: ${m.cores} cores (${m.cpuModel}), ${m.ramGb.toFixed(1)} GiB RAM, Node ${m.node}, PostgreSQL ${m.postgres}`);
  print(`code: ${m.revision}; load average now ${loadAverage()}`);
}

export function printExport(print: Print, path: string, t: ExportTotals, note: string): void {
  const ratio = t.format === "zip" ? `, deflate ratio ${(t.xmlBytes / t.fileBytes).toFixed(1)}x` : "";
  print(`export: ${path} (${note})`);
  print(row("file uploaded", `${mb(t.fileBytes)} ${t.format} (export.xml ${mb(t.xmlBytes)}${ratio})`));
  print(row("timeline", `${t.firstDay} … ${t.lastDay}, ${t.days} days, density ×${t.density}`));
  print(row("records imported", `${int(t.samples)} samples + ${int(t.workouts)} workouts; ${int(t.skippedElements)} elements skipped by design`));
  print(row("record mix", `${t.mix}: ${IMPORTED_TYPES.map((type) => `${type} ${int(t.samplesByType[type])}`).join(", ")}`));
}

export function printImport(print: Print, m: ImportMeasurement, t: ExportTotals): void {
  const records = t.samples + t.workouts;
  const cpuTotal = m.cpu.worker + m.cpu.api + m.cpu.postgres + m.cpu.redis + m.cpu.bench;
  const others = Math.max(0, m.cpu.machine - cpuTotal);
  print("end-to-end import (upload start → import completed), API and worker as separate processes");
  print(row("import", `${m.view.id}, detected format ${m.view.format}, status ${m.view.status}`));
  print(row("time", secs(m.endToEndMs)));
  print(
    row(
      "throughput",
      `${mbPerSecond(t.xmlBytes, m.endToEndMs)} of XML (${mbPerSecond(m.fileBytes, m.endToEndMs)} of upload), ${int(perSecond(records, m.endToEndMs))} records/s`,
    ),
  );
  print(row("upload alone (to the 202)", `${mb(m.fileBytes)} in ${secs(m.uploadMs)} = ${mbPerSecond(m.fileBytes, m.uploadMs)}`));
  print(row("queue wait / worker time", `${secs(m.queueWaitMs)} / ${secs(m.view.duration_ms ?? 0)} (started_at → finished_at)`));
  print(
    row(
      "peak worker RSS (VmHWM)",
      `${kbToMb(m.workerPeakRssKb)} (idle before upload ${kbToMb(m.workerBaselineRssKb)}, max sampled during import ${kbToMb(m.workerMaxSampledRssKb)})`,
    ),
  );
  print(row("peak API RSS (VmHWM)", kbToMb(m.apiPeakRssKb)));
  print(
    row(
      "peak worker RSS with derived work",
      m.workerDiedDuringDerived !== null
        ? `the worker DIED during the derived work (${m.workerDiedDuringDerived}; see its log)`
        : kbToMb(m.workerPeakRssAfterDerivedKb ?? 0),
    ),
  );
  print(
    row(
      "CPU seconds during the import",
      `worker ${m.cpu.worker.toFixed(1)}, postgres ${m.cpu.postgres.toFixed(1)}, api ${m.cpu.api.toFixed(1)}, redis ${m.cpu.redis.toFixed(1)}, bench ${m.cpu.bench.toFixed(1)}` +
        ` = ${cpuTotal.toFixed(1)} core-s in ${(m.endToEndMs / 1000).toFixed(1)} s wall`,
    ),
  );
  const cores = os.availableParallelism();
  const contended = others > Math.max(1, 0.1 * cores * (m.endToEndMs / 1000));
  print(
    row(
      "other processes on the machine",
      `${others.toFixed(1)} core-s${contended ? "  ← WARNING: the machine was busy with other work; figures are pessimistic, re-run when idle" : " (quiet)"}`,
    ),
  );
  const job = m.queue.job;
  print(
    row(
      "BullMQ job",
      job === null
        ? `already trimmed; events: ${m.queue.activeEvents} active, ${m.queue.stalledEvents} stalled, ${m.queue.failedEvents} failed`
        : `attemptsStarted ${job.attemptsStarted}, attemptsMade ${job.attemptsMade}, stalledCounter ${job.stalledCounter}; events: ${m.queue.activeEvents} active, ${m.queue.stalledEvents} stalled, ${m.queue.failedEvents} failed`,
    ),
  );
  const d = m.derived;
  print(
    row(
      "derived work after completion",
      m.derivedWaited
        ? `${d.drained ? "all queues drained" : "NOT drained"} ${secs(d.ms)} later: ~${int(d.completed)} jobs completed, ${d.failed} failed (day recomputes, HIIT, projections; not in the times above)`
        : "not waited for (--derived-timeout-s 0): the worker was stopped once the import completed",
    ),
  );
  print(row("processes stopped", `worker exit ${m.workerExitCode}, api exit ${m.apiExitCode} (SIGTERM)`));
}

export function printChecks(print: Print, checks: Check[]): boolean {
  print("verification (database and import report against the generator's totals)");
  for (const c of checks) {
    const fmt = (n: number) => (Number.isInteger(n) ? int(n) : n.toFixed(6));
    print(`  ${c.ok ? "ok  " : "FAIL"} ${c.what.padEnd(48)} expected ${fmt(c.expected).padStart(14)}  actual ${fmt(c.actual).padStart(14)}`);
  }
  const pass = checks.every((c) => c.ok);
  print(`  => ${pass ? "PASS" : "FAIL"}`);
  return pass;
}

export interface RawLimits {
  /** Issue 17's limit: a plain saxes parse of the same file, with the machine's other load while it ran. */
  saxes: WithOtherLoad<RawSaxesResult>;
  parse: RawParseResult;
  copy: CopyResult;
  copyWithDateIndex: CopyResult;
  writer: CopyResult;
}

export function printRawLimits(print: Print, raw: RawLimits, t: ExportTotals): void {
  print(`raw limits on the same file, measured in the same run (service stopped; load average after: ${loadAverage()})`);
  const x = raw.saxes.result;
  print(
    row(
      "(r) raw saxes parse (the goal's limit)",
      `${secs(x.ms)}: ${mbPerSecond(x.xmlBytes, x.ms)} of XML (${int(x.elements)} elements; ${secs(x.cpuMs)} CPU; other load ${otherLoad(raw.saxes.otherCoreS, x.ms)})`,
    ),
  );
  const p = raw.parse;
  print(
    row(
      "(a) parse only (project parser)",
      `${secs(p.ms)}: ${mbPerSecond(t.xmlBytes, p.ms)} of XML, ${int(perSecond(p.records, p.ms))} records/s (${int(p.records)} records, ${p.rejected} rejected)`,
    ),
  );
  print(
    row(
      "(b) COPY into samples-shaped + PK",
      `${secs(raw.copy.ms)}: ${int(perSecond(raw.copy.rows, raw.copy.ms))} rows/s (${int(raw.copy.rows)} rows, one COPY)`,
    ),
  );
  print(
    row(
      "    … + samples' local_date index",
      `${secs(raw.copyWithDateIndex.ms)}: ${int(perSecond(raw.copyWithDateIndex.rows, raw.copyWithDateIndex.ms))} rows/s (information)`,
    ),
  );
  print(
    row(
      "(c) writer DB path, no parsing",
      `${secs(raw.writer.ms)}: ${int(perSecond(raw.writer.rows, raw.writer.ms))} rows/s (copyMergeSamples, 20k-row batches, real table; information)`,
    ),
  );
}

/** Other processes' core-seconds over a wall time, as the average number of cores they kept busy. */
function otherLoad(coreS: number, wallMs: number): string {
  const cores = wallMs > 0 ? coreS / (wallMs / 1000) : 0;
  return `${coreS.toFixed(1)} core-s = ${cores.toFixed(2)} of ${os.availableParallelism()} cores`;
}

export interface GoalResult {
  ratio: number;
  ratioMet: boolean;
  rssMet: boolean;
}

export function printGoals(print: Print, m: ImportMeasurement, raw: RawLimits, t: ExportTotals, load: LoadSamples): GoalResult {
  // The same bytes of XML on both sides, so the throughput ratio is the inverse ratio of the times.
  const ratio = raw.saxes.result.ms / m.endToEndMs;
  const ratioMet = ratio >= RATIO_GOAL;
  const records = t.samples + t.workouts;
  const e2e = perSecond(records, m.endToEndMs);
  const parse = perSecond(raw.parse.records, raw.parse.ms);
  const copy = perSecond(raw.copy.rows, raw.copy.ms);
  // Every service process, with the default start scripts (their heap caps): the worker and the API.
  const rssMet = Math.max(m.workerPeakRssKb, m.apiPeakRssKb) * 1024 <= WORKER_RSS_GOAL_BYTES;
  const ours = m.cpu.worker + m.cpu.api + m.cpu.postgres + m.cpu.redis + m.cpu.bench;
  print(`goals (record mix ${t.mix}, ${t.format === "zip" ? "zipped export" : "bare export.xml"})`);
  print(
    row(
      `end-to-end ≥ ${RATIO_GOAL} × raw saxes parse`,
      `${mbPerSecond(t.xmlBytes, m.endToEndMs)} / ${mbPerSecond(t.xmlBytes, raw.saxes.result.ms)} of XML = ${ratio.toFixed(2)} → ${ratioMet ? "MET" : "NOT MET"}`,
    ),
  );
  print(
    row(
      "  other load meanwhile",
      `import ${otherLoad(Math.max(0, m.cpu.machine - ours), m.endToEndMs)}, raw parse ${otherLoad(raw.saxes.otherCoreS, raw.saxes.wallMs)}; 1-min load average ${load.min.toFixed(1)}–${load.max.toFixed(1)} (mean ${load.mean.toFixed(1)})`,
    ),
  );
  print(
    row(
      "  (information) ÷ project parser / COPY",
      `${int(e2e)} records/s ÷ ${int(parse)} = ${(e2e / parse).toFixed(2)}; ÷ raw COPY ${int(copy)} rows/s = ${(e2e / copy).toFixed(2)}`,
    ),
  );
  print(row("peak RSS ≤ 300 MB, worker / API", `${kbToMb(m.workerPeakRssKb)} / ${kbToMb(m.apiPeakRssKb)} → ${rssMet ? "MET" : "NOT MET"}`));
  return { ratio, ratioMet, rssMet };
}

export function printCpuProfile(print: Print, s: CpuSummary, m: ImportMeasurement): void {
  print(`time per phase: the worker's main thread over the import window (${secs(s.windowMs)}; self time, profiler overhead included)`);
  for (const a of s.areas) print(row(a.area, `${secs(a.ms)} (${((100 * a.ms) / s.windowMs).toFixed(0)}%)`, 62));
  print(row("merge: Postgres CPU (COPY, merge, indexes, WAL)", `${m.cpu.postgres.toFixed(2)} s`, 62));
  print(row("upload: API CPU (stream to disk, hash, detect)", `${m.cpu.api.toFixed(2)} s, ${secs(m.uploadMs)} before the worker starts`, 62));
  print("  top functions (self time)");
  for (const f of s.topFunctions) print(row(f.name.slice(0, 90), secs(f.ms), 92));
}
