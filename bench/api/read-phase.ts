import path from "node:path";
import { addDays } from "../../src/lib/calendar.js";
import { createApiClient, type DaysAnswer } from "../lib/api-client.js";
import { type CpuSummary, findProfile, packageArea, summarizeCpuProfile } from "../lib/cpu-profile.js";
import { type RunningRole, spawnRole, stopRole, waitUntilStarted } from "../lib/service.js";
import { type DaysSummary, summarizeDays } from "./days-summary.js";
import { type LoadResult, runLoad } from "./load.js";

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

/**
 * GET /v1/days for the whole range, then bare /healthz, then /v1/days for the last 30 days, under the same client
 * loops against the same API process.
 */
export async function runReadPhase(
  input: ReadPhaseInput,
): Promise<{ days: LoadResult; healthz: LoadResult; month: LoadResult; cpu: CpuSummary | null; summary: DaysSummary }> {
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
  const answer = await createApiClient(base).call<DaysAnswer>("GET", `/v1/days?from=${input.from}&to=${input.to}`, { token: input.apiKey });
  if (answer.pending) log("warning: /v1/days still reports pending=true before the load phase");
  const summary = summarizeDays(answer);
  const common = { clients: input.clients, warmupMs: input.warmupMs, durationMs: input.durationMs, apiPid: api.pid };
  log(`load: GET /v1/days ${input.from} … ${input.to}, ${input.clients} clients, ${input.warmupMs / 1000} s warm-up + ${input.durationMs / 1000} s`);
  const days = await runLoad({
    ...common,
    name: "GET /v1/days",
    url: `${base}/v1/days?from=${input.from}&to=${input.to}`,
    headers: { authorization: `Bearer ${input.apiKey}` },
  });
  log("load: GET /healthz, same clients and duration");
  const healthz = await runLoad({ ...common, name: "GET /healthz", url: `${base}/healthz`, headers: {} });
  // Not a goal: how the cost scales with the range (the last 30 days, a typical dashboard request).
  const monthFrom = addDays(input.to, -29);
  log(`load: GET /v1/days ${monthFrom} … ${input.to} (30 days), same clients and duration`);
  const month = await runLoad({
    ...common,
    name: "GET /v1/days (30 days)",
    url: `${base}/v1/days?from=${monthFrom}&to=${input.to}`,
    headers: { authorization: `Bearer ${input.apiKey}` },
  });
  let cpu: CpuSummary | null = null;
  if (input.cpuProf) {
    await stopRole(api);
    const file = await findProfile(profDir);
    if (file) cpu = await summarizeCpuProfile(file, days.window.fromUs, days.window.toUs, packageArea);
    else log(`no CPU profile found in ${profDir}`);
  }
  return { days, healthz, month, cpu, summary };
}
