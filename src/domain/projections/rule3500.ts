import { FAT_KCAL_PER_KG } from "./hall-constants.js";

/** "3,500 kcal per pound": Wishnofsky 1958, rounded from 3,750 (docs/science.md §5.1); static, so it over-predicts. */
export const RULE_KCAL_PER_LB = 3500;
/** The same rule in metric form, 32.2 MJ/kg (Hall 2008). */
export const RULE_KCAL_PER_KG = 7700;
/** International avoirdupois pound (1959 definition), kg; often rounded to 0.4536. */
export const KG_PER_LB = 0.45359237;
/** Wishnofsky 1958: adipose tissue is 87 % lipid. */
export const ADIPOSE_LIPID_FRACTION = 0.87;
export const DAYS_PER_WEEK = 7;

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

/** Weight change under the 7,700-kcal/kg rule, kg. */
export function rule7700WeightChangeKg(cumulativeBalanceKcal: number): number {
  return cumulativeBalanceKcal / RULE_KCAL_PER_KG;
}

/** Energy in a pound of pure fat (≈ 4,282 kcal, TV-W5): why "a pound of fat = 3,500 kcal" is only half true. */
export function pureFatKcalPerLb(): number {
  return FAT_KCAL_PER_KG * KG_PER_LB;
}

/** Energy in a pound of adipose tissue at 87 % lipid (≈ 3,726 kcal). */
export function adiposeTissueKcalPerLb(): number {
  return pureFatKcalPerLb() * ADIPOSE_LIPID_FRACTION;
}
