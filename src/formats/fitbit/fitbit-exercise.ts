// Fitbit Takeout exercise-*.json entries → ParsedWorkout. Entries carry only summary values (the average heart
// rate is kept as the device's; there is no per-second stream), so the heart-rate stream stays empty.
import { z } from "zod";
import { draftEvents } from "../common/workout-draft.js";
import type { ParseEvent, SourceRef } from "../contract.js";
import type { FitbitContext } from "./fitbit-samples.js";
import { FITBIT_SOURCE, rejected } from "./fitbit-samples.js";
import { fitbitWallTimeToUtcMs, splitDateTime } from "./fitbit-time.js";

const M_PER_UNIT: Record<string, number> = { kilometer: 1000, mile: 1609.344, meter: 1, foot: 0.3048, yard: 0.9144 };
const NAME_TO_ACTIVITY: Record<string, string> = {
  walk: "walking",
  run: "running",
  treadmill: "running",
  bike: "cycling",
  "outdoor bike": "cycling",
  spinning: "cycling",
  swim: "swimming",
  hike: "hiking",
  weights: "strength_training",
  "interval workout": "hiit",
  hiit: "hiit",
  elliptical: "elliptical",
  yoga: "yoga",
  sport: "other",
};

const numeric = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .transform(Number),
  ])
  .pipe(z.number().finite());

export const exerciseEntry = z.object({
  logId: z.union([z.number(), z.string()]),
  activityName: z.string(),
  startTime: z.string(),
  duration: numeric.pipe(z.number().nonnegative()),
  activeDuration: numeric.optional(),
  calories: numeric.optional(),
  distance: numeric.optional(),
  distanceUnit: z.string().optional(),
  averageHeartRate: numeric.optional().catch(undefined),
  logType: z.string().optional(),
  source: z.object({ name: z.string().optional(), type: z.string().optional() }).optional(),
});

function exerciseSource(entry: z.infer<typeof exerciseEntry>): SourceRef {
  if (entry.logType === "manual") return { name: "Fitbit (manual entry)", deviceType: "manual", device: null };
  const device = entry.source?.name?.trim();
  if (!device) return FITBIT_SOURCE;
  const deviceType = entry.source?.type === "app" ? "phone" : "band";
  return { name: device.toLowerCase().startsWith("fitbit") ? device : `Fitbit ${device}`, deviceType, device };
}

function activityType(name: string): string {
  const lower = name.trim().toLowerCase();
  return NAME_TO_ACTIVITY[lower] ?? (lower.replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "other");
}

export function exerciseEvents(entry: z.infer<typeof exerciseEntry>, ctx: FitbitContext, where: string): ParseEvent[] {
  const [date, time] = splitDateTime(entry.startTime);
  const startMs = fitbitWallTimeToUtcMs(date, time, ctx.timeZone);
  if (startMs === null) {
    return [rejected(where, `The start time "${entry.startTime}" is not in Fitbit's MM/DD/YY HH:mm:ss format.`, "exercise")];
  }
  const metresPerUnit = M_PER_UNIT[(entry.distanceUnit ?? "").toLowerCase()];
  const distanceM = entry.distance !== undefined && metresPerUnit !== undefined ? entry.distance * metresPerUnit : null;
  const events = draftEvents(
    {
      externalId: `fitbit:${entry.logId}`,
      activityType: activityType(entry.activityName),
      startMs,
      endMs: startMs + entry.duration,
      utcOffsetMin: null,
      source: exerciseSource(entry),
      // Fitbit's activity calories are the total burned during the activity, resting metabolism included.
      energyBasis: "gross",
      device: {
        durationSec: (entry.activeDuration ?? entry.duration) / 1000,
        // Fitbit's figure includes resting burn during the session (no active-only value exists),
        // so it slightly overstates active energy; it is still the best per-workout figure available.
        activeEnergyKcal: entry.calories ?? null,
        distanceM,
        avgHrBpm: entry.averageHeartRate ?? null,
        maxHrBpm: null,
      },
      fromSamples: { durationSec: null, distanceM: null },
      points: [],
    },
    where,
    ctx.nowMs,
  );
  if (entry.distance !== undefined && distanceM === null) {
    events.push(rejected(where, `The distance unit "${entry.distanceUnit ?? ""}" is not known; the distance was left out.`, "exercise"));
  }
  return events;
}
