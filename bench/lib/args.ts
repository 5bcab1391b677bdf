import { parseArgs } from "node:util";
import { EXPORT_MIXES, type ExportMix, parseMix } from "./export-mix.js";

export interface BenchOptions {
  sizeMb: number;
  keep: boolean;
  reuse: string | null;
  /** Upload a bare export.xml instead of export.zip. */
  xml: boolean;
  seed: number;
  /** Which record types the generated export holds, in what shares. */
  mix: ExportMix;
  /** Run the worker under --cpu-prof and summarize where its CPU time went (slows it down a little). */
  cpuProf: boolean;
  /** Extra node flags for the worker process (e.g. --max-semi-space-size=8), to try memory or GC settings. */
  workerNodeArgs: string[];
  /** Run the worker from this prebuilt JS entry (e.g. an esbuild bundle of src/process/main.ts) instead of tsx. */
  workerEntry: string | null;
  /** Keep the service logs (and CPU profile) of a successful run. */
  keepLogs: boolean;
  /** The database the run owns (dropped before and after). */
  database: string;
  /** Wait at most this long for the work the import sets off (0: do not wait; the worker is stopped at once). */
  derivedTimeoutS: number;
}

const USAGE = `usage: npm run bench:ingest -- [options]   (or: npx tsx bench/ingest.ts [options])
  --size-mb N              size of the generated export.xml in MB (10^6 bytes); default 200
  --keep                   keep the generated file (and its .totals.json) in the temp dir for --reuse
  --reuse PATH             import PATH (generated earlier with --keep) instead of generating
  --xml                    generate and upload a bare export.xml instead of export.zip
  --seed N                 generator seed (default 1): the same seed and size give the same bytes
  --mix NAME               record types of the generated export: ${EXPORT_MIXES.join(" | ")} (default current);
                           equal = steps, distance, active and basal energy, heart rate and body mass in equal
                           shares; hr-heavy = ~70 % heart rate
  --cpu-prof               profile the worker process and print where its CPU time went
  --worker-node-arg FLAG   extra node flag for the worker (repeatable), e.g. --worker-node-arg=--max-old-space-size=192
  --worker-entry FILE      run the worker as \`node FILE worker\` (e.g. an esbuild bundle) instead of through tsx
  --keep-logs              keep the run directory (service logs, CPU profile) after a successful run
  --database NAME          the database the run owns: dropped before and after (default wearsync_bench)
  --derived-timeout-s N    wait at most N s for the recomputes the import sets off (default 900; 0 skips them)`;

function positiveNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number\n${USAGE}`);
  return value;
}

function mixOption(text: string | undefined): ExportMix {
  try {
    return text === undefined ? "current" : parseMix(text);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`);
  }
}

function databaseOption(text: string | undefined): string {
  const name = text ?? "wearsync_bench";
  // Interpolated into DROP DATABASE: a plain identifier only.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`--database must be a lower-case identifier\n${USAGE}`);
  return name;
}

function parseArgsStrict(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      "size-mb": { type: "string" },
      keep: { type: "boolean", default: false },
      reuse: { type: "string" },
      xml: { type: "boolean", default: false },
      seed: { type: "string" },
      mix: { type: "string" },
      "cpu-prof": { type: "boolean", default: false },
      "worker-node-arg": { type: "string", multiple: true },
      "worker-entry": { type: "string" },
      "keep-logs": { type: "boolean", default: false },
      database: { type: "string" },
      "derived-timeout-s": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
}

/** Throws with the usage text on an unknown option or a bad value. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  let parsed: ReturnType<typeof parseArgsStrict>;
  try {
    parsed = parseArgsStrict(argv);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return {
    sizeMb: positiveNumber("--size-mb", values["size-mb"], 200),
    keep: values.keep ?? false,
    reuse: values.reuse ?? null,
    xml: values.xml ?? false,
    seed: Math.floor(positiveNumber("--seed", values.seed, 1)),
    mix: mixOption(values.mix),
    cpuProf: values["cpu-prof"] ?? false,
    workerNodeArgs: values["worker-node-arg"] ?? [],
    workerEntry: values["worker-entry"] ?? null,
    keepLogs: values["keep-logs"] ?? false,
    database: databaseOption(values.database),
    derivedTimeoutS: values["derived-timeout-s"] === "0" ? 0 : positiveNumber("--derived-timeout-s", values["derived-timeout-s"], 900),
  };
}
