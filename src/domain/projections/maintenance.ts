import type { HallBaselineEnergy } from "./hall-baseline.js";

// Where the what-if planner's maintenance comes from (docs/science.md §5.8): what the person's own data says
// beats a population activity level.

/** Physical activity level assumed when nothing about the person is known (PAL × RMR). */
export const DEFAULT_PAL = 1.6;
/** Engineering default: a week of complete days before their mean burn stands for the person's maintenance. */
export const MIN_MEASURED_DAYS = 7;
/** How far back measured days and calibrations are looked for, days. */
export const MAINTENANCE_LOOKBACK_DAYS = 28;

export type MaintenanceSource = "calibrated" | "measured" | "pal";

export interface MaintenanceFacts {
  /** The PAL sent with the request, if any: the caller's explicit choice wins. */
  requestedPal: number | null;
  /** False when the request describes another body (sex, age, height or weight given): the person's data does not apply. */
  ownBody: boolean;
  /** Adaptive TDEE of the latest applied calibration, kcal/day. */
  calibratedTdeeKcal: number | null;
  /** Burns of the person's recent whole, counted days, kcal/day. */
  measuredBurnsKcal: readonly number[];
}

export interface MaintenanceChoice {
  source: MaintenanceSource;
  energy: HallBaselineEnergy;
}

export function chooseMaintenance(facts: MaintenanceFacts): MaintenanceChoice {
  if (facts.requestedPal !== null) return { source: "pal", energy: { physicalActivityLevel: facts.requestedPal } };
  if (facts.ownBody && facts.calibratedTdeeKcal !== null && facts.calibratedTdeeKcal > 0) {
    return { source: "calibrated", energy: { maintenanceIntakeKcal: facts.calibratedTdeeKcal } };
  }
  if (facts.ownBody && facts.measuredBurnsKcal.length >= MIN_MEASURED_DAYS) {
    const meanKcal = facts.measuredBurnsKcal.reduce((s, v) => s + v, 0) / facts.measuredBurnsKcal.length;
    return { source: "measured", energy: { maintenanceIntakeKcal: meanKcal } };
  }
  return { source: "pal", energy: { physicalActivityLevel: DEFAULT_PAL } };
}
