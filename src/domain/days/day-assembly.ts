import type { DayStatus } from "../../lib/vocabulary.js";
import { duplicateReasonText } from "../activities/duplicate-reasons.js";
import { mifflinStJeorBmrKcal, proRateDailyKcal } from "../energy/bmr.js";
import { type ActivityEstimate, type ActivityMethod, computeDayEnergy, type DayEnergy } from "../energy/deficit.js";
import { burnedRange, type EnergyComponent, type EnergyMethod, type KcalRange } from "../energy/energy-ranges.js";
import { stepsNetKcal, stepsOutsideWindows } from "../energy/steps.js";
import { estimateWorkout, type PersonForEstimates, type WorkoutEstimate } from "../energy/workout-estimates.js";
import { strengthEnergy } from "../training/strength-energy.js";
import type { DayMeasures, DayWorkout, MergedQuantity } from "./day-measures.js";
import { type DayFlag, dayFlags, flagsConfirmed } from "./day-plausibility.js";
import type { DayWorkoutRow } from "./day-records.js";

// Fewer hours of wearable data than this and the day is reported as partial (the watch was off or not worn).
export const MIN_COVERAGE_HOURS = 16;

export interface DayIntake {
  /** Sum of the day's entries (0 on a fasted day); null when nothing was logged: unknown, never 0. */
  totalKcal: number | null;
  entryCount: number;
  /** complete | partial | fasted (declared) or logged | unlogged (derived). */
  status: string;
  fasted: boolean;
  /** Declared partial, or implausibly low against recent days (docs/science.md §2.3). */
  possiblyPartial: boolean;
}

export interface SourceName {
  name: string;
  deviceType: string;
}

export interface AssembleInput {
  localDate: string;
  /** 24, or 23/25 on the profile zone's DST days. */
  dayLengthHours: number;
  /** Hours of the day gone by now while it is the current local day (or a later one); null once it is over. */
  elapsedHours: number | null;
  person: PersonForEstimates | null;
  measures: DayMeasures;
  intake: DayIntake;
  sources: ReadonlyMap<number, SourceName>;
  /** Flags the person confirmed for this day (PUT /v1/days/{date}/confirm). */
  confirmedFlags: readonly string[];
}

export interface AssembledDay {
  energy: DayEnergy;
  steps: number | null;
  status: DayStatus;
  coverageHours: number;
  intakeStatus: string;
  basalMethod: string;
  activeMethod: string;
  flags: DayFlag[];
  flagsConfirmed: boolean;
  /** The burn's bounds from each method's published error; null when the burn is unknown. */
  burnedRange: KcalRange | null;
  breakdown: Record<string, unknown>;
}

const ACTIVE_METHOD_NAMES: Record<string, string> = {
  "device-workout": "workouts",
  keytel: "heart_rate",
  met: "met",
  steps: "steps",
  power: "power",
};
const RANGE_METHOD_OF_ESTIMATE: Record<ActivityMethod, EnergyMethod> = {
  "device-workout": "device_active",
  keytel: "keytel",
  met: "met",
  steps: "steps",
  power: "power",
};

function sourceShares(quantity: MergedQuantity, sources: ReadonlyMap<number, SourceName>) {
  return [...quantity.bySource].map(([id, value]) => {
    const source = sources.get(id);
    return { name: source?.name ?? "?", device_type: source?.deviceType ?? "app", value };
  });
}

/**
 * A strength session without the device's energy, priced by its sets: their METs over the time under work
 * (docs/science.md §3.11). Keytel's heart-rate equation was fitted on steady aerobic work; for lifting the sets say more.
 */
function strengthEstimate(row: DayWorkoutRow, person: PersonForEstimates | null, dayFraction: number): WorkoutEstimate | null {
  if (row.activeEnergyKcal !== null || !person || !row.strengthSets || row.strengthSets.length === 0) return null;
  const energy = strengthEnergy(row.strengthSets, person.weightKg, row.durationS);
  return energy ? { workoutId: row.id, netKcal: energy.netKcal * dayFraction, method: "met", dayFraction } : null;
}

function activeEstimates(person: PersonForEstimates | null, measures: DayMeasures) {
  // One activity, counted once: only each group's representative is estimated and bounds the steps.
  const counted = measures.workouts.filter(({ row }) => row.duplicateOf === null);
  const workoutEstimates: WorkoutEstimate[] = [];
  for (const { row, dayFraction } of counted) {
    const estimate = strengthEstimate(row, person, dayFraction) ?? estimateWorkout(row, person, dayFraction);
    if (estimate) workoutEstimates.push(estimate);
  }
  const estimates: ActivityEstimate[] = workoutEstimates.map(({ netKcal, method }) => ({ netKcal, method }));
  if (person && measures.stepSegments.length > 0) {
    const windows = counted.map(({ row }) => ({ startMs: row.startMs, endMs: row.endMs }));
    const steps = stepsOutsideWindows(measures.stepSegments, windows);
    const stepsKcal = stepsNetKcal({ steps, heightCm: person.heightCm, sex: person.sex, weightKg: person.weightKg });
    if (stepsKcal > 0) estimates.push({ netKcal: stepsKcal, method: "steps" });
  }
  return { estimates, workoutEstimates };
}

const ESTIMATE_REASONS: Record<string, string> = {
  "device-workout": "the workout's own energy, net of resting",
  keytel: "estimated from heart rate",
  met: "estimated from the activity's MET value",
};

function workoutReason(w: DayWorkout["row"], estimate: WorkoutEstimate | undefined, deviceActive: boolean): string {
  if (w.duplicateOf !== null) return duplicateReasonText(w.duplicateOf, w.duplicateReason);
  if (deviceActive) return "already inside the device's active energy";
  return estimate ? (ESTIMATE_REASONS[estimate.method] ?? "estimated") : "no profile to estimate from";
}

/** The parts of the day's burn with the method each came from, for its range (docs/science.md §4). */
function energyComponents(energy: DayEnergy, estimates: readonly ActivityEstimate[]): EnergyComponent[] {
  const parts: EnergyComponent[] = [];
  if (energy.basalKcal !== null)
    parts.push({ method: energy.provenance.basal === "device" ? "device_basal" : "formula_bmr", kcal: energy.basalKcal });
  if (energy.provenance.active === "device") parts.push({ method: "device_active", kcal: energy.activeKcal });
  if (energy.provenance.active === "estimates")
    for (const e of estimates) parts.push({ method: RANGE_METHOD_OF_ESTIMATE[e.method], kcal: e.netKcal });
  return parts;
}

function workoutsBreakdown(workouts: readonly DayWorkout[], estimates: readonly WorkoutEstimate[], energy: DayEnergy) {
  return workouts.map(({ row: w, dayFraction }) => {
    const est = estimates.find((e) => e.workoutId === w.id);
    return {
      id: w.id,
      activity_type: w.activityType,
      local_date: w.localDate,
      day_fraction: dayFraction,
      energy_kcal: est?.netKcal ?? null,
      method: est ? (ACTIVE_METHOD_NAMES[est.method] ?? est.method) : null,
      counted: energy.provenance.active === "estimates" && est !== undefined,
      duplicate_of: w.duplicateOf,
      reason: workoutReason(w, est, energy.provenance.active === "device"),
    };
  });
}

function statusOf(input: AssembleInput, energy: DayEnergy): DayStatus {
  if (input.elapsedHours !== null) return "in_progress";
  if (!input.measures.hasData) return "no_data";
  // A log that is (or looks) incomplete makes the day's deficit partial too: it stays shown, but out of means.
  if (input.measures.coverageHours < MIN_COVERAGE_HOURS || (energy.intakeKcal !== null && input.intake.possiblyPartial)) return "partial";
  return energy.intakeKcal === null ? "no_intake" : "complete";
}

/** Everything the day's row holds, from the day's measures: merged device energy, else estimates; never both. */
export function assembleDay(input: AssembleInput): AssembledDay {
  const { person, measures, intake } = input;
  const { estimates, workoutEstimates } = activeEstimates(person, measures);
  const fasted = intake.fasted && (intake.totalKcal ?? 0) === 0;
  const bmrKcalPerDay = person ? mifflinStJeorBmrKcal(person) : null;
  // A finished day without one wearable record (only sleep, only meals) has an unknown burn, as an unlogged day has an
  // unknown intake: a formula BMR with no activity would read as a measured day that burned its resting rate.
  const burnUnknown = input.elapsedHours === null && !measures.hasData;
  const energy = computeDayEnergy({
    dayLengthHours: input.dayLengthHours,
    elapsedHours: input.elapsedHours,
    deviceBasalKcal: measures.basal.present ? measures.basal.total : null,
    deviceActiveKcal: measures.active.present ? measures.active.total : null,
    bmrKcalPerDay: burnUnknown ? null : bmrKcalPerDay,
    activityEstimates: estimates,
    intakeKcal: fasted ? null : intake.totalKcal,
    fasted,
  });
  const status = statusOf(input, energy);
  const flags = dayFlags({
    intakeKcal: energy.intakeKcal,
    burnedKcal: energy.burnedKcal,
    bmrDayKcal: bmrKcalPerDay === null ? null : proRateDailyKcal(bmrKcalPerDay, input.dayLengthHours),
    wholeDay: status === "complete" || status === "no_intake",
  });
  const basalMethod = energy.provenance.basal === "device" ? "device" : energy.provenance.basal === "formula" ? "estimated_bmr" : "none";
  const activeMethod =
    energy.provenance.active === "device"
      ? "device"
      : energy.provenance.active === "none"
        ? "none"
        : energy.provenance.activeMethods.map((m) => ACTIVE_METHOD_NAMES[m] ?? m).join("+");
  return {
    energy,
    steps: measures.steps.present ? Math.round(measures.steps.total) : null,
    status,
    coverageHours: measures.coverageHours,
    intakeStatus: intake.possiblyPartial && intake.status === "logged" ? "possibly_partial" : intake.status,
    basalMethod,
    activeMethod,
    flags,
    flagsConfirmed: flags.length > 0 && flagsConfirmed(flags, input.confirmedFlags),
    burnedRange: energy.burnedKcal === null ? null : burnedRange(energyComponents(energy, estimates)),
    breakdown: {
      basal: { method: basalMethod, sources: sourceShares(measures.basal, input.sources) },
      active: {
        method: activeMethod,
        sources: sourceShares(measures.active, input.sources),
        superseded_estimate_kcal: energy.provenance.supersededEstimateKcal,
      },
      workouts: workoutsBreakdown(measures.workouts, workoutEstimates, energy),
      intake: { entries: intake.entryCount, status: intake.status, possibly_partial: intake.possiblyPartial },
      estimate_inputs: person
        ? { bmr_equation: "mifflin_st_jeor", weight_kg: person.weightKg, height_cm: person.heightCm, age_years: person.ageYears, sex: person.sex }
        : null,
      day_length_hours: input.dayLengthHours,
    },
  };
}
