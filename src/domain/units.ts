// Unit conversions shared by the energy formulas; definitions, not estimates.

export const HOURS_PER_DAY = 24;
export const MINUTES_PER_HOUR = 60;
export const MINUTES_PER_DAY = 1440;
/** Thermochemical calorie: 1 kcal = 4.184 kJ. */
export const KJ_PER_KCAL = 4.184;
export const ML_PER_LITRE = 1000;
