// `npm run bench:ingest` — end-to-end Apple Health import benchmark against the real service (see BENCHMARKS.md).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type BenchOptions, parseBenchArgs } from "./lib/args.js";
import { measureWithOtherLoad } from "./lib/cpu-accounting.js";
import { generateExport } from "./lib/export-file.js";
import { type ExportTotals, loadTotals, totalsPathFor } from "./lib/export-totals.js";
import { secs } from "./lib/format.js";
import { describeMachine, startLoadSampler } from "./lib/machine.js";
import { deletePrefixedKeys } from "./lib/queue-watch.js";
import { measureRawCopy, measureWriterPath } from "./lib/raw-copy.js";
import { measureRawParse } from "./lib/raw-parse.js";
import { measureRawSaxes } from "./lib/raw-saxes.js";
import { printChecks, printCpuProfile, printExport, printGoals, printImport, printMachine, printRawLimits, type RawLimits } from "./lib/report.js";
import { measureImport, newQueuePrefix } from "./lib/run-import.js";
import { verifyDatabase, verifyImportCounts, verifyWorkerLived } from "./lib/verify.js";

const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

const print = (line = ""): void => {
  process.stdout.write(`${line}\n`);
};

function benchDatabaseUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function dropBenchDatabase(database: string): Promise<void> {
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`drop database if exists ${database} with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function prepareFile(opts: BenchOptions, runDir: string): Promise<{ path: string; totals: ExportTotals; generated: boolean }> {
  if (opts.reuse !== null) {
    const totals = await loadTotals(opts.reuse);
    printExport(print, opts.reuse, totals, "reused");
    return { path: opts.reuse, totals, generated: false };
  }
  const format = opts.xml ? "xml" : "zip";
  const mixPart = opts.mix === "current" ? "" : `-${opts.mix}`;
  const name = `wearsync-bench-${opts.sizeMb}mb-seed${opts.seed}${mixPart}.${format}`;
  const filePath = opts.keep ? path.join(os.tmpdir(), name) : path.join(runDir, name);
  const started = performance.now();
  const totals = await generateExport({ path: filePath, targetMb: opts.sizeMb, format, seed: opts.seed, mix: opts.mix });
  printExport(print, filePath, totals, `generated in ${secs(performance.now() - started)}, streaming`);
  return { path: filePath, totals, generated: true };
}

async function main(opts: BenchOptions): Promise<number> {
  const runDir = await mkdtemp(path.join(os.tmpdir(), "wearsync-bench-"));
  const queuePrefix = newQueuePrefix();
  let file: { path: string; generated: boolean } | null = null;
  let keepRunDir = opts.keepLogs;
  print(`wearsync ingest benchmark, ${new Date().toISOString()}; run dir ${runDir}`);
  try {
    await dropBenchDatabase(opts.database);
    printMachine(print, await describeMachine(PG_ADMIN_URL));
    const prepared = await prepareFile(opts, runDir);
    file = prepared;
    const { totals } = prepared;
    print();

    const service = {
      databaseUrl: benchDatabaseUrl(opts.database),
      redisUrl: REDIS_URL,
      queuePrefix,
      runDir,
      cpuProf: opts.cpuProf,
      derivedTimeoutMs: opts.derivedTimeoutS * 1000,
      workerNodeArgs: opts.workerNodeArgs,
      workerEntry: opts.workerEntry,
    };
    const loadSampler = startLoadSampler();
    const measurement = await measureImport(service, prepared.path, print);
    const load = loadSampler.stop();
    print();
    const sql = postgres(benchDatabaseUrl(opts.database), { max: 2, onnotice: () => undefined });
    try {
      printImport(print, measurement, totals);
      print();
      const checks = [
        ...(await verifyDatabase(sql, measurement.userId, totals)),
        ...verifyImportCounts(measurement.view, totals),
        verifyWorkerLived(measurement.workerDiedDuringDerived),
      ];
      const pass = printChecks(print, checks);
      print();

      const nowMs = Date.now();
      const raw: RawLimits = {
        saxes: await measureWithOtherLoad(() => measureRawSaxes(prepared.path, totals.format)),
        parse: await measureRawParse(prepared.path, totals.format, nowMs),
        copy: await measureRawCopy(sql, totals.samplesByType, { withDateIndex: false }),
        copyWithDateIndex: await measureRawCopy(sql, totals.samplesByType, { withDateIndex: true }),
        writer: await measureWriterPath(sql, totals.samplesByType, measurement.userId),
      };
      printRawLimits(print, raw, totals);
      print();
      printGoals(print, measurement, raw, totals, load);
      if (measurement.cpuProfile !== null) {
        print();
        printCpuProfile(print, measurement.cpuProfile, measurement);
      }
      print();
      if (!pass) {
        keepRunDir = true;
        print("FAIL: the imported data does not match the generated export");
        return 1;
      }
      return 0;
    } finally {
      await sql.end({ timeout: 5 });
    }
  } catch (err) {
    keepRunDir = true;
    print(`bench failed: ${(err as Error).stack ?? String(err)}`);
    return 1;
  } finally {
    await dropBenchDatabase(opts.database).catch((err: Error) => print(`could not drop ${opts.database}: ${err.message}`));
    await deletePrefixedKeys(REDIS_URL, queuePrefix).catch((err: Error) => print(`could not clean Redis keys: ${err.message}`));
    if (file?.generated && opts.keep) print(`kept ${file.path} and ${totalsPathFor(file.path)} (use --reuse ${file.path})`);
    if (keepRunDir) {
      print(`run directory kept (service logs, CPU profile): ${runDir}`);
      await rm(path.join(runDir, "uploads"), { recursive: true, force: true });
      if (file?.generated && !opts.keep) await rm(file.path, { force: true });
    } else {
      await rm(runDir, { recursive: true, force: true });
    }
  }
}

let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(2);
}
process.exitCode = await main(options);
