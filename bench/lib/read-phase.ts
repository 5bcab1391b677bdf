import path from "node:path";
import { addDays } from "../../src/lib/calendar.js";
import { createApiClient, type DaysAnswer } from "./api-client.js";
import { type CpuSummary, findProfile, packageArea, summarizeCpuProfile } from "./cpu-profile.js";
import { type DaysSummary, summarizeDays } from "./days-summary.js";
import { type LoadResult, runLoad } from "./load.js";
import { type RunningRole, spawnRole, stopRole, waitUntilStarted } from "./service.js";

export interface ReadPhaseInput {
  api: RunningRole;
  /** Environment to restart the API with under --cpu-prof. */
  apiEnv: Record<string, string>;
  runDir: string;
  cpuProf: boolean;
  port: number;
  apiKey: string;
  from: string;
  to: string;
  clients: number;
  warmupMs: number;
  durationMs: number;
  /** Keeps track of every process started, so the caller can stop them all. */
  track: (p: RunningRole) => void;
  log: (line: string) => void;
}

/** The goal endpoints, each read by the same client loops as /healthz (docs: BENCHMARKS.md, bench:api). */
export interface ReadLoads {
  /** GET /v1/days over the whole range. */
  days: LoadResult;
  /** GET /v1/summary over the whole range. */
  summaryRead: LoadResult;
  /** GET /v1/projections/weekly over the whole range. */
  weekly: LoadResult;
  /** GET /v1/workouts, its second cursor page of 100. */
  workouts: LoadResult;
  healthz: LoadResult;
  /** GET /v1/days for the last 30 days (not a goal). */
  month: LoadResult;
}

/**
 * The goal endpoints, then bare /healthz, then /v1/days for the last 30 days, under the same client loops against the
 * same API process.
 */
export async function runReadPhase(input: ReadPhaseInput): Promise<ReadLoads & { cpu: CpuSummary | null; summary: DaysSummary }> {
  const { log } = input;
  let api = input.api;
  const profDir = path.join(input.runDir, "cpu-prof");
  if (input.cpuProf) {
    await stopRole(api);
    api = await spawnRole("api", input.apiEnv, path.join(input.runDir, "api-profiled.log"), ["--cpu-prof", `--cpu-prof-dir=${profDir}`]);
    input.track(api);
    await waitUntilStarted(api);
    log("API restarted under --cpu-prof for the load phases");
  }
  const base = `http://127.0.0.1:${input.port}`;
  const client = createApiClient(base);
  const answer = await client.call<DaysAnswer>("GET", `/v1/days?from=${input.from}&to=${input.to}`, { token: input.apiKey });
  if (answer.pending) log("warning: /v1/days still reports pending=true before the load phase");
  const daysSummary = summarizeDays(answer);
  const firstPage = await client.call<{ next_cursor: string | null }>("GET", "/v1/workouts?limit=100", { token: input.apiKey });
  const workoutsPath = firstPage.next_cursor
    ? `/v1/workouts?limit=100&cursor=${encodeURIComponent(firstPage.next_cursor)}`
    : "/v1/workouts?limit=100";
  const common = { clients: input.clients, warmupMs: input.warmupMs, durationMs: input.durationMs, apiPid: api.pid };
  const auth = { authorization: `Bearer ${input.apiKey}` };
  const load = (name: string, pathAndQuery: string, headers: Record<string, string> = auth) => {
    log(`load: ${name}, ${input.clients} clients, ${input.warmupMs / 1000} s warm-up + ${input.durationMs / 1000} s`);
    return runLoad({ ...common, name, url: `${base}${pathAndQuery}`, headers });
  };
  const range = `from=${input.from}&to=${input.to}`;
  const days = await load("GET /v1/days", `/v1/days?${range}`);
  const summaryRead = await load("GET /v1/summary", `/v1/summary?${range}`);
  const weekly = await load("GET /v1/projections/weekly", `/v1/projections/weekly?${range}`);
  const workouts = await load("GET /v1/workouts (page 2 of 100)", workoutsPath);
  const healthz = await load("GET /healthz", "/healthz", {});
  // Not a goal: how the cost scales with the range (the last 30 days, a typical dashboard request).
  const month = await load("GET /v1/days (30 days)", `/v1/days?from=${addDays(input.to, -29)}&to=${input.to}`);
  let cpu: CpuSummary | null = null;
  if (input.cpuProf) {
    await stopRole(api);
    const file = await findProfile(profDir);
    if (file) cpu = await summarizeCpuProfile(file, days.window.fromUs, days.window.toUs, packageArea);
    else log(`no CPU profile found in ${profDir}`);
  }
  return { days, summaryRead, weekly, workouts, healthz, month, cpu, summary: daysSummary };
}
