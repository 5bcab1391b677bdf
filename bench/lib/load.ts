import http from "node:http";
import { gunzipSync } from "node:zlib";
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
  /** The decoded size of the phase's first answer (every answer of a phase is the same). */
  decodedBytes: number | null;
  wireBytes: number;
}

// Like wrk or autocannon, the client reads each answer's bytes as sent and does not inflate them: on 2 shared cores,
// inflating a year of days in the client cost more CPU (about 1 ms an answer) than the API spent serving it, and the
// two compete for the same cores. It asks for gzip as a browser does; one answer per phase is inflated, to check it
// and to report its decoded size.
const ACCEPT_ENCODING = "gzip";

interface RawAnswer {
  status: number;
  body: Buffer;
  gzipped: boolean;
}

function get(agent: http.Agent, url: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), gzipped: res.headers["content-encoding"] === "gzip" }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

/** One client: requests back to back over its keep-alive connection until the deadline. */
async function clientLoop(spec: LoadSpec, agent: http.Agent, deadline: number, totals: LoopTotals): Promise<void> {
  const headers = { "accept-encoding": ACCEPT_ENCODING, ...spec.headers };
  while (performance.now() < deadline) {
    const t0 = performance.now();
    try {
      const res = await get(agent, spec.url, headers);
      const ms = performance.now() - t0;
      if (res.status === 200) {
        totals.latencies.push(ms);
        totals.wireBytes += res.body.length;
        totals.decodedBytes ??= (res.gzipped ? gunzipSync(res.body) : res.body).length;
      } else {
        totals.errors++;
        const text = res.gzipped ? gunzipSync(res.body).toString("utf8") : res.body.toString("utf8");
        totals.firstError ??= `HTTP ${res.status}: ${text.slice(0, 200)}`;
      }
    } catch (err) {
      totals.errors++;
      totals.firstError ??= (err as Error).message;
    }
  }
}

async function phase(spec: LoadSpec, durationMs: number): Promise<{ totals: LoopTotals; elapsedMs: number }> {
  const totals: LoopTotals = { latencies: [], errors: 0, firstError: null, decodedBytes: null, wireBytes: 0 };
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.clients });
  const started = performance.now();
  const deadline = started + durationMs;
  try {
    await Promise.all(Array.from({ length: spec.clients }, () => clientLoop(spec, agent, deadline, totals)));
  } finally {
    agent.destroy();
  }
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
    bytesPerResponse: totals.decodedBytes ?? 0,
    wireBytesPerResponse: ok > 0 ? totals.wireBytes / ok : 0,
    apiCpuPct: apiCpuBefore !== null && apiCpuAfter !== null ? ((apiCpuAfter - apiCpuBefore) / seconds) * 100 : null,
    clientCpuPct: ((clientCpu.user + clientCpu.system) / 1e6 / seconds) * 100,
    window: { fromUs, toUs },
  };
}
