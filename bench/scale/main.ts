// `npm run bench:scale` — issue 17 goal 4: ingest and read cost with 20 users' years of minute-level data loaded.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { BENCH_PROFILE } from "../api/plan-types.js";
import { benchDates } from "../api/year-plan.js";
import { createBenchEnv } from "../lib/bench-env.js";
import { databaseExists, dropDatabase } from "../lib/database.js";
import { generateExport } from "../lib/export-file.js";
import { type ExportTotals, loadTotals } from "../lib/export-totals.js";
import { describeMachine, loadAverage, startLoadSampler } from "../lib/machine.js";
import { deletePrefixedKeys } from "../lib/queue-watch.js";
import { freePort, type RunningRole, stopRole } from "../lib/service.js";
import { runIngestPhase } from "./ingest-phase.js";
import { parseScaleBenchArgs } from "./options.js";
import { runReadSide } from "./read-side.js";
import { printScaleReport } from "./report.js";
import { databaseSizes, readSeedInfo, type SeedInfo, seedDatabase } from "./seed.js";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const log = (line: string) => process.stderr.write(`[bench:scale ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function prepareExport(opts: ReturnType<typeof parseScaleBenchArgs>, runDir: string): Promise<{ path: string; totals: ExportTotals }> {
  if (opts.reuseExport !== null) return { path: opts.reuseExport, totals: await loadTotals(opts.reuseExport) };
  const format = opts.xml ? "xml" : "zip";
  const filePath = path.join(runDir, `wearsync-bench-${opts.sizeMb}mb-seed${opts.seed}.${format}`);
  log(`generating a ${opts.sizeMb} MB ${format} export`);
  return { path: filePath, totals: await generateExport({ path: filePath, targetMb: opts.sizeMb, format, seed: opts.seed, mix: "current" }) };
}

async function main(): Promise<void> {
  const opts = parseScaleBenchArgs(process.argv.slice(2));
  const env = createBenchEnv(opts.database, await freePort(), "info");
  const emptyDatabase = `${opts.database}_empty`;
  const runDir = await mkdtemp(path.join(os.tmpdir(), "wearsync-bench-scale-"));
  const loadSampler = startLoadSampler();
  const loadAvgStart = loadAverage();
  const children: RunningRole[] = [];
  const prefixes: string[] = [env.queuePrefix];
  let failed = false;
  try {
    const machine = await describeMachine(env.maintenanceUrl, REDIS_URL);
    let seed: SeedInfo;
    let seeded = false;
    if (opts.reuse) {
      if (!(await databaseExists(env.maintenanceUrl, opts.database))) throw new Error(`--reuse: database ${opts.database} does not exist`);
      seed = await readSeedInfo(env.databaseUrl);
      log(`reusing ${opts.database}: ${seed.users.length} users, ${seed.samples} sample rows`);
    } else {
      await dropDatabase(env.maintenanceUrl, opts.database);
      const dates = benchDates(opts.days, BENCH_PROFILE.time_zone, Date.now());
      log(`seeding ${opts.users} users × ${dates.length} days of minute-level data into ${opts.database} by COPY`);
      seed = await seedDatabase(env.databaseUrl, { users: opts.users, dates, seed: opts.seed }, log);
      seeded = true;
    }
    const sizes = await databaseSizes(env.databaseUrl);
    const readUser = seed.users[0];
    if (!readUser) throw new Error("no seeded user");
    const reads = await runReadSide(env, readUser, seed.dates, opts, { runDir, track: (p) => children.push(p), log });
    const file = await prepareExport(opts, runDir);
    const targets = {
      empty: { label: "empty" as const, database: emptyDatabase, databaseUrl: env.databaseUrl.replace(/\/[^/]+$/, `/${emptyDatabase}`) },
      loaded: { label: "loaded" as const, database: opts.database, databaseUrl: env.databaseUrl },
    };
    const ingest = await runIngestPhase(targets, file, opts.rounds, {
      redisUrl: REDIS_URL,
      maintenanceUrl: env.maintenanceUrl,
      runDir,
      prefixes,
      log,
    });
    const pass = printScaleReport({
      options: opts,
      machine,
      loadAvgStart,
      loadAvgEnd: loadAverage(),
      loadDuringRun: loadSampler.stop(),
      seed,
      seeded,
      sizes,
      reads,
      file,
      ingest,
    });
    if (!pass) {
      failed = true;
      process.exitCode = 1;
    }
  } catch (err) {
    failed = true;
    log(`failed: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  } finally {
    for (const child of children.reverse()) await stopRole(child).catch(() => undefined);
    for (const prefix of prefixes) await deletePrefixedKeys(REDIS_URL, prefix).catch(() => undefined);
    await dropDatabase(env.maintenanceUrl, emptyDatabase).catch((err: Error) => log(`could not drop ${emptyDatabase}: ${err.message}`));
    if (opts.keepDb) log(`kept database ${opts.database}; run again with --reuse --database ${opts.database}`);
    else await dropDatabase(env.maintenanceUrl, opts.database).catch((err: Error) => log(`could not drop ${opts.database}: ${err.message}`));
    if (!failed && !opts.keepLogs) await rm(runDir, { recursive: true, force: true });
    else {
      // Logs only: the generated export and the uploads are large and made again by the next run.
      for (const entry of await readdir(runDir, { recursive: true }))
        if (/(^|\/)uploads$|\.(zip|xml)$/.test(entry)) await rm(path.join(runDir, entry), { recursive: true, force: true });
      log(`run directory kept: ${runDir}`);
    }
  }
}

await main();
