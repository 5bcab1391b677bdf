import type { CpuSummary } from "../lib/cpu-profile.js";
import { int, ms, pct, table } from "../lib/format.js";
import type { DaysProfile } from "./days-profile.js";

export function daysProfileSection(d: DaysProfile): string[] {
  const rows = [[`one GET /v1/days, step by step in-process (mean of ${d.iterations}, no load)`, "mean"]];
  for (const [step, v] of Object.entries(d.meanMs)) rows.push([step, ms(v)]);
  return [table(rows), "", `breakdown jsonb: ${int(d.breakdownBytesPerRow)} bytes per row on average (read by /v1/days, never returned by it)`];
}

/** Self time by package and by function; `per` divides the totals by `units` (requests, runs). */
export function cpuSection(c: CpuSummary, units: number, title: string, per: string): string[] {
  const perReq = (v: number) => (units > 0 ? ms(v / units) : "n/a");
  const areas = [[`${title}, by package (self time; window ${ms(c.windowMs)}, busy ${ms(c.busyMs)})`, "total", per, "share"]];
  for (const a of c.areas.filter((x) => x.area !== "(idle)")) areas.push([a.area, ms(a.ms), perReq(a.ms), pct(a.ms, c.busyMs)]);
  const fns = [["top functions (self time)", "total", "share"]];
  for (const f of c.topFunctions) fns.push([f.name.slice(0, 110), ms(f.ms), pct(f.ms, c.busyMs)]);
  return [table(areas), "", table(fns)];
}
