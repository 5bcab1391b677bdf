// One TCX <Activity> → WorkoutDraft. Totals come from the laps (timer time, calories); distance from the
// track's running total when the track covers the whole activity, else from the laps.
import type { SourceRef } from "../types.js";
import { parseXsdDateTime } from "../xml-events.js";
import type { TrackPoint, WorkoutDraft } from "./workout-draft.js";

/** A track "covers" the activity when it starts at 0 m and ends within this long of the laps' end. */
const TRACK_COVERAGE_SLACK_MS = 60_000;
const TRACK_START_MAX_M = 1;

export interface TcxLap {
  startText: string | null;
  totalTimeSec: number | null;
  distanceM: number | null;
  calories: number | null;
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

function sumOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0);
}

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

function distanceOf(laps: readonly TcxLap[], points: readonly TcxPoint[], lapsEndMs: number): number | null {
  const withDistance = points.filter((point) => point.distanceM !== null);
  const first = withDistance[0];
  const last = withDistance.at(-1);
  const lapSumM = sumOf(laps.map((lap) => lap.distanceM));
  const covers = first && last && (first.distanceM ?? 0) <= TRACK_START_MAX_M && last.tMs >= lapsEndMs - TRACK_COVERAGE_SLACK_MS;
  if (covers || lapSumM === null) return last?.distanceM ?? lapSumM;
  return lapSumM;
}

/** Builds the draft, or returns a reason when the activity has no usable start time. */
export function tcxDraft(activity: TcxActivity): WorkoutDraft | string {
  const laps = distinctLaps(activity.laps);
  const points = [...activity.points].sort((a, b) => a.tMs - b.tMs);
  const startText = laps.find((lap) => lap.startText !== null)?.startText ?? activity.idText;
  const start = startText ? parseXsdDateTime(startText) : null;
  const startMs = start?.ms ?? points[0]?.tMs;
  if (startMs === undefined) return "the activity has no valid start time";
  const timerSec = sumOf(laps.map((lap) => lap.totalTimeSec));
  const lapsEndMs = Math.max(
    startMs + (timerSec ?? 0) * 1000,
    ...laps.map((lap) => (parseXsdDateTime(lap.startText ?? "")?.ms ?? startMs) + (lap.totalTimeSec ?? 0) * 1000),
  );
  const endMs = Math.max(lapsEndMs, points.at(-1)?.tMs ?? startMs);
  const calories = sumOf(laps.map((lap) => lap.calories));
  return {
    externalId: activity.idText ? `tcx:${activity.idText}` : null,
    activityType: SPORT_TO_ACTIVITY[(activity.sport ?? "").toLowerCase()] ?? "other",
    startMs,
    endMs,
    utcOffsetMin: start?.utcOffsetMin ?? null,
    durationSec: timerSec ?? (endMs - startMs) / 1000,
    // Lap Calories of 0 means "not measured" in real exports, not a zero-effort workout.
    activeEnergyKcal: calories === 0 ? null : calories,
    distanceM: distanceOf(laps, points, lapsEndMs),
    source: tcxSource(activity.creatorName),
    points,
  };
}
