import type { GuardrailFlag } from "./guardrails.js";
import { guardrailFlags } from "./guardrails.js";
import type { HallBaseline } from "./hall-baseline.js";
import type { HallState } from "./hall-model.js";
import { simulateHall } from "./hall-model.js";

/** Bisection stops once the bracket is narrower than this, kcal/day: finer than anyone can eat to. */
export const PLANNER_INTAKE_TOLERANCE_KCAL = 0.5;
/** Upper bound searched for a required intake, as a multiple of maintenance (engineering default). */
export const PLANNER_MAX_INTAKE_FACTOR = 3;

export interface IntakePlanResult {
  intakeKcalPerDay: number;
  /** Planned intake minus maintenance; negative = cut. */
  deltaIntakeKcalPerDay: number;
  trajectory: HallState[];
  /** Guardrails judged on the planned cut below maintenance and the planned intake. */
  flags: GuardrailFlag[];
}

export type TargetPlanResult =
  | ({ reachable: true } & IntakePlanResult)
  | { reachable: false; reason: "needs-negative-intake" | "needs-intake-above-limit"; closestWeightKg: number };

export function planConstantIntake(baseline: HallBaseline, intakeKcalPerDay: number, days: number): IntakePlanResult {
  const trajectory = simulateHall(baseline, { kind: "constant", intakeKcalPerDay }, { days });
  const deltaIntakeKcalPerDay = intakeKcalPerDay - baseline.maintenanceIntakeKcal;
  const flags = guardrailFlags({
    sex: baseline.sex,
    meanDeficitKcalPerDay: -deltaIntakeKcalPerDay,
    intakeKcalPerDay,
  });
  return { intakeKcalPerDay, deltaIntakeKcalPerDay, trajectory, flags };
}

/** Constant daily intake that reaches `targetWeightKg` after `days` days, by bisection over the Hall model. */
export function planForTargetWeight(baseline: HallBaseline, targetWeightKg: number, days: number): TargetPlanResult {
  if (!(Number.isInteger(days) && days >= 1)) throw new RangeError(`days must be a whole number ≥ 1, got ${days}`);
  if (!(targetWeightKg > 0)) throw new RangeError(`targetWeightKg must be positive, got ${targetWeightKg}`);
  const weightAfter = (intakeKcal: number): number => finalWeightKg(baseline, intakeKcal, days);
  let lo = 0;
  let hi = PLANNER_MAX_INTAKE_FACTOR * baseline.maintenanceIntakeKcal;
  const lowest = weightAfter(lo);
  if (lowest > targetWeightKg) return { reachable: false, reason: "needs-negative-intake", closestWeightKg: lowest };
  const highest = weightAfter(hi);
  if (highest < targetWeightKg) {
    return { reachable: false, reason: "needs-intake-above-limit", closestWeightKg: highest };
  }
  while (hi - lo > PLANNER_INTAKE_TOLERANCE_KCAL) {
    const mid = (lo + hi) / 2;
    if (weightAfter(mid) < targetWeightKg) lo = mid;
    else hi = mid;
  }
  return { reachable: true, ...planConstantIntake(baseline, (lo + hi) / 2, days) };
}

function finalWeightKg(baseline: HallBaseline, intakeKcalPerDay: number, days: number): number {
  const trajectory = simulateHall(baseline, { kind: "constant", intakeKcalPerDay }, { days });
  return trajectory.at(-1)?.weightKg ?? Number.NaN;
}
