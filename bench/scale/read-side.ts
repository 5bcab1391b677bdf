import path from "node:path";
import { checkConnections, closeDeps, createDeps } from "../../src/deps.js";
import { issueKey } from "../../src/modules/accounts/api-keys.service.js";
import { type QueueRun, recomputeViaQueue } from "../api/recompute-runs.js";
import { createApiClient } from "../lib/api-client.js";
import type { BenchEnv } from "../lib/bench-env.js";
import type { DaysSummary } from "../lib/days-summary.js";
import { waitForDrain } from "../lib/queue-watch.js";
import { type ReadLoads, runReadPhase } from "../lib/read-phase.js";
import { type RunningRole, spawnRole, stopRole, waitUntilStarted } from "../lib/service.js";
import type { ScaleBenchOptions } from "./options.js";

const QUEUE_TIMEOUT_MS = 10 * 60_000;

export interface ReadSide {
  /** The read user's year recomputed through the queue (minute-level rows; information, goal 5 is bench:api's). */
  recompute: QueueRun;
  drainSeconds: number;
  loads: ReadLoads;
  summary: DaysSummary;
}

/**
 * One seeded user's year: recomputed through a worker (so its days, HIIT sessions and weekly projections exist, as
 * they would after its syncs), then the goal reads at `clients` clients against /healthz, as bench:api runs them.
 */
export async function runReadSide(
  env: BenchEnv,
  user: { id: string },
  dates: string[],
  opts: ScaleBenchOptions,
  ctx: { runDir: string; track: (p: RunningRole) => void; log: (line: string) => void },
): Promise<ReadSide> {
  const api = await spawnRole("api", env.serviceVars(), path.join(ctx.runDir, "api.log"));
  ctx.track(api);
  await waitUntilStarted(api);
  const worker = await spawnRole("worker", env.serviceVars(), path.join(ctx.runDir, "worker.log"));
  ctx.track(worker);
  await waitUntilStarted(worker);
  const deps = createDeps(env.inProcessEnv(), { applicationName: "wearsync-bench-scale" });
  try {
    await checkConnections(deps);
    const { apiKey } = await issueKey(deps, user.id, "bench-scale");
    const client = createApiClient(`http://127.0.0.1:${env.port}`);
    ctx.log(`recomputing the read user's ${dates.length} days through the queue`);
    const recompute = await recomputeViaQueue(deps, client, apiKey, user.id, dates, QUEUE_TIMEOUT_MS, worker.pid);
    const drain = await waitForDrain(Object.values(deps.queues), QUEUE_TIMEOUT_MS, (open) => ctx.log(`  ${open} jobs open`));
    if (!drain.drained) throw new Error("queues not drained after the recompute");
    await stopRole(worker);
    const {
      cpu: _cpu,
      summary,
      ...loads
    } = await runReadPhase({
      api,
      apiEnv: env.serviceVars(),
      runDir: ctx.runDir,
      cpuProf: false,
      port: env.port,
      apiKey,
      from: dates[0] ?? "",
      to: dates.at(-1) ?? "",
      clients: opts.clients,
      warmupMs: opts.warmupSeconds * 1000,
      durationMs: opts.seconds * 1000,
      track: ctx.track,
      log: ctx.log,
    });
    await stopRole(api);
    return { recompute, drainSeconds: drain.ms / 1000, loads, summary };
  } finally {
    await Promise.all(Object.values(deps.queues).map((q) => q.obliterate({ force: true }).catch(() => undefined)));
    await closeDeps(deps).catch(() => undefined);
  }
}
