// Energy of a strength session from its sets: net of resting, (MET − 1) × kg × hours (docs/science.md §3.4), over the
// time actually under work: each set's own time plus the rest that follows it, not the whole logged session (a
// session logged as 07:00–08:00 with four sets of push-ups did not work for an hour) and not only the set durations
// (the Compendium's resistance METs were measured over whole sessions, rests included). docs/science.md §3.11.

import { metNetKcal } from "../energy/met.js";
import { type MetClass, metOfClass } from "./exercise-catalogue.js";

/**
 * Seconds per repetition when a set gives reps but no duration: 3 s, the middle of the 2–4 s a repetition takes at
 * the "moderate velocity" (1–2 s concentric, 1–2 s eccentric) of the ACSM position stand on resistance training
 * (Ratamess et al., Med Sci Sports Exerc 2009;41(3):687–708). Engineering default anchored on that range.
 */
export const DEFAULT_SECONDS_PER_REP = 3;

/** A set with neither reps nor duration: 10 repetitions' worth (30 s), the middle of 8–15 reps. Engineering default. */
export const DEFAULT_SET_SECONDS = 10 * DEFAULT_SECONDS_PER_REP;

/**
 * Rest after a set when the sets carry no start times (a hand log, a sync): 90 s, the middle of the 1–2 min the ACSM
 * position stand (Ratamess 2009) recommends between sets at moderate loads. Engineering default anchored on it.
 */
export const DEFAULT_REST_BETWEEN_SETS_S = 90;

/**
 * Longest rest counted after a set whose start times are known (FIT): 300 s, above the 2–3 min the position stand
 * gives for heavy loads; a longer gap is a pause (a chat, a phone), counted only up to this. Engineering default.
 */
export const MAX_COUNTED_REST_S = 300;

export interface StrengthSet {
  metClass: MetClass;
  reps: number | null;
  durationS: number | null;
  /** Seconds from the workout's start to the set's start, when the recorder wrote it (FIT); null otherwise. */
  startOffsetS: number | null;
}

export interface SetTime {
  workS: number;
  /** Rest counted after the set; 0 after the last. */
  restS: number;
}

/** A set's own time: its duration, else reps × 3 s, else 30 s. */
export function setWorkSeconds(set: Pick<StrengthSet, "reps" | "durationS">): number {
  if (set.durationS !== null && set.durationS > 0) return set.durationS;
  if (set.reps !== null && set.reps > 0) return set.reps * DEFAULT_SECONDS_PER_REP;
  return DEFAULT_SET_SECONDS;
}

/**
 * Work and rest per set, in order. The rest after a set is the measured gap to the next set's start when both start
 * times are known (never below 0, at most 300 s), else 90 s. When the sum exceeds the session's own duration, every
 * part is scaled down to fit it: a session cannot hold more work than its length.
 */
export function setTimes(sets: readonly StrengthSet[], sessionDurationS: number | null): SetTime[] {
  const times = sets.map((set, i): SetTime => {
    const workS = setWorkSeconds(set);
    const next = sets[i + 1];
    if (!next) return { workS, restS: 0 };
    if (set.startOffsetS !== null && next.startOffsetS !== null) {
      const gap = next.startOffsetS - (set.startOffsetS + workS);
      return { workS, restS: Math.min(MAX_COUNTED_REST_S, Math.max(0, gap)) };
    }
    return { workS, restS: DEFAULT_REST_BETWEEN_SETS_S };
  });
  const total = times.reduce((sum, t) => sum + t.workS + t.restS, 0);
  if (sessionDurationS === null || sessionDurationS <= 0 || total <= sessionDurationS) return times;
  const scale = sessionDurationS / total;
  return times.map((t) => ({ workS: t.workS * scale, restS: t.restS * scale }));
}

export interface StrengthEnergy {
  netKcal: number;
  /** Sets plus counted rests, seconds. */
  timeUnderWorkS: number;
  /** Time-weighted mean MET of the session. */
  meanMet: number;
}

/**
 * Σ over sets of (MET of its class − 1) × kg × (its work + the rest after it) / 3600 s, with 1 kcal/kg/h per MET.
 * The rest after a set is counted at that set's MET: the Compendium's session METs include the rests.
 */
export function strengthEnergy(sets: readonly StrengthSet[], weightKg: number, sessionDurationS: number | null): StrengthEnergy | null {
  if (sets.length === 0) return null;
  const times = setTimes(sets, sessionDurationS);
  let netKcal = 0;
  let seconds = 0;
  let metSeconds = 0;
  for (const [i, set] of sets.entries()) {
    const time = times[i];
    if (!time) continue;
    const s = time.workS + time.restS;
    const met = metOfClass(set.metClass);
    netKcal += metNetKcal({ met, weightKg, durationMin: s / 60 });
    seconds += s;
    metSeconds += met * s;
  }
  return { netKcal, timeUnderWorkS: seconds, meanMet: seconds > 0 ? metSeconds / seconds : 0 };
}
