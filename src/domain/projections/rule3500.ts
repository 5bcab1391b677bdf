import { DAYS_PER_WEEK } from "../../lib/calendar.js";
import { KG_PER_LB } from "../body/weight-units.js";

export { KG_PER_LB };

/** "3,500 kcal per pound": Wishnofsky 1958, rounded from 3,750 (docs/science.md §5.1); static, so it over-predicts. */
export const RULE_KCAL_PER_LB = 3500;

/** Weekly weight loss under the 3,500 rule for a mean daily deficit (positive deficit → positive loss), lb/week. */
export function rule3500WeeklyLossLb(meanDeficitKcalPerDay: number): number {
  return (meanDeficitKcalPerDay * DAYS_PER_WEEK) / RULE_KCAL_PER_LB;
}

export function rule3500WeeklyLossKg(meanDeficitKcalPerDay: number): number {
  return rule3500WeeklyLossLb(meanDeficitKcalPerDay) * KG_PER_LB;
}

/** Weight change for a cumulative energy balance under the 3,500-kcal/lb rule (negative balance → loss), kg. */
export function rule3500WeightChangeKg(cumulativeBalanceKcal: number): number {
  return (cumulativeBalanceKcal / RULE_KCAL_PER_LB) * KG_PER_LB;
}
