import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { checkConnections, closeDeps, createDeps, type Deps } from "../../src/deps.js";
import { createApiClient, type DaysAnswer } from "../lib/api-client.js";
import { createBenchEnv } from "../lib/bench-env.js";
import { type CpuSummary, findProfile, monotonicUs, packageArea, summarizeCpuProfile } from "../lib/cpu-profile.js";
import { databaseExists, dropDatabase } from "../lib/database.js";
import { summarizeDays } from "../lib/days-summary.js";
import { describeMachine, loadAverage, startLoadSampler } from "../lib/machine.js";
import { waitForDrain } from "../lib/queue-watch.js";
import { runReadPhase } from "../lib/read-phase.js";
import { freePort, type RunningRole, spawnRole, stopRole, waitUntilStarted } from "../lib/service.js";
import { profileDays } from "./days-profile.js";
import { parseApiBenchArgs } from "./options.js";
import { BENCH_PROFILE } from "./plan-types.js";
import { runRecomputePhase } from "./recompute-phase.js";
import { type QueueRun, recomputeViaQueue } from "./recompute-runs.js";
import { type BenchReport, printReport } from "./report.js";
import { reuseSeededUser } from "./reuse.js";
import { createBenchUser, seedYear } from "./seed.js";
import { benchDates } from "./year-plan.js";

const DRAIN_TIMEOUT_MS = 30 * 60_000;
const QUEUE_TIMEOUT_MS = 10 * 60_000;

const log = (line: string) => process.stderr.write(`[bench:api ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<void> {
  const opts = parseApiBenchArgs(process.argv.slice(2));
  const env = createBenchEnv(opts.database, await freePort(), opts.logLevel);
  const runDir = await mkdtemp(path.join(os.tmpdir(), "wearsync-bench-api-"));
  const loadSampler = startLoadSampler();
  const loadAvgStart = loadAverage();
  const children: RunningRole[] = [];
  let deps: Deps | null = null;
  let failed = false;
  const onSignal = () => {
    for (const child of children) child.child.kill("SIGTERM");
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    if (opts.reuse) {
      if (!(await databaseExists(env.maintenanceUrl, opts.database))) throw new Error(`--reuse: database ${opts.database} does not exist`);
    } else {
      await dropDatabase(env.maintenanceUrl, opts.database);
    }
    log(`database ${opts.database}, queue prefix ${env.queuePrefix}, logs in ${runDir}`);
    const api = await spawnRole("api", env.serviceVars(), path.join(runDir, "api.log"));
    children.push(api);
    await waitUntilStarted(api);
    deps = createDeps(env.inProcessEnv(), { applicationName: "wearsync-bench-api" });
    await checkConnections(deps);
    const machine = await describeMachine(env.inProcessEnv().DATABASE_URL, env.inProcessEnv().REDIS_URL);
    const client = createApiClient(`http://127.0.0.1:${env.port}`);

    let user: { userId: string; apiKey: string };
    let dates: string[];
    let seed: BenchReport["seed"] = null;
    if (opts.reuse) {
      const reused = await reuseSeededUser(deps, opts.days);
      user = reused;
      dates = reused.dates;
      log(`reusing ${dates.length} seeded days ${dates[0]} … ${dates.at(-1)}`);
    } else {
      user = await createBenchUser(client, env.adminToken);
      dates = benchDates(opts.days, BENCH_PROFILE.time_zone, Date.now());
      log(`seeding ${dates.length} days ${dates[0]} … ${dates.at(-1)} through POST /v1/sync and /v1/intake`);
      seed = await seedYear(client, user, dates, opts.seed);
      log(
        `seeded ${seed.samples} samples, ${seed.workouts} workouts (${seed.heartRatePoints} HR points), ${seed.intakeEntries} meals in ${seed.seconds.toFixed(1)} s`,
      );
    }

    const workerProfDir = path.join(runDir, "worker-cpu-prof");
    const worker = await spawnRole(
      "worker",
      env.serviceVars({ WORKER_CONCURRENCY: String(opts.workerConcurrency) }),
      path.join(runDir, "worker.log"),
      [...opts.workerNodeArgs, ...(opts.workerCpuProf ? ["--cpu-prof", `--cpu-prof-dir=${workerProfDir}`] : [])],
    );
    children.push(worker);
    await waitUntilStarted(worker);
    log("worker started; waiting for the seeding's recompute and HIIT jobs to drain");
    const drain = await waitForDrain(Object.values(deps.queues), DRAIN_TIMEOUT_MS, (open) => log(`  ${open} jobs open`));
    if (!drain.drained) throw new Error(`queues not drained after ${DRAIN_TIMEOUT_MS} ms`);
    const drainSeconds = drain.ms / 1000;
    log(`drained in ${drainSeconds.toFixed(1)} s`);

    const recompute = await runRecomputePhase(deps, user.userId, dates, opts.passes, log, opts.only === "queue");
    const queue: QueueRun[] = [];
    const queueFromUs = monotonicUs();
    for (let run = 1; run <= opts.queueRuns; run++) {
      // Each run starts from idle queues: the previous run's projections are not left competing with it.
      await waitForDrain(Object.values(deps.queues), DRAIN_TIMEOUT_MS);
      const q = await recomputeViaQueue(deps, client, user.apiKey, user.userId, dates, QUEUE_TIMEOUT_MS, worker.pid);
      queue.push(q);
      log(`queue run ${run}: pending=false after ${q.untilNotPendingMs.toFixed(0)} ms (jobs ${q.processingSpanMs?.toFixed(0)} ms)`);
    }
    const queueToUs = monotonicUs();
    await stopRole(worker);
    let workerCpu: CpuSummary | null = null;
    if (opts.workerCpuProf) {
      const file = await findProfile(workerProfDir);
      if (file) workerCpu = await summarizeCpuProfile(file, queueFromUs, queueToUs, packageArea, 30);
      else log(`no worker CPU profile found in ${workerProfDir}`);
    }

    const from = dates[0] ?? "";
    const to = dates.at(-1) ?? "";
    let reads: BenchReport["reads"] = null;
    let summary: BenchReport["summary"];
    if (opts.only === "all") {
      const {
        cpu,
        summary: daysSummary,
        ...loads
      } = await runReadPhase({
        api,
        apiEnv: env.serviceVars(),
        runDir,
        cpuProf: opts.cpuProf,
        port: env.port,
        apiKey: user.apiKey,
        from,
        to,
        clients: opts.clients,
        warmupMs: opts.warmupSeconds * 1000,
        durationMs: opts.seconds * 1000,
        track: (p) => children.push(p),
        log,
      });
      log("profiling GET /v1/days steps in-process");
      reads = { ...loads, cpu, daysProfile: await profileDays(deps, user.userId, user.apiKey, from, to) };
      summary = daysSummary;
    } else {
      summary = summarizeDays(await client.call<DaysAnswer>("GET", `/v1/days?from=${from}&to=${to}`, { token: user.apiKey }));
    }

    const report: BenchReport = {
      options: opts,
      machine,
      loadAvgStart,
      loadAvgEnd: loadAverage(),
      loadDuringRun: loadSampler.stop(),
      dates: { from, to, count: dates.length },
      seed,
      drainSeconds,
      ...recompute,
      queue,
      workerCpu,
      reads,
      summary,
    };
    printReport(report);
  } catch (err) {
    failed = true;
    const cause = (err as { cause?: unknown }).cause;
    log(`failed: ${(err as Error).stack ?? String(err)}${cause ? `\ncaused by: ${String(cause)}` : ""}`);
    log(`service logs kept in ${runDir}`);
    process.exitCode = 1;
  } finally {
    for (const child of children.reverse()) await stopRole(child).catch(() => undefined);
    if (deps) {
      await Promise.all(Object.values(deps.queues).map((q) => q.obliterate({ force: true }).catch(() => undefined)));
      await closeDeps(deps).catch(() => undefined);
    }
    if (opts.keepDb) log(`kept database ${opts.database}; run again with --reuse --database ${opts.database}`);
    else await dropDatabase(env.maintenanceUrl, opts.database).catch((err: Error) => log(`could not drop ${opts.database}: ${err.message}`));
    if (!failed && !opts.keepLogs) await rm(runDir, { recursive: true, force: true });
    else log(`run directory kept: ${runDir}`);
  }
}

await main();
