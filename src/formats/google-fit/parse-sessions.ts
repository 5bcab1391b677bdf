// Google Fit Takeout "All Sessions/<local start>_<TYPE>.json": one file per session, {fitnessActivity, startTime,
// endTime (ISO 8601), duration ("1350.349s", the active time), segment[], aggregate[{metricName, intValue|floatValue}]}.
// A workout with the session's calories (com.google.calories.expended: Fit's session energy, resting burn included,
// kept as the workout's energy as for Fit's TCX files) and distance (com.google.distance.delta, m); a weight in the
// aggregate (com.google.weight[.summary], kg) is a weigh-in at the session's start. A sleep session is a night
// (time in bed, its sleep.* segments as stages, else asleep throughout); "still"/"in vehicle" sessions are counted as
// skipped.

import { z } from "zod";
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SleepStageType } from "../../lib/vocabulary.js";
import { draftEvents, NO_DEVICE_SUMMARY } from "../common/workout-draft.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { GOOGLE_FIT_SOURCE } from "./google-fit-source.js";

export interface SessionOptions {
  nowMs: number;
}

const aggregate = z.object({ metricName: z.string(), floatValue: z.number().finite().optional(), intValue: z.number().finite().optional() });
const segmentShape = z.object({ fitnessActivity: z.string(), startTime: z.string(), endTime: z.string() });
const sessionShape = z.object({
  fitnessActivity: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  duration: z.string().optional(),
  segment: z.array(z.unknown()).optional(),
  aggregate: z.array(aggregate).optional(),
});

/** A session JSON's head: the keys every session file starts with. */
export function isSessionJson(keys: ReadonlySet<string>): boolean {
  return keys.has("$.fitnessActivity") && keys.has("$.startTime");
}

// Google Fit's activity names (FitnessActivities) where wearsync's vocabulary (docs/activities.md) names them
// differently; any other name is kept with its dots as underscores ("martial_arts", "yoga").
const ACTIVITY_TYPES: Readonly<Record<string, string>> = {
  biking: "cycling",
  "biking.road": "road_cycling",
  "biking.mountain": "mountain_biking",
  "biking.stationary": "indoor_cycling",
  "biking.spinning": "spinning",
  "running.treadmill": "treadmill_running",
  "running.jogging": "running",
  "running.sand": "running",
  "walking.fitness": "walking",
  "walking.nordic": "nordic_walking",
  "walking.treadmill": "indoor_walking",
  "walking.stroller": "walking",
  "swimming.pool": "pool_swimming",
  "swimming.open_water": "open_water_swimming",
  "rowing.machine": "indoor_rowing",
  "stair_climbing.machine": "stair_stepper",
  "interval_training.high_intensity": "hiit",
  high_intensity_interval_training: "hiit",
  weightlifting: "weight_training",
  "skiing.cross_country": "cross_country_skiing",
  "skiing.downhill": "downhill_skiing",
};
const NOT_WORKOUTS = /^(still|in_vehicle|tilting)$/;
const SLEEP = /^sleep(\.|$)/;
// Fit's sleep activities (FitnessActivities.SLEEP_*): light sleep is what Apple calls core.
const SLEEP_STAGES: Readonly<Record<string, SleepStageType>> = {
  sleep: "sleep_asleep",
  "sleep.light": "sleep_core",
  "sleep.deep": "sleep_deep",
  "sleep.rem": "sleep_rem",
  "sleep.awake": "sleep_awake",
};
const MS_PER_MIN = 60_000;

export function activityTypeOfSession(fitnessActivity: string): string {
  const name = fitnessActivity.trim().toLowerCase();
  return ACTIVITY_TYPES[name] ?? name.replaceAll(".", "_").replaceAll(/[^a-z0-9_]/g, "_");
}

/** The offset an ISO time was written at, in minutes; null for "Z" (UTC says nothing of the person's zone). */
function offsetMinOf(iso: string): number | null {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (m === null) return null;
  const [, sign, hh, mm] = m;
  return (sign === "-" ? -1 : 1) * (Number(hh) * 60 + Number(mm));
}

/** "1350.349s" → 1350.349. */
function durationSecOf(text: string | undefined): number | null {
  const m = /^(\d+(?:\.\d+)?)s$/.exec(text?.trim() ?? "");
  return m === null ? null : Number(m[1]);
}

function aggregateValue(values: z.infer<typeof aggregate>[], ...names: string[]): number | null {
  const found = values.find((a) => names.includes(a.metricName));
  return found?.floatValue ?? found?.intValue ?? null;
}

export interface ParsedSession {
  events: ParseEvent[];
  /** The session's window, null when it is not a workout or could not be read. */
  window: { startMs: number; endMs: number } | null;
}

function sleepSample(type: SleepStageType, startMs: number, endMs: number, utcOffsetMin: number | null, nowMs: number, where: string): ParseEvent {
  const value = (endMs - startMs) / MS_PER_MIN;
  const problem = implausibility(type, value, startMs, endMs, nowMs);
  if (problem) return { kind: "rejected", rejection: { where, reason: `The sleep was not imported: ${problem}.`, recordType: type } };
  return { kind: "sample", sample: { type, value, startMs, endMs, utcOffsetMin, source: GOOGLE_FIT_SOURCE } };
}

/** A night: time in bed over the session, and its sleep segments as stages (asleep throughout when it has none). */
function sleepEvents(session: z.infer<typeof sessionShape>, startMs: number, endMs: number, nowMs: number): ParseEvent[] {
  const utcOffsetMin = offsetMinOf(session.startTime);
  const events = [sleepSample("sleep_in_bed", startMs, endMs, utcOffsetMin, nowMs, "session")];
  const stages: ParseEvent[] = [];
  for (const [i, raw] of (session.segment ?? []).entries()) {
    const segment = segmentShape.safeParse(raw);
    const type = segment.success ? SLEEP_STAGES[segment.data.fitnessActivity] : undefined;
    if (!segment.success || type === undefined) continue;
    const [from, to] = [Date.parse(segment.data.startTime), Date.parse(segment.data.endTime)];
    if (Number.isFinite(from) && Number.isFinite(to)) stages.push(sleepSample(type, from, to, utcOffsetMin, nowMs, `segment ${i + 1}`));
  }
  if (stages.length === 0) stages.push(sleepSample("sleep_asleep", startMs, endMs, utcOffsetMin, nowMs, "session"));
  return [...events, ...stages];
}

/** The events of one session file; `where` names the file. */
export function sessionFileEvents(fileName: string, buf: Buffer, opts: SessionOptions): ParsedSession {
  let json: unknown;
  try {
    json = JSON.parse(buf.toString("utf8"));
  } catch (error) {
    throw new ParseError("JSON_INVALID", `${fileName} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = sessionShape.safeParse(json);
  if (!parsed.success) throw new ParseError("JSON_INVALID", `${fileName} is not a Google Fit session (fitnessActivity, startTime, endTime).`);
  const session = parsed.data;
  if (NOT_WORKOUTS.test(session.fitnessActivity)) {
    return { events: [{ kind: "skipped", recordType: `google_fit_${session.fitnessActivity.split(".")[0]}_session`, count: 1 }], window: null };
  }
  const startMs = Date.parse(session.startTime);
  const endMs = Date.parse(session.endTime);
  const where = "session";
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) {
    return {
      events: [
        {
          kind: "rejected",
          rejection: { where, reason: "startTime or endTime is not an ISO 8601 time; the session was not imported.", recordType: "workout" },
        },
      ],
      window: null,
    };
  }
  if (SLEEP.test(session.fitnessActivity)) return { events: sleepEvents(session, startMs, endMs, opts.nowMs), window: null };

  const values = session.aggregate ?? [];
  const utcOffsetMin = offsetMinOf(session.startTime);
  const events = draftEvents(
    {
      externalId: `google_fit_session:${startMs}:${session.fitnessActivity}`,
      activityType: activityTypeOfSession(session.fitnessActivity),
      startMs,
      endMs,
      utcOffsetMin,
      source: GOOGLE_FIT_SOURCE,
      // Fit's session calories are what the whole session burned, resting metabolism included.
      energyBasis: "gross",
      device: {
        ...NO_DEVICE_SUMMARY,
        durationSec: durationSecOf(session.duration),
        activeEnergyKcal: aggregateValue(values, "com.google.calories.expended"),
        distanceM: aggregateValue(values, "com.google.distance.delta"),
      },
      fromSamples: { durationSec: null, distanceM: null },
      points: [],
    },
    where,
    opts.nowMs,
  );
  const kg = aggregateValue(values, "com.google.weight", "com.google.weight.summary");
  if (kg !== null) {
    const problem = implausibility("body_mass", kg, startMs, startMs, opts.nowMs);
    events.push(
      problem
        ? { kind: "rejected", rejection: { where, reason: `The weight was not imported: ${problem}.`, recordType: "body_mass" } }
        : { kind: "sample", sample: { type: "body_mass", value: kg, startMs, endMs: startMs, utcOffsetMin, source: GOOGLE_FIT_SOURCE } },
    );
  }
  return { events, window: { startMs, endMs } };
}
