import { parseArgs } from "node:util";

export interface ApiBenchOptions {
  /** Measured seconds per load phase (GET /v1/days, then /healthz). */
  seconds: number;
  /** Warm-up seconds before each load phase (not counted). */
  warmupSeconds: number;
  clients: number;
  /** Days of history to seed and recompute (365 = the year). */
  days: number;
  seed: number;
  /** Sequential in-process recompute passes over the whole range (each is reported). */
  passes: number;
  workerConcurrency: number;
  /** LOG_LEVEL of the service processes (production default: info, one line per request). */
  logLevel: string;
  /** Keep the database (and print how to reuse it) instead of dropping it at the end. */
  keepDb: boolean;
  /** Skip seeding and reuse a database kept by an earlier --keep-db run. */
  reuse: boolean;
  database: string;
  /** Run the load phases against an API under --cpu-prof and print where its CPU went (slows it a little). */
  cpuProf: boolean;
  /** Keep the run directory (service logs, CPU profile) after a successful run. */
  keepLogs: boolean;
  /**
   * "recompute": the recompute phases only, no read load; "queue": only recomputeDays in-process (the reference)
   * and the queue path (for work on the recompute path).
   */
  only: "all" | "recompute" | "queue";
  /** Times the queue path is measured, one after another (the goal line takes their median). */
  queueRuns: number;
  /** Run the worker under --cpu-prof and print where its CPU went during the queue runs. */
  workerCpuProf: boolean;
  /** Extra node flags for the worker, after its start script's (a later heap flag replaces the script's). */
  workerNodeArgs: string[];
}

const USAGE = `usage: npx tsx bench/api/main.ts [options]
  --seconds N             measured seconds per load phase (default 10)
  --warmup N              warm-up seconds before each load phase (default 3)
  --clients N             concurrent client loops (default 20)
  --days N                days of history to seed and recompute (default 365)
  --seed N                data generator seed (default 1)
  --passes N              sequential in-process recompute passes (default 2)
  --worker-concurrency N  WORKER_CONCURRENCY of the worker process (default 4, the service default)
  --log-level LEVEL       LOG_LEVEL of the service processes (default info, as in production)
  --database NAME         dedicated database (default wearsync_bench_api; dropped at start unless --reuse,
                          and at the end unless --keep-db)
  --keep-db               keep the seeded database at the end (for --reuse)
  --reuse                 reuse the database kept by --keep-db instead of seeding again
  --cpu-prof              restart the API under --cpu-prof for the load phases and print where its CPU time went
                          (the profiler costs a little throughput: use a plain run for the goal figures)
  --keep-logs             keep the run directory (service logs, CPU profile) after a successful run
  --only recompute        run the recompute phases only (no read load phases)
  --only queue            only recomputeDays in-process (--passes times) and the queue path
  --queue-runs N          measure the queue path N times in a row; the goal line takes the median (default 1)
  --worker-cpu-prof       run the worker under --cpu-prof and print where its CPU time went during the queue runs
  --worker-node-arg FLAG  extra node flag for the worker (repeatable), e.g. --worker-node-arg=--max-semi-space-size=16`;

function intOption(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be an integer in ${min}..${max}\n${USAGE}`);
  return value;
}

export function parseApiBenchArgs(argv: string[]): ApiBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: "string" },
      warmup: { type: "string" },
      clients: { type: "string" },
      days: { type: "string" },
      seed: { type: "string" },
      passes: { type: "string" },
      "worker-concurrency": { type: "string" },
      "log-level": { type: "string" },
      database: { type: "string" },
      "keep-db": { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
      "cpu-prof": { type: "boolean", default: false },
      "keep-logs": { type: "boolean", default: false },
      only: { type: "string" },
      "queue-runs": { type: "string" },
      "worker-cpu-prof": { type: "boolean", default: false },
      "worker-node-arg": { type: "string", multiple: true },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const database = values.database ?? "wearsync_bench_api";
  const only = values.only ?? "all";
  if (only !== "all" && only !== "recompute" && only !== "queue") throw new Error(`--only must be recompute or queue\n${USAGE}`);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`--database must be a plain lower-case identifier\n${USAGE}`);
  return {
    seconds: intOption("seconds", values.seconds, 10, 1, 600),
    warmupSeconds: intOption("warmup", values.warmup, 3, 0, 120),
    clients: intOption("clients", values.clients, 20, 1, 500),
    days: intOption("days", values.days, 365, 1, 366),
    seed: intOption("seed", values.seed, 1, 0, 2 ** 31),
    passes: intOption("passes", values.passes, 2, 1, 10),
    workerConcurrency: intOption("worker-concurrency", values["worker-concurrency"], 4, 1, 64),
    logLevel: values["log-level"] ?? "info",
    keepDb: values["keep-db"],
    reuse: values.reuse,
    database,
    cpuProf: values["cpu-prof"],
    keepLogs: values["keep-logs"],
    only,
    queueRuns: intOption("queue-runs", values["queue-runs"], 1, 1, 20),
    workerCpuProf: values["worker-cpu-prof"],
    workerNodeArgs: values["worker-node-arg"] ?? [],
  };
}
