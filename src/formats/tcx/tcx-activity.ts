// One TCX <Activity> → WorkoutDraft. The laps are the device's summary (Garmin's TrainingCenterDatabase v2
// schema: TotalTimeSeconds, DistanceMeters, Calories, Average/MaximumHeartRateBpm per lap), so the activity's
// totals are the laps' totals; the track only fills what no lap wrote.
import { heartRateOfLaps, sumPresent } from "../../domain/records/summary-provenance.js";
import type { TrackPoint, WorkoutDraft } from "../common/workout-draft.js";
import { parseXsdDateTime } from "../common/xml-events.js";
import type { SourceRef } from "../contract.js";

export interface TcxLap {
  startText: string | null;
  totalTimeSec: number | null;
  distanceM: number | null;
  calories: number | null;
  avgHrBpm: number | null;
  maxHrBpm: number | null;
}

export interface TcxPoint extends TrackPoint {
  distanceM: number | null;
}

export interface TcxActivity {
  sport: string | null;
  idText: string | null;
  creatorName: string | null;
  laps: TcxLap[];
  points: TcxPoint[];
}

const SPORT_TO_ACTIVITY: Record<string, string> = { running: "running", biking: "cycling", walking: "walking" };

/** Exporters (Fitbit) sometimes write the same lap twice; a repeated StartTime + duration is one lap. */
function distinctLaps(laps: readonly TcxLap[]): TcxLap[] {
  const seen = new Set<string>();
  return laps.filter((lap) => {
    const key = `${lap.startText ?? ""}|${lap.totalTimeSec ?? ""}`;
    if (lap.startText !== null && seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function tcxSource(creatorName: string | null): SourceRef {
  if (!creatorName) return { name: "TCX file", deviceType: "app", device: null };
  const model = creatorName.replace(/\s+Software Version.*$/i, "").trim();
  // <Creator> is written by the recording device (watch or bike computer), never by an app.
  return { name: model, deviceType: "watch", device: model };
}

/** The track's running total at its last point, for activities whose laps carry no distance. */
function trackDistanceM(points: readonly TcxPoint[]): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const distanceM = points[i]?.distanceM;
    if (distanceM !== null && distanceM !== undefined) return distanceM;
  }
  return null;
}

/** Builds the draft, or returns a reason when the activity has no usable start time. */
export function tcxDraft(activity: TcxActivity): WorkoutDraft | string {
  const laps = distinctLaps(activity.laps);
  const points = [...activity.points].sort((a, b) => a.tMs - b.tMs);
  const startText = laps.find((lap) => lap.startText !== null)?.startText ?? activity.idText;
  const start = startText ? parseXsdDateTime(startText) : null;
  const startMs = start?.ms ?? points[0]?.tMs;
  if (startMs === undefined) return "the activity has no valid start time";
  const timerSec = sumPresent(laps.map((lap) => lap.totalTimeSec));
  const lapsEndMs = Math.max(
    startMs + (timerSec ?? 0) * 1000,
    ...laps.map((lap) => (parseXsdDateTime(lap.startText ?? "")?.ms ?? startMs) + (lap.totalTimeSec ?? 0) * 1000),
  );
  const endMs = Math.max(lapsEndMs, points.at(-1)?.tMs ?? startMs);
  const calories = sumPresent(laps.map((lap) => lap.calories));
  const lapHr = heartRateOfLaps(laps.map((lap) => ({ durationSec: lap.totalTimeSec, avgHrBpm: lap.avgHrBpm, maxHrBpm: lap.maxHrBpm })));
  return {
    externalId: activity.idText ? `tcx:${activity.idText}` : null,
    activityType: SPORT_TO_ACTIVITY[(activity.sport ?? "").toLowerCase()] ?? "other",
    startMs,
    endMs,
    utcOffsetMin: start?.utcOffsetMin ?? null,
    source: tcxSource(activity.creatorName),
    // TCX Calories are the device's total for the lap, resting included (Garmin, Polar, Google Fit).
    energyBasis: "gross",
    device: {
      durationSec: timerSec,
      // Lap Calories of 0 means "not measured" in real exports, not a zero-effort workout.
      activeEnergyKcal: calories === 0 ? null : calories,
      distanceM: sumPresent(laps.map((lap) => lap.distanceM)),
      avgHrBpm: lapHr.avgBpm,
      maxHrBpm: lapHr.maxBpm,
    },
    fromSamples: { durationSec: (endMs - startMs) / 1000, distanceM: trackDistanceM(points) },
    points,
  };
}
