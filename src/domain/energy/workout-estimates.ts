import type { EnergyBasis } from "../../lib/vocabulary.js";
import { mifflinStJeorBmrKcal, type Sex } from "./bmr.js";
import type { ActivityEstimate } from "./deficit.js";
import { keytelNetKcal } from "./keytel.js";
import { metNetKcal } from "./met.js";
import { compendiumMet } from "./met-compendium.js";

const MINUTES_PER_DAY = 1440;

// Compendium codes per activity type (2024 edition); anything unmapped takes light general calisthenics.
const COMPENDIUM_CODE_BY_ACTIVITY: Record<string, string> = {
  running: "12050",
  walking: "17190",
  hiit: "02210",
  high_intensity_interval_training: "02210",
  traditional_strength_training: "02054",
  functional_strength_training: "02054",
  strength_training: "02054",
  rowing: "02070",
};
const FALLBACK_COMPENDIUM_CODE = "02030";

/** The 2024 Compendium MET of an activity type (its mapped code, else light/moderate general calisthenics 02030). */
export function activityMet(activityType: string): number {
  const code = COMPENDIUM_CODE_BY_ACTIVITY[activityType] ?? FALLBACK_COMPENDIUM_CODE;
  return compendiumMet(code, 2024)?.met ?? compendiumMet(FALLBACK_COMPENDIUM_CODE, 2024)?.met ?? 3.5;
}

/** What a workout's energy is estimated from (a day's workout row is one). */
export interface WorkoutForEstimate {
  id: string;
  activityType: string;
  durationS: number;
  activeEnergyKcal: number | null;
  avgHrBpm: number | null;
  /** Whether activeEnergyKcal includes the resting energy of the workout's minutes (see EnergyBasis in src/lib/vocabulary.ts). */
  energyBasis: EnergyBasis;
}

export interface PersonForEstimates {
  sex: Sex;
  ageYears: number;
  heightCm: number;
  weightKg: number;
}

export interface WorkoutEstimate extends ActivityEstimate {
  workoutId: string;
  /** The share of the workout inside the day (a workout crossing midnight is split by duration). */
  dayFraction: number;
}

/**
 * Net-of-resting energy of one workout: the file's own figure, else Keytel from mean HR, else MET × weight × time.
 * (A strength session with sets is priced by its sets before this, in src/domain/days/day-assembly.ts.)
 */
export function estimateWorkout(w: WorkoutForEstimate, person: PersonForEstimates | null, dayFraction: number): WorkoutEstimate | null {
  const minutes = w.durationS / 60;
  const bmrKcalPerDay = person ? mifflinStJeorBmrKcal(person) : null;
  if (w.activeEnergyKcal !== null) {
    // A gross total loses the resting energy of its minutes (Mifflin BMR / 1440 per minute): the day's baseline has it.
    const resting = w.energyBasis === "gross" && bmrKcalPerDay ? (bmrKcalPerDay / MINUTES_PER_DAY) * minutes : 0;
    return { workoutId: w.id, netKcal: Math.max(0, w.activeEnergyKcal - resting) * dayFraction, method: "device-workout", dayFraction };
  }
  if (!person || !bmrKcalPerDay) return null;
  if (w.avgHrBpm !== null) {
    const netKcal = keytelNetKcal({
      sex: person.sex,
      hrBpm: w.avgHrBpm,
      weightKg: person.weightKg,
      ageYears: person.ageYears,
      bmrKcalPerDay,
      durationMin: minutes,
    });
    return { workoutId: w.id, netKcal: netKcal * dayFraction, method: "keytel", dayFraction };
  }
  const netKcal = metNetKcal({ met: activityMet(w.activityType), weightKg: person.weightKg, durationMin: minutes });
  return { workoutId: w.id, netKcal: netKcal * dayFraction, method: "met", dayFraction };
}
