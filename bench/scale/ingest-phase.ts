import { mkdir } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import { dropDatabase } from "../lib/database.js";
import type { ExportTotals } from "../lib/export-totals.js";
import { type CopyResult, measureWriterPath } from "../lib/raw-copy.js";
import { type ImportMeasurement, measureImport, newQueuePrefix } from "../lib/run-import.js";
import { type Check, verifyDatabase, verifyImportCounts } from "../lib/verify.js";

export interface IngestRun {
  label: "empty" | "loaded";
  database: string;
  /** Rows in samples just before the upload (exact count). */
  samplesBefore: number;
  measurement: ImportMeasurement;
  checks: Check[];
  /** The writer's database path alone (copyMergeSamples, 20k batches) for the same rows, right after the import. */
  writer: CopyResult;
}

export interface IngestTarget {
  label: "empty" | "loaded";
  database: string;
  databaseUrl: string;
}

async function countSamples(databaseUrl: string): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<{ n: string }[]>`select count(*)::bigint as n from samples`;
    return Number(row?.n ?? 0);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * The same file imported through the API (a new user each time) into `target`: the empty database is dropped first,
 * so the service creates and migrates it, as bench:ingest does; the loaded one keeps its seeded rows.
 */
async function importInto(
  target: IngestTarget,
  file: { path: string; totals: ExportTotals },
  ctx: { redisUrl: string; maintenanceUrl: string; runDir: string; prefixes: string[]; log: (line: string) => void },
): Promise<IngestRun> {
  let samplesBefore = 0;
  if (target.label === "empty") await dropDatabase(ctx.maintenanceUrl, target.database);
  else samplesBefore = await countSamples(target.databaseUrl);
  const queuePrefix = newQueuePrefix();
  ctx.prefixes.push(queuePrefix);
  const runDir = path.join(ctx.runDir, `import-${target.label}-${ctx.prefixes.length}`);
  await mkdir(runDir, { recursive: true });
  ctx.log(`import into the ${target.label} database ${target.database} (${samplesBefore} sample rows before)`);
  const service = {
    databaseUrl: target.databaseUrl,
    redisUrl: ctx.redisUrl,
    queuePrefix,
    runDir,
    cpuProf: false,
    workerNodeArgs: [],
    workerEntry: null,
    // As before the option existed: wait for the recomputes the import sets off (not part of the measured rate).
    derivedTimeoutMs: 15 * 60_000,
  };
  const measurement = await measureImport(service, file.path, ctx.log);
  const sql = postgres(target.databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const checks = [...(await verifyDatabase(sql, measurement.userId, file.totals)), ...verifyImportCounts(measurement.view, file.totals)];
    const writer = await measureWriterPath(sql, file.totals.samplesByType, measurement.userId);
    ctx.log(`writer path alone: ${writer.rows} rows in ${(writer.ms / 1000).toFixed(1)} s`);
    return { label: target.label, database: target.database, samplesBefore, measurement, checks, writer };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** `rounds` imports into each database, alternating which goes first so a trend in the machine's load hits both. */
export async function runIngestPhase(
  targets: { empty: IngestTarget; loaded: IngestTarget },
  file: { path: string; totals: ExportTotals },
  rounds: number,
  ctx: { redisUrl: string; maintenanceUrl: string; runDir: string; prefixes: string[]; log: (line: string) => void },
): Promise<IngestRun[]> {
  const runs: IngestRun[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [targets.empty, targets.loaded] : [targets.loaded, targets.empty];
    for (const target of order) runs.push(await importInto(target, file, ctx));
  }
  return runs;
}
