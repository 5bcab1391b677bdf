import type { ApiClient } from "../lib/api-client.js";
import { BENCH_PROFILE, type IntakeEntryBody, type SyncSampleBody, type SyncWorkoutBody } from "./plan-types.js";
import { planDay } from "./year-plan.js";

// /v1/sync takes at most 50,000 samples and 1,000 workouts per request (and 32 MiB); /v1/intake 1,000 entries.
const SAMPLES_PER_REQUEST = 45_000;
const WORKOUTS_PER_REQUEST = 20;
const INTAKE_PER_REQUEST = 1_000;
// Two requests in flight: the API writes one batch while this process generates and serialises the next.
const IN_FLIGHT = 2;

export const BENCH_EMAIL = "bench-api@example.com";

export interface SeedResult {
  userId: string;
  apiKey: string;
  seconds: number;
  requests: number;
  samples: number;
  samplesByType: Record<string, number>;
  workouts: number;
  heartRatePoints: number;
  intakeEntries: number;
  loggedDays: number;
  accepted: number;
  rejected: number;
  bodyBytes: number;
}

interface SyncResult {
  accepted: number;
  duplicate: number;
  rejected: number;
  rejected_items: { path: string; reason: string }[];
}

export async function createBenchUser(api: ApiClient, adminToken: string): Promise<{ userId: string; apiKey: string }> {
  const body = await api.call<{ user: { id: string }; api_key: string }>("POST", "/v1/admin/users", {
    token: adminToken,
    json: { email: BENCH_EMAIL, ...BENCH_PROFILE },
  });
  return { userId: body.user.id, apiKey: body.api_key };
}

/** Seeds every date through the public API: large /v1/sync batches, and /v1/intake batches for meals. */
export async function seedYear(api: ApiClient, user: { userId: string; apiKey: string }, dates: string[], seed: number): Promise<SeedResult> {
  const started = performance.now();
  const result: SeedResult = {
    ...user,
    seconds: 0,
    requests: 0,
    samples: 0,
    samplesByType: {},
    workouts: 0,
    heartRatePoints: 0,
    intakeEntries: 0,
    loggedDays: 0,
    accepted: 0,
    rejected: 0,
    bodyBytes: 0,
  };
  const inFlight = new Set<Promise<void>>();
  const send = async (path: string, json: unknown, headers: Record<string, string> = {}) => {
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    result.requests++;
    result.bodyBytes += JSON.stringify(json).length;
    const request = api.call<SyncResult | { entries: unknown[] }>("POST", path, { token: user.apiKey, json, headers }).then((answer) => {
      if ("accepted" in answer) {
        result.accepted += answer.accepted;
        result.rejected += answer.rejected;
        if (answer.rejected > 0) process.stderr.write(`seed: ${answer.rejected} rejected, first: ${JSON.stringify(answer.rejected_items[0])}\n`);
      }
    });
    const tracked = request.finally(() => inFlight.delete(tracked));
    // Awaited later (race/all); this only keeps a failure from counting as unhandled in the meantime.
    tracked.catch(() => undefined);
    inFlight.add(tracked);
  };
  let samples: SyncSampleBody[] = [];
  let workouts: SyncWorkoutBody[] = [];
  let intake: IntakeEntryBody[] = [];
  let batch = 0;
  const flushSync = async () => {
    if (samples.length === 0 && workouts.length === 0) return;
    const body = { samples, workouts };
    samples = [];
    workouts = [];
    await send("/v1/sync", body, { "idempotency-key": `bench-api-seed-${seed}-${batch++}` });
  };
  const flushIntake = async () => {
    if (intake.length === 0) return;
    const body = { entries: intake };
    intake = [];
    await send("/v1/intake", body);
  };
  for (const [index, date] of dates.entries()) {
    const day = planDay(date, index, dates.length, seed, BENCH_PROFILE.time_zone);
    if (samples.length + day.samples.length > SAMPLES_PER_REQUEST) await flushSync();
    samples.push(...day.samples);
    result.samples += day.samples.length;
    for (const s of day.samples) result.samplesByType[s.type] = (result.samplesByType[s.type] ?? 0) + 1;
    if (day.workout) {
      workouts.push(day.workout);
      result.workouts++;
      result.heartRatePoints += day.workout.heart_rate.length;
      if (workouts.length >= WORKOUTS_PER_REQUEST) await flushSync();
    }
    if (day.intake.length > 0) result.loggedDays++;
    if (intake.length + day.intake.length > INTAKE_PER_REQUEST) await flushIntake();
    intake.push(...day.intake);
    result.intakeEntries += day.intake.length;
  }
  await flushSync();
  await flushIntake();
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
