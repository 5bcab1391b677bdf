import type { CpuSummary } from "./cpu-profile.js";
import type { DaysProfile } from "./days-profile.js";
import { int, ms, pct, table } from "./format.js";
import type { BatchedRun } from "./recompute-batched.js";
import { PHASES, type RecomputeProfile } from "./recompute-profile.js";

export function profileSection(p: RecomputeProfile): string[] {
  const readPhases = PHASES.filter((ph) => ph !== "assemble (JS)" && ph !== "upsert");
  const sum = PHASES.reduce((a, ph) => a + p.phaseMs[ph], 0);
  const rows = [["phase (each step alone, summed over days)", "total", "per day", "share"]];
  for (const ph of PHASES) rows.push([ph, ms(p.phaseMs[ph]), ms(p.phaseMs[ph] / p.days), pct(p.phaseMs[ph], sum)]);
  const sqlMs = readPhases.reduce((a, ph) => a + p.phaseMs[ph], 0) + p.phaseMs.upsert;
  rows.push(["all SQL (reads + upsert)", ms(sqlMs), ms(sqlMs / p.days), pct(sqlMs, sum)]);
  rows.push(["the 5 reads in parallel, as recomputeDay runs them", ms(p.parallelReadsMs), ms(p.parallelReadsMs / p.days), ""]);
  rows.push(["samples via proposed SQL (no sources join, date_part)", ms(p.leanSamplesMs), ms(p.leanSamplesMs / p.days), ""]);
  const out = [table(rows), "", `rows read: ${int(p.sampleRows)} samples (${int(p.sampleRows / p.days)} per day), ${p.workoutRows} workouts`];
  if (p.explain) {
    const e = p.explain;
    out.push(
      `daySamples on ${e.date}: ${e.rows} rows; server planning ${ms(e.planningMs)} + execution ${ms(e.executionMs)}, through postgres.js ${ms(e.clientMs)} (the rest is transfer and row parsing)`,
      "```",
      e.plan,
      "```",
    );
  }
  return out;
}

export function batchedSection(runs: BatchedRun[]): string[] {
  const rows = [["days per chunk × chunks in flight", "total", "range reads", "bucket + assembleDay (JS)", "multi-row upserts", "sample rows read", "days ≠ recomputeDay"]];
  for (const b of runs) rows.push([`${b.chunkDays} × ${b.inFlight}`, ms(b.totalMs), ms(b.readMs), ms(b.jsMs), ms(b.writeMs), int(b.sampleRows), String(b.mismatches)]);
  const out = [table(rows)];
  const mismatch = runs.find((b) => b.firstMismatch)?.firstMismatch;
  if (mismatch) out.push(`first difference: ${mismatch}`);
  return out;
}

export function daysProfileSection(d: DaysProfile, backlog: { jobs: number; meanMs: number }): string[] {
  const rows = [[`one GET /v1/days, step by step in-process (mean of ${d.iterations}, no load)`, "mean"]];
  for (const [step, v] of Object.entries(d.meanMs)) rows.push([step, ms(v)]);
  rows.push([`hasPendingRecomputes with ${int(backlog.jobs)} other users' jobs queued`, ms(backlog.meanMs)]);
  return [table(rows), "", `breakdown jsonb: ${int(d.breakdownBytesPerRow)} bytes per row on average (read by /v1/days, never returned by it)`];
}

export function cpuSection(c: CpuSummary, requests: number): string[] {
  const perReq = (v: number) => (requests > 0 ? ms(v / requests) : "n/a");
  const areas = [["API CPU during the measured GET /v1/days phase, by package (self time)", "total", "per request", "share"]];
  for (const a of c.byArea) areas.push([a.area, ms(a.ms), perReq(a.ms), pct(a.ms, c.busyMs)]);
  const fns = [["top functions (self time)", "total", "share"]];
  for (const f of c.byFunction) fns.push([f.fn.slice(0, 110), ms(f.ms), pct(f.ms, c.busyMs)]);
  return [table(areas), "", table(fns)];
}
