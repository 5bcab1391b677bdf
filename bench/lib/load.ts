import { monotonicUs } from "./cpu-profile.js";
import { processCpuSeconds } from "./proc-stats.js";
import { type Distribution, distribution } from "./stats.js";

export interface LoadSpec {
  name: string;
  url: string;
  headers: Record<string, string>;
  clients: number;
  warmupMs: number;
  durationMs: number;
  /** The API process, to report how busy it was. */
  apiPid: number;
}

export interface LoadResult {
  name: string;
  clients: number;
  seconds: number;
  requests: number;
  errors: number;
  firstError: string | null;
  rps: number;
  latencyMs: Distribution;
  /** Decoded body bytes per answer, and what went over the wire (the gzipped body when the server sent one). */
  bytesPerResponse: number;
  wireBytesPerResponse: number;
  /** CPU used during the measured phase as % of one core: the API process and this (client) process. */
  apiCpuPct: number | null;
  clientCpuPct: number;
  /** The measured phase on the monotonic clock (µs), to cut a CPU profile to it. */
  window: { fromUs: number; toUs: number };
}

interface LoopTotals {
  latencies: number[];
  errors: number;
  firstError: string | null;
  bytes: number;
  wireBytes: number;
}

// What a browser sends: the API gzips large kept answers for such clients (fetch inflates them again).
const ACCEPT_ENCODING = "gzip, deflate, br";

/** One client: requests back to back over its keep-alive connection until the deadline. */
async function clientLoop(spec: LoadSpec, deadline: number, totals: LoopTotals): Promise<void> {
  while (performance.now() < deadline) {
    const t0 = performance.now();
    try {
      const res = await fetch(spec.url, { headers: { "accept-encoding": ACCEPT_ENCODING, ...spec.headers } });
      const body = await res.arrayBuffer();
      const ms = performance.now() - t0;
      if (res.status === 200) {
        totals.latencies.push(ms);
        totals.bytes += body.byteLength;
        totals.wireBytes += Number(res.headers.get("content-length") ?? body.byteLength);
      } else {
        totals.errors++;
        totals.firstError ??= `HTTP ${res.status}: ${Buffer.from(body).toString("utf8").slice(0, 200)}`;
      }
    } catch (err) {
      totals.errors++;
      totals.firstError ??= (err as Error).message;
    }
  }
}

async function phase(spec: LoadSpec, durationMs: number): Promise<{ totals: LoopTotals; elapsedMs: number }> {
  const totals: LoopTotals = { latencies: [], errors: 0, firstError: null, bytes: 0, wireBytes: 0 };
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(Array.from({ length: spec.clients }, () => clientLoop(spec, deadline, totals)));
  return { totals, elapsedMs: performance.now() - started };
}

/** A fixed number of concurrent client loops against one URL: warm-up (discarded), then the measured phase. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmupMs > 0) await phase(spec, spec.warmupMs);
  const apiCpuBefore = await processCpuSeconds(spec.apiPid);
  const clientCpuBefore = process.cpuUsage();
  const fromUs = monotonicUs();
  const { totals, elapsedMs } = await phase(spec, spec.durationMs);
  const toUs = monotonicUs();
  const apiCpuAfter = await processCpuSeconds(spec.apiPid);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const seconds = elapsedMs / 1000;
  const ok = totals.latencies.length;
  return {
    name: spec.name,
    clients: spec.clients,
    seconds,
    requests: ok,
    errors: totals.errors,
    firstError: totals.firstError,
    rps: ok / seconds,
    latencyMs: distribution(totals.latencies),
    bytesPerResponse: ok > 0 ? totals.bytes / ok : 0,
    wireBytesPerResponse: ok > 0 ? totals.wireBytes / ok : 0,
    apiCpuPct: apiCpuBefore !== null && apiCpuAfter !== null ? ((apiCpuAfter - apiCpuBefore) / seconds) * 100 : null,
    clientCpuPct: ((clientCpu.user + clientCpu.system) / 1e6 / seconds) * 100,
    window: { fromUs, toUs },
  };
}
