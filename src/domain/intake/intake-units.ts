import { KG_PER_LB } from "../projections/rule3500.js";
import { KJ_PER_KCAL } from "../units.js";

/** kJ → kcal rounded to 0.01 kcal, the precision the food-log parsers store (1 kcal = 4.184 kJ). */
export function kcalFromKj(energyKj: number): number {
  return Math.round((energyKj / KJ_PER_KCAL) * 100) / 100;
}

/** Avoirdupois pound, exact by definition (1 lb = 0.45359237 kg). */
export function kgFromLb(weightLb: number): number {
  return weightLb * KG_PER_LB;
}
