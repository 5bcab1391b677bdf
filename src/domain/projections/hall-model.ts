import type { HallBaseline } from "./hall-baseline.js";
import {
  ADAPTIVE_THERMOGENESIS_FRACTION,
  ADAPTIVE_THERMOGENESIS_TAU_DAYS,
  ECF_CARB_GAIN_MG_PER_L_DAY,
  ECF_SODIUM_GAIN_MG_PER_L_DAY,
  FAT_KCAL_PER_KG,
  FAT_MAINTENANCE_KCAL_PER_KG_DAY,
  FAT_SYNTHESIS_KCAL_PER_KG,
  FORBES_LEAN_COEFFICIENT_KG,
  GLYCOGEN_KCAL_PER_KG,
  GLYCOGEN_WEIGHT_PER_KG,
  LEAN_KCAL_PER_KG,
  LEAN_MAINTENANCE_KCAL_PER_KG_DAY,
  LEAN_SYNTHESIS_KCAL_PER_KG,
  SODIUM_MG_PER_L,
  TEF_FRACTION,
} from "./hall-constants.js";

/**
 * Stored with every projection. The glycogen term enters the energy balance as ρG·dG/dt (kcal/day); upstream bw
 * adds dG/dt (kg/day), a unit bug (docs/science.md §5.3); results differ from bw by a few hundredths of a kg.
 */
export const MODEL_VERSION = "hall2011-glycogen-kcal-fix/1";

export type IntakePlan =
  | { kind: "change"; deltaKcalPerDay: number }
  | { kind: "constant"; intakeKcalPerDay: number }
  /** intakeKcalPerDay[d] is eaten from day d to day d + 1. */
  | { kind: "series"; intakeKcalPerDay: readonly number[] };

export interface SimulationOptions {
  days: number;
  /** Carbohydrate share of intake during the plan; defaults to the baseline share (no diet-composition change). */
  carbFraction?: number;
  /** RK4 steps per day; 1 is converged to ~0.005 kg (day 1) and ~1e-5 kg after a week. */
  stepsPerDay?: number;
}

/** State at the start of day `day` (day 0 = baseline). */
export interface HallState {
  day: number;
  weightKg: number;
  fatMassKg: number;
  leanMassKg: number;
  glycogenKg: number;
  extracellularFluidKg: number;
  adaptiveThermogenesisKcal: number;
}

type Vector = readonly [at: number, ecf: number, glycogen: number, lean: number];

/** Coupled RK4 on (AT, ECF, G, L) with intake held constant within each day. */
export function simulateHall(baseline: HallBaseline, plan: IntakePlan, options: SimulationOptions): HallState[] {
  const { days } = options;
  if (!(Number.isInteger(days) && days >= 0)) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  if (plan.kind === "series" && plan.intakeKcalPerDay.length < days) {
    throw new RangeError(`the intake series covers ${plan.intakeKcalPerDay.length} days, fewer than ${days}`);
  }
  const carbFraction = options.carbFraction ?? baseline.baselineCarbFraction;
  if (!(carbFraction >= 0 && carbFraction <= 1)) throw new RangeError("carbFraction must be in [0, 1]");
  const stepsPerDay = options.stepsPerDay ?? 1;
  if (!(Number.isInteger(stepsPerDay) && stepsPerDay >= 1)) throw new RangeError("stepsPerDay must be an integer ≥ 1");
  const dt = 1 / stepsPerDay;
  let y: Vector = [0, baseline.extracellularFluidKg, baseline.glycogenKg, baseline.leanMassKg];
  const states = [toState(baseline, 0, y)];
  for (let day = 0; day < days; day += 1) {
    const intakeKcal = intakeOnDay(baseline, plan, day);
    const f = (v: Vector): Vector => derivatives(baseline, v, intakeKcal, carbFraction);
    for (let step = 0; step < stepsPerDay; step += 1) y = rk4Step(f, y, dt);
    states.push(toState(baseline, day + 1, y));
  }
  return states;
}

/** Days 0, 7, 14, …: the weekly view of a daily trajectory. */
export function weeklyStates(states: readonly HallState[]): HallState[] {
  return states.filter((s) => s.day % 7 === 0);
}

function intakeOnDay(baseline: HallBaseline, plan: IntakePlan, day: number): number {
  const intakeKcal = plannedIntakeKcal(baseline, plan, day);
  if (!(intakeKcal >= 0)) throw new RangeError(`intake on day ${day} must be ≥ 0 kcal, got ${intakeKcal}`);
  return intakeKcal;
}

function plannedIntakeKcal(baseline: HallBaseline, plan: IntakePlan, day: number): number {
  switch (plan.kind) {
    case "change":
      return baseline.maintenanceIntakeKcal + plan.deltaKcalPerDay;
    case "constant":
      return plan.intakeKcalPerDay;
    case "series":
      return plan.intakeKcalPerDay[day] ?? Number.NaN;
  }
}

function fatMassKg(baseline: HallBaseline, leanMassKg: number): number {
  return baseline.fatMassKg * Math.exp((leanMassKg - baseline.leanMassKg) / FORBES_LEAN_COEFFICIENT_KG);
}

function derivatives(baseline: HallBaseline, [at, ecf, glycogen, lean]: Vector, intakeKcal: number, carbFraction: number): Vector {
  const deltaIntakeKcal = intakeKcal - baseline.maintenanceIntakeKcal;
  const carbIntakeKcal = carbFraction * intakeKcal;
  const dGlycogen = (carbIntakeKcal - baseline.glycogenUseKcalPerKg2 * glycogen * glycogen) / GLYCOGEN_KCAL_PER_KG;
  const dAt = (ADAPTIVE_THERMOGENESIS_FRACTION * deltaIntakeKcal - at) / ADAPTIVE_THERMOGENESIS_TAU_DAYS;
  // Sodium intake changes (ΔNa) are not modelled: the term is 0.
  const dEcf =
    -(
      ECF_SODIUM_GAIN_MG_PER_L_DAY * (ecf - baseline.extracellularFluidKg) +
      ECF_CARB_GAIN_MG_PER_L_DAY * (1 - carbIntakeKcal / baseline.baselineCarbIntakeKcal)
    ) / SODIUM_MG_PER_L;
  const fat = fatMassKg(baseline, lean);
  const weightKg = fat + lean + ecf + GLYCOGEN_WEIGHT_PER_KG * glycogen;
  // Energy balance: ρL·dL + ρF·dF = EI − EE − ρG·dG, with dF = (F/10.4)·dL (Forbes) and EE including synthesis costs.
  const imbalanceKcal =
    intakeKcal -
    baseline.residualExpenditureKcal -
    baseline.activityKcalPerKgDay * weightKg -
    TEF_FRACTION * deltaIntakeKcal -
    at -
    LEAN_MAINTENANCE_KCAL_PER_KG_DAY * lean -
    FAT_MAINTENANCE_KCAL_PER_KG_DAY * fat -
    GLYCOGEN_KCAL_PER_KG * dGlycogen;
  const fatKgPerKgLean = fat / FORBES_LEAN_COEFFICIENT_KG;
  const kcalPerKgLean = LEAN_KCAL_PER_KG + LEAN_SYNTHESIS_KCAL_PER_KG + (FAT_KCAL_PER_KG + FAT_SYNTHESIS_KCAL_PER_KG) * fatKgPerKgLean;
  return [dAt, dEcf, dGlycogen, imbalanceKcal / kcalPerKgLean];
}

function rk4Step(f: (v: Vector) => Vector, y: Vector, dt: number): Vector {
  const k1 = f(y);
  const k2 = f(axpy(y, k1, dt / 2));
  const k3 = f(axpy(y, k2, dt / 2));
  const k4 = f(axpy(y, k3, dt));
  const next = (i: 0 | 1 | 2 | 3): number => y[i] + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  return [next(0), next(1), next(2), next(3)];
}

function axpy(y: Vector, k: Vector, h: number): Vector {
  return [y[0] + h * k[0], y[1] + h * k[1], y[2] + h * k[2], y[3] + h * k[3]];
}

function toState(baseline: HallBaseline, day: number, [at, ecf, glycogen, lean]: Vector): HallState {
  const fat = fatMassKg(baseline, lean);
  return {
    day,
    weightKg: fat + lean + ecf + GLYCOGEN_WEIGHT_PER_KG * glycogen,
    fatMassKg: fat,
    leanMassKg: lean,
    glycogenKg: glycogen,
    extracellularFluidKg: ecf,
    adaptiveThermogenesisKcal: at,
  };
}
