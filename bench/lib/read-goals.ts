import { int, ms } from "./format.js";
import type { LoadResult } from "./load.js";

/** Issue 17 goal 3: every goal read, at 20 clients, against /healthz on the same server in the same run. */
export const READ_GOALS = {
  readP99Ms: 50,
  readToHealthzRatio: 0.25,
} as const;

export interface GoalLine {
  metric: string;
  value: string;
  goal: string;
  met: boolean;
}

/** p99 and throughput against /healthz on the same server in the same run. */
export function readGoals(l: LoadResult, healthz: LoadResult): GoalLine[] {
  const ratio = l.rps / healthz.rps;
  return [
    {
      metric: `${l.name} p99, ${l.clients} clients`,
      value: ms(l.latencyMs.p99),
      goal: `< ${READ_GOALS.readP99Ms} ms`,
      met: l.latencyMs.p99 < READ_GOALS.readP99Ms && l.errors === 0,
    },
    {
      metric: `req/s ratio ${l.name} ÷ /healthz`,
      value: ratio.toFixed(3),
      goal: `≥ ${READ_GOALS.readToHealthzRatio}`,
      met: ratio >= READ_GOALS.readToHealthzRatio,
    },
  ];
}

export const LOAD_TABLE_HEADER = [
  "endpoint",
  "requests",
  "errors",
  "req/s",
  "p50",
  "p95",
  "p99",
  "max",
  "body",
  "API CPU",
  "API CPU/req",
  "client CPU",
];

export function loadRow(l: LoadResult): string[] {
  return [
    l.name,
    int(l.requests),
    String(l.errors),
    l.rps.toFixed(0),
    ms(l.latencyMs.p50),
    ms(l.latencyMs.p95),
    ms(l.latencyMs.p99),
    ms(l.latencyMs.max),
    l.wireBytesPerResponse < l.bytesPerResponse
      ? `${(l.bytesPerResponse / 1024).toFixed(1)} KiB (${(l.wireBytesPerResponse / 1024).toFixed(1)} sent)`
      : `${(l.bytesPerResponse / 1024).toFixed(1)} KiB`,
    l.apiCpuPct === null ? "n/a" : `${l.apiCpuPct.toFixed(0)} %`,
    l.apiCpuPct === null || l.requests === 0 ? "n/a" : ms(((l.apiCpuPct / 100) * l.seconds * 1000) / l.requests),
    `${l.clientCpuPct.toFixed(0)} %`,
  ];
}
