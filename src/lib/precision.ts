// The precision of every number an answer carries, chosen from what the measurement behind it resolves (README,
// "Units and rounding"). Answers are rounded in presenters only; storage and computations keep full precision.

/** Decimals per unit: energy to 1 kcal (device and label energy resolve no better; estimates are ±10 % or worse),
 * mass to 0.01 kg (a bathroom scale's resolution), pounds to 0.1 lb, heart rate to 0.1 bpm (sensors report whole
 * beats; an average over many keeps one decimal), distance to 0.01 m (the finest a recorder writes: FIT's unit, a
 * TCX lap's decimals; a float32 copy of it adds only noise). Rates keep what
 * their use needs: a weight trend's slope to 1 g/day, an energy density to 1 kcal/kg. */
export const DECIMALS = { kcal: 0, kg: 2, lb: 1, bpm: 1, m: 2, kg_per_day: 3, kcal_per_kg: 0 } as const;
export type Unit = keyof typeof DECIMALS;

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // `+ 0` turns -0 into 0, which JSON would print as 0 anyway but a deep-equal would not.
  return Math.round(value * factor) / factor + 0;
}

export function roundUnit(value: number, unit: Unit): number;
export function roundUnit(value: number | null, unit: Unit): number | null;
export function roundUnit(value: number | null, unit: Unit): number | null {
  return value === null ? null : roundTo(value, DECIMALS[unit]);
}

// A JSON field's unit from its name: `energy_kcal`, `burned_kcal_range`, `weight_kg`, `trend_weight_lb`, `avg_hr_bpm`, `distance_m`.
const SUFFIXES: [RegExp, Unit][] = [
  [/_kg_per_day$/, "kg_per_day"],
  [/_kcal_per_kg$/, "kcal_per_kg"],
  [/_kcal(_range)?$/, "kcal"],
  [/_kg(_range)?$/, "kg"],
  [/_lb(_range)?$/, "lb"],
  [/_bpm$/, "bpm"],
  [/(^|_)distance_m$/, "m"],
];

function unitOfKey(key: string): Unit | null {
  for (const [pattern, unit] of SUFFIXES) if (pattern.test(key)) return unit;
  return null;
}

/**
 * A stored JSON document (a day's breakdown, a projection's inputs and trajectory) with every number rounded by the
 * unit its field names (an array takes its field's unit); fields without a unit (counts, factors, fractions) are left
 * as they are.
 */
export function roundByFieldUnits<T>(value: T, unit: Unit | null = null): T {
  if (typeof value === "number") return (unit === null || !Number.isFinite(value) ? value : roundTo(value, DECIMALS[unit])) as T;
  if (Array.isArray(value)) return value.map((item) => roundByFieldUnits(item, unit)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, roundByFieldUnits(item, unitOfKey(key))])) as T;
  }
  return value;
}
