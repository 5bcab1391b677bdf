import type { LocalDayWindow } from "../../lib/local-day.js";
import { duplicateReasonText } from "../workouts/duplicate-reasons.js";
import type { DeviceType } from "../ingest/parsers/types.js";
import { mergeBySourcePriority, type MergedSegment } from "../ingest/merge/merge-by-source-priority.js";
import { createRankOf } from "../ingest/merge/source-priority.js";
import type { DaySampleRow, DayWorkoutRow } from "./energy.repo.js";
import { mifflinStJeorBmrKcal } from "./science/bmr.js";
import { computeDayEnergy, type ActivityEstimate, type DayEnergy } from "./science/deficit.js";
import { stepsNetKcal, stepsOutsideWindows } from "./science/steps.js";
import { estimateWorkout, type PersonForEstimates, type WorkoutEstimate } from "./workout-estimates.js";

// Fewer hours of wearable data than this and the day is reported as partial (the watch was off or not worn).
export const MIN_COVERAGE_HOURS = 16;
const MS_PER_HOUR = 3_600_000;
// An instantaneous reading (a heart-rate sample) stands for the minute around it.
const POINT_COVERAGE_MS = 60_000;

export interface DayIntake {
  /** Sum of the day's entries (0 on a fasted day); null when nothing was logged: unknown, never 0. */
  totalKcal: number | null;
  entryCount: number;
  /** complete | partial | fasted (declared) or logged | unlogged (derived). */
  status: string;
  fasted: boolean;
  /** Declared partial, or implausibly low against recent days (SCIENCE.md §3.3). */
  possiblyPartial: boolean;
}

export interface AssembleInput {
  window: LocalDayWindow;
  nowMs: number;
  person: PersonForEstimates | null;
  samples: DaySampleRow[];
  workouts: DayWorkoutRow[];
  intake: DayIntake;
}

export interface SourceShare {
  name: string;
  device_type: string;
  value: number;
}

export interface AssembledDay {
  energy: DayEnergy;
  steps: number | null;
  status: "complete" | "partial" | "no_intake" | "no_data";
  coverageHours: number;
  intakeStatus: string;
  basalMethod: string;
  activeMethod: string;
  breakdown: Record<string, unknown>;
}

/** Merges one cumulative quantity across sources by priority and keeps the part inside the day. */
function mergedInDay(rows: DaySampleRow[], window: LocalDayWindow): { total: number; bySource: Map<number, number>; segments: MergedSegment[] } {
  const byId = new Map(rows.map((r) => [String(r.sourceId), r]));
  const rankOf = createRankOf({ deviceTypeOf: (id) => (byId.get(id)?.deviceType as DeviceType | undefined) ?? null });
  const ranked = (id: string) => byId.get(id)?.priority ?? rankOf(id);
  const segments = mergeBySourcePriority(
    rows.map((r) => ({ sourceId: String(r.sourceId), startMs: r.startMs, endMs: r.endMs, value: r.value })),
    ranked,
  );
  const bySource = new Map<number, number>();
  const inside: MergedSegment[] = [];
  let total = 0;
  for (const seg of segments) {
    const share = shareInside(seg.startMs, seg.endMs, window);
    if (share === 0) continue;
    const value = seg.value * share;
    total += value;
    inside.push({ ...seg, value, startMs: Math.max(seg.startMs, window.startMs), endMs: Math.min(seg.endMs, window.endMs) });
    bySource.set(Number(seg.sourceId), (bySource.get(Number(seg.sourceId)) ?? 0) + value);
  }
  return { total, bySource, segments: inside };
}

/** The fraction of [startMs, endMs) inside the day; an instant counts wholly or not at all. */
function shareInside(startMs: number, endMs: number, window: LocalDayWindow): number {
  if (endMs <= startMs) return startMs >= window.startMs && startMs < window.endMs ? 1 : 0;
  const overlapMs = Math.min(endMs, window.endMs) - Math.max(startMs, window.startMs);
  return overlapMs <= 0 ? 0 : overlapMs / (endMs - startMs);
}

function coverageHours(samples: DaySampleRow[], window: LocalDayWindow): number {
  const spans = samples
    .map((s) => [Math.max(s.startMs, window.startMs), Math.min(Math.max(s.endMs, s.startMs + POINT_COVERAGE_MS), window.endMs)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let coveredMs = 0;
  let cursor = -Infinity;
  for (const [a, b] of spans) {
    if (b <= cursor) continue;
    coveredMs += b - Math.max(a, cursor);
    cursor = b;
  }
  return Math.round((coveredMs / MS_PER_HOUR) * 10) / 10;
}

function sourceShares(rows: DaySampleRow[], bySource: Map<number, number>): SourceShare[] {
  const names = new Map(rows.map((r) => [r.sourceId, { name: r.sourceName, device_type: r.deviceType }]));
  return [...bySource].map(([id, value]) => ({ ...(names.get(id) ?? { name: "?", device_type: "app" }), value }));
}

function activeEstimates(input: AssembleInput, stepSegments: MergedSegment[]) {
  const { window, person } = input;
  // One activity, counted once: only each group's representative is estimated and bounds the steps.
  const counted = input.workouts.filter((w) => w.duplicateOf === null);
  const workoutEstimates: WorkoutEstimate[] = [];
  for (const w of counted) {
    const estimate = estimateWorkout(w, person, shareInside(w.startMs, w.endMs, window));
    if (estimate) workoutEstimates.push(estimate);
  }
  const estimates: ActivityEstimate[] = workoutEstimates.map(({ netKcal, method }) => ({ netKcal, method }));
  let stepsKcal = 0;
  if (person && stepSegments.length > 0) {
    const windows = counted.map((w) => ({ startMs: w.startMs, endMs: w.endMs }));
    const steps = stepsOutsideWindows(stepSegments.map((s) => ({ startMs: s.startMs, endMs: s.endMs, count: s.value })), windows);
    stepsKcal = stepsNetKcal({ steps, heightCm: person.heightCm, sex: person.sex, weightKg: person.weightKg });
    if (stepsKcal > 0) estimates.push({ netKcal: stepsKcal, method: "steps" });
  }
  return { estimates, workoutEstimates, stepsKcal };
}

const ACTIVE_METHOD_NAMES: Record<string, string> = { "device-workout": "workouts", keytel: "heart_rate", met: "met", steps: "steps", power: "power" };
const ESTIMATE_REASONS: Record<string, string> = {
  "device-workout": "the workout's own energy, net of resting",
  keytel: "estimated from heart rate",
  met: "estimated from the activity's MET value",
};

function workoutReason(w: DayWorkoutRow, estimate: WorkoutEstimate | undefined, deviceActive: boolean): string {
  if (w.duplicateOf !== null) return duplicateReasonText(w.duplicateOf, w.duplicateReason);
  if (deviceActive) return "already inside the device's active energy";
  return estimate ? (ESTIMATE_REASONS[estimate.method] ?? "estimated") : "no profile to estimate from";
}

/** Everything the day's row holds, from the raw rows: merged device energy, else estimates; never both. */
export function assembleDay(input: AssembleInput): AssembledDay {
  const { window, nowMs, person, samples, intake } = input;
  const ofType = (type: DaySampleRow["type"]) => samples.filter((s) => s.type === type);
  const basal = mergedInDay(ofType("basal_energy"), window);
  const active = mergedInDay(ofType("active_energy"), window);
  const steps = mergedInDay(ofType("steps"), window);
  const hasBasal = ofType("basal_energy").some((s) => shareInside(s.startMs, s.endMs, window) > 0);
  const hasActive = ofType("active_energy").some((s) => shareInside(s.startMs, s.endMs, window) > 0);
  const { estimates, workoutEstimates } = activeEstimates(input, steps.segments);
  const inProgress = nowMs < window.endMs;
  const fasted = intake.fasted && (intake.totalKcal ?? 0) === 0;
  const energy = computeDayEnergy({
    dayLengthHours: window.hours,
    elapsedHours: inProgress ? Math.max(0, Math.min(nowMs, window.endMs) - window.startMs) / MS_PER_HOUR : null,
    deviceBasalKcal: hasBasal ? basal.total : null,
    deviceActiveKcal: hasActive ? active.total : null,
    bmrKcalPerDay: person ? mifflinStJeorBmrKcal(person) : null,
    activityEstimates: estimates,
    intakeKcal: fasted ? null : intake.totalKcal,
    fasted,
  });
  const coverage = coverageHours(samples, window);
  const hasData = samples.length > 0 || input.workouts.length > 0;
  // A log that is (or looks) incomplete makes the day's deficit partial too: it stays shown, but out of means.
  const partial = inProgress || coverage < MIN_COVERAGE_HOURS || (energy.intakeKcal !== null && intake.possiblyPartial);
  const status = !hasData ? "no_data" : partial ? "partial" : energy.intakeKcal === null ? "no_intake" : "complete";
  const basalMethod = energy.provenance.basal === "device" ? "device" : energy.provenance.basal === "formula" ? "estimated_bmr" : "none";
  const activeMethod =
    energy.provenance.active === "device" ? "device" : energy.provenance.active === "none" ? "none" : energy.provenance.activeMethods.map((m) => ACTIVE_METHOD_NAMES[m] ?? m).join("+");
  const intakeStatus = intake.possiblyPartial && intake.status === "logged" ? "possibly_partial" : intake.status;
  const workoutsBreakdown = input.workouts.map((w) => {
    const est = workoutEstimates.find((e) => e.workoutId === w.id);
    return {
      id: w.id,
      activity_type: w.activityType,
      energy_kcal: est?.netKcal ?? null,
      method: est ? (ACTIVE_METHOD_NAMES[est.method] ?? est.method) : null,
      counted: energy.provenance.active === "estimates" && est !== undefined,
      duplicate_of: w.duplicateOf,
      reason: workoutReason(w, est, energy.provenance.active === "device"),
    };
  });
  return {
    energy,
    steps: steps.segments.length > 0 ? Math.round(steps.total) : null,
    status,
    coverageHours: coverage,
    intakeStatus,
    basalMethod,
    activeMethod,
    breakdown: {
      basal: { method: basalMethod, sources: sourceShares(samples, basal.bySource) },
      active: { method: activeMethod, sources: sourceShares(samples, active.bySource), superseded_estimate_kcal: energy.provenance.supersededEstimateKcal },
      workouts: workoutsBreakdown,
      intake: { entries: intake.entryCount, status: intake.status, possibly_partial: intake.possiblyPartial },
      estimate_inputs: person
        ? { bmr_equation: "mifflin_st_jeor", weight_kg: person.weightKg, height_cm: person.heightCm, age_years: person.ageYears, sex: person.sex }
        : null,
      day_length_hours: window.hours,
    },
  };
}
