import { DAYS_PER_WEEK, weekEndOf } from "../../lib/calendar.js";
import { MIN_LOGGED_DAYS_FOR_WEEKLY_MEAN } from "../energy/deficit.js";
import { type BurnCalibration, deficitRange, type KcalRange, mapRange, narrowedRange } from "../energy/energy-ranges.js";
import { tissueChangeFromEnergy } from "./forbes.js";
import { guardrailFlags, MAX_MEAN_DEFICIT_KCAL_PER_DAY } from "./guardrails.js";
import { hallBaseline } from "./hall-baseline.js";
import { TEF_FRACTION } from "./hall-constants.js";
import { MODEL_VERSION, simulateHall, weeklyStates } from "./hall-model.js";
import { KG_PER_LB, RULE_KCAL_PER_LB, rule3500WeeklyLossKg } from "./rule3500.js";
import {
  type Calibration,
  calibrate,
  type DatedWeight,
  type EnergyDayFacts,
  observedWeekChangeKg,
  type WeekBalance,
  weekBalance,
} from "./week-facts.js";
import { type ProfileFacts, type ProjectionPerson, resolvePerson, type StartWeight, startWeight } from "./week-person.js";

/** One week of a projected trajectory, as stored and served (snake_case: it is the row's JSON). */
export interface TrajectoryPoint {
  week: number;
  weight_kg: number;
  fat_mass_kg: number | null;
  lean_mass_kg: number | null;
}

/** Weekly rows project this many weeks ahead (docs/science.md §5.9). */
export const PROJECTION_HORIZON_WEEKS = 12;
export const RULE3500_MODEL_VERSION = "rule3500-kcal-per-lb/1";

export interface WeekProjectionInput {
  weekStart: string;
  /** daily_energy facts covering at least the 28 days that end on the week's Sunday. */
  days: readonly EnergyDayFacts[];
  /** Weigh-ins from TREND_LOOKBACK_DAYS before the week through its Sunday. */
  weights: readonly DatedWeight[];
  /** The latest weigh-in on or before the week's Sunday, however old. */
  latestWeightKg: number | null;
  /** The latest measured body fat (recent enough to trust), else null. */
  measuredBodyFatPercent: number | null;
  profile: ProfileFacts;
}

export interface WeekProjectionRow {
  model: "rule3500" | "dynamic";
  status: "projected" | "insufficient_data";
  loggedDays: number;
  meanDeficitKcal: number | null;
  projectedChangeKg: number | null;
  /** Bounds of projectedChangeKg from the week's burn range (docs/science.md §4.4); null with it. */
  projectedChangeLowKg: number | null;
  projectedChangeHighKg: number | null;
  trajectory: TrajectoryPoint[];
  observedChangeKg: number | null;
  calibrationFactor: number | null;
  flags: string[];
  inputs: Record<string, unknown>;
  modelVersion: string;
}

interface WeekContext {
  balance: WeekBalance;
  observedChangeKg: number | null;
  weight: StartWeight | null;
  person: ProjectionPerson | null;
  missing: string[];
  calibration: Calibration | null;
  sex: ProfileFacts["sex"];
}

/** Both models' rows for one week, recomputed from the facts (never incremented): [rule3500, dynamic]. */
export function projectWeek(input: WeekProjectionInput): WeekProjectionRow[] {
  const balance = weekBalance(input.days, input.weekStart);
  const weight = startWeight(input.latestWeightKg, input.profile);
  const resolved = resolvePerson(input.profile, weight, input.measuredBodyFatPercent, weekEndOf(input.weekStart));
  const person = resolved.ok ? resolved.person : null;
  const ctx: WeekContext = {
    balance,
    observedChangeKg: observedWeekChangeKg(input.weights, input.weekStart),
    weight,
    person,
    missing: resolved.ok ? [] : resolved.missing,
    calibration: balance.meanDeficitKcal === null ? null : calibrate(input.days, input.weights, input.weekStart, person?.fatMassKg ?? null),
    sex: input.profile.sex,
  };
  return [rule3500Row(ctx), dynamicRow(ctx)];
}

function baseRow(model: WeekProjectionRow["model"], ctx: WeekContext): WeekProjectionRow {
  return {
    model,
    status: "insufficient_data",
    loggedDays: ctx.balance.loggedDays,
    meanDeficitKcal: ctx.balance.meanDeficitKcal,
    projectedChangeKg: null,
    projectedChangeLowKg: null,
    projectedChangeHighKg: null,
    trajectory: [],
    observedChangeKg: ctx.observedChangeKg,
    calibrationFactor: ctx.calibration?.factor ?? null,
    flags: [],
    inputs: {},
    modelVersion: model === "rule3500" ? RULE3500_MODEL_VERSION : MODEL_VERSION,
  };
}

function insufficientRow(model: WeekProjectionRow["model"], ctx: WeekContext): WeekProjectionRow {
  return {
    ...baseRow(model, ctx),
    flags: ["insufficient_data"],
    inputs: { logged_days: ctx.balance.loggedDays, min_logged_days: MIN_LOGGED_DAYS_FOR_WEEKLY_MEAN },
  };
}

/** docs/science.md §5.6 guardrails in the API's snake_case vocabulary; the intake floor needs the sex. */
export function weekGuardrailFlags(sex: ProfileFacts["sex"], meanDeficitKcal: number, meanIntakeKcal: number): string[] {
  const flags =
    sex === null
      ? meanDeficitKcal > MAX_MEAN_DEFICIT_KCAL_PER_DAY
        ? ["deficit-above-1000-kcal-per-day"]
        : []
      : guardrailFlags({ sex, meanDeficitKcalPerDay: meanDeficitKcal, intakeKcalPerDay: meanIntakeKcal });
  return flags.map((f) => f.replaceAll("-", "_"));
}

function rule3500Row(ctx: WeekContext): WeekProjectionRow {
  const { meanDeficitKcal, meanIntakeKcal } = ctx.balance;
  if (meanDeficitKcal === null || meanIntakeKcal === null) return insufficientRow("rule3500", ctx);
  const weeklyChangeKg = -rule3500WeeklyLossKg(meanDeficitKcal);
  const startKg = ctx.weight?.weightKg ?? null;
  const trajectory =
    startKg === null
      ? []
      : Array.from({ length: PROJECTION_HORIZON_WEEKS + 1 }, (_, week) => ({
          week,
          weight_kg: startKg + week * weeklyChangeKg,
          fat_mass_kg: null,
          lean_mass_kg: null,
        }));
  const changeRange = changeRangeOf(ctx.balance.meanBurnRange, meanIntakeKcal, (deficit) => -rule3500WeeklyLossKg(deficit));
  return {
    ...baseRow("rule3500", ctx),
    status: "projected",
    projectedChangeKg: weeklyChangeKg,
    projectedChangeLowKg: changeRange?.[0] ?? null,
    projectedChangeHighKg: changeRange?.[1] ?? null,
    trajectory,
    flags: [...weekGuardrailFlags(ctx.sex, meanDeficitKcal, meanIntakeKcal), ...(startKg === null ? ["no_weight"] : [])],
    inputs: {
      mean_deficit_kcal: meanDeficitKcal,
      kcal_per_lb: RULE_KCAL_PER_LB,
      kg_per_lb: KG_PER_LB,
      start_weight_kg: startKg,
      weight_source: ctx.weight?.source ?? null,
      calibration_applied: false,
    },
  };
}

function dynamicRow(ctx: WeekContext): WeekProjectionRow {
  const { meanDeficitKcal, meanIntakeKcal, meanBurnKcal } = ctx.balance;
  if (meanDeficitKcal === null || meanIntakeKcal === null || meanBurnKcal === null) return insufficientRow("dynamic", ctx);
  const guardrails = weekGuardrailFlags(ctx.sex, meanDeficitKcal, meanIntakeKcal);
  if (ctx.person === null) {
    return { ...baseRow("dynamic", ctx), flags: [...guardrails, "incomplete_profile"], inputs: { missing: ctx.missing } };
  }
  const calibrated = ctx.calibration?.applied === true;
  const burnUsedKcal = calibrated && ctx.calibration ? ctx.calibration.factor * meanBurnKcal : meanBurnKcal;
  const deficitUsedKcal = burnUsedKcal - meanIntakeKcal;
  const run = runDynamic(ctx.person, meanIntakeKcal, deficitUsedKcal);
  if (!run.ok) {
    return { ...baseRow("dynamic", ctx), flags: [...guardrails, "model_out_of_range"], inputs: { reason: run.reason } };
  }
  const calibrationFlags = calibrated ? ["calibrated"] : ctx.calibration ? ["calibration_out_of_range"] : [];
  // docs/science.md §5.5: a measured imbalance changes tissue by Σ imbalance / ρ(F) (Forbes split, Hall densities).
  const weekChangeKg = (deficitKcal: number) => tissueChangeFromEnergy(-DAYS_PER_WEEK * deficitKcal, run.fatMassKg).weightKg;
  const burnRange =
    ctx.balance.meanBurnRange && narrowedRange(meanBurnKcal, ctx.balance.meanBurnRange, calibrated ? burnCalibrationOf(ctx.calibration) : null).range;
  const changeRange = changeRangeOf(burnRange, meanIntakeKcal, weekChangeKg);
  return {
    ...baseRow("dynamic", ctx),
    status: "projected",
    projectedChangeKg: weekChangeKg(deficitUsedKcal),
    projectedChangeLowKg: changeRange?.[0] ?? null,
    projectedChangeHighKg: changeRange?.[1] ?? null,
    trajectory: run.trajectory,
    flags: [...guardrails, ...calibrationFlags],
    inputs: {
      ...personInputs(ctx.person),
      mean_intake_kcal: meanIntakeKcal,
      mean_burn_kcal: meanBurnKcal,
      calibration_applied: calibrated,
      calibration: ctx.calibration && calibrationInputs(ctx.calibration),
      burn_used_kcal: burnUsedKcal,
      deficit_used_kcal: deficitUsedKcal,
      intake_change_kcal: run.intakeChangeKcal,
      maintenance_intake_kcal: run.maintenanceIntakeKcal,
      intake_held_kcal: meanIntakeKcal,
      deficit_mapping: "intake_change = -deficit_used / (1 - tef_fraction); intake held at mean_intake_kcal",
    },
  };
}

type DynamicRun =
  | { ok: true; trajectory: TrajectoryPoint[]; fatMassKg: number; intakeChangeKcal: number; maintenanceIntakeKcal: number }
  | { ok: false; reason: string };

// The measured deficit is the actual imbalance (docs/science.md §5.5). In the Hall model a day-0 intake change ΔEI gives
// an imbalance of (1 − β_TEF)·ΔEI, so ΔEI = −deficit / (1 − β_TEF) starts the model exactly at the measured
// imbalance; intake is then held at the week's mean, and expenditure (hence the deficit) falls as weight does.
export function runDynamic(person: ProjectionPerson, meanIntakeKcal: number, deficitKcal: number): DynamicRun {
  const intakeChangeKcal = -deficitKcal / (1 - TEF_FRACTION);
  const maintenanceIntakeKcal = meanIntakeKcal - intakeChangeKcal;
  try {
    const baseline = hallBaseline({
      sex: person.sex,
      ageYears: person.ageYears,
      heightCm: person.heightCm,
      weightKg: person.weightKg,
      bodyFatPercent: person.measuredBodyFatPercent,
      energy: { maintenanceIntakeKcal },
    });
    const days = PROJECTION_HORIZON_WEEKS * DAYS_PER_WEEK;
    const states = weeklyStates(simulateHall(baseline, { kind: "constant", intakeKcalPerDay: meanIntakeKcal }, { days }));
    const trajectory = states.map((s) => ({
      week: s.day / DAYS_PER_WEEK,
      weight_kg: s.weightKg,
      fat_mass_kg: s.fatMassKg,
      lean_mass_kg: s.weightKg - s.fatMassKg,
    }));
    return { ok: true, trajectory, fatMassKg: baseline.fatMassKg, intakeChangeKcal, maintenanceIntakeKcal };
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, reason: err.message };
    throw err;
  }
}

/** The week's change at either end of its burn range (monotone in the deficit, so low ≤ high stays true). */
function changeRangeOf(burnRange: KcalRange | null, meanIntakeKcal: number, changeKg: (deficitKcal: number) => number): KcalRange | null {
  return burnRange === null ? null : mapRange(deficitRange(burnRange, meanIntakeKcal), changeKg);
}

/** The calibration as a burn correction with its relative 95 % half-width; null when its error is unknown. */
export function burnCalibrationOf(c: Calibration | null): BurnCalibration | null {
  if (c === null || c.tdeeHalfWidthKcal === null || !(c.adaptiveTdeeKcal > 0)) return null;
  return { factor: c.factor, relativeHalfWidth: c.tdeeHalfWidthKcal / c.adaptiveTdeeKcal };
}

function personInputs(person: ProjectionPerson): Record<string, unknown> {
  return {
    sex: person.sex,
    age_years: person.ageYears,
    height_cm: person.heightCm,
    weight_kg: person.weightKg,
    weight_source: person.weightSource,
    body_fat_pct: person.bodyFatPercent,
    body_fat_source: person.bodyFatSource,
    fat_mass_kg: person.fatMassKg,
  };
}

function calibrationInputs(c: Calibration): Record<string, unknown> {
  return {
    adaptive_tdee_kcal: c.adaptiveTdeeKcal,
    tdee_half_width_kcal: c.tdeeHalfWidthKcal,
    mean_burn_kcal: c.meanBurnKcal,
    factor: c.factor,
    applied: c.applied,
    days_with_weight_and_intake: c.daysWithWeightAndIntake,
    slope_kg_per_day: c.slopeKgPerDay,
    energy_density_kcal_per_kg: c.energyDensityKcalPerKg,
    window_from: c.windowFrom,
    window_to: c.windowTo,
  };
}
