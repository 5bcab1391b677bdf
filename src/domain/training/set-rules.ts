// Which sets are possible. A set outside these bounds is rejected on its own, with the reason; the rest of the
// workout is kept (docs/formats.md "Strength sets").

/** Repetitions in one set: 0 to 1,000 (100 push-ups a set is a feat; 10,000 is a typo or a counter gone wrong). */
export const MAX_REPS_PER_SET = 1000;
/** Load of one set, kg: 0 to 600 (above the 501 kg deadlift world record, 2020; a machine stack is lighter). */
export const MAX_SET_WEIGHT_KG = 600;
/** Duration of one set, s: above 0 and at most 3 h (a plank longer than that is not a set). */
export const MAX_SET_DURATION_S = 3 * 3600;
/** Rating of perceived exertion on the CR-10 scale (Borg; "RPE" in resistance training): 0 to 10. */
export const MAX_RPE = 10;
/** Sets in one workout. */
export const MAX_SETS_PER_WORKOUT = 500;

export interface SetValues {
  reps: number | null;
  weightKg: number | null;
  durationS: number | null;
  rpe: number | null;
}

/** The field and reason that make a set impossible, or null when it is possible. */
export function setProblem(set: SetValues): { field: string; reason: string } | null {
  if (set.reps !== null && (!Number.isInteger(set.reps) || set.reps < 0 || set.reps > MAX_REPS_PER_SET))
    return { field: "reps", reason: `reps must be a whole number from 0 to ${MAX_REPS_PER_SET}, got ${set.reps}` };
  if (set.weightKg !== null && (!Number.isFinite(set.weightKg) || set.weightKg < 0 || set.weightKg > MAX_SET_WEIGHT_KG))
    return { field: "weight_kg", reason: `weight_kg must be from 0 to ${MAX_SET_WEIGHT_KG} kg, got ${set.weightKg}` };
  if (set.durationS !== null && (!Number.isFinite(set.durationS) || set.durationS <= 0 || set.durationS > MAX_SET_DURATION_S))
    return { field: "duration_s", reason: `duration_s must be above 0 and at most ${MAX_SET_DURATION_S} s, got ${set.durationS}` };
  if (set.rpe !== null && (!Number.isFinite(set.rpe) || set.rpe < 0 || set.rpe > MAX_RPE))
    return { field: "rpe", reason: `rpe must be from 0 to ${MAX_RPE}, got ${set.rpe}` };
  return null;
}
