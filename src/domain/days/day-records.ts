// The raw rows a day is computed from, as the recompute reads them (one chunk of days at a time).

import type { EnergyBasis } from "../../lib/vocabulary.js";
import type { StrengthSet } from "../training/strength-energy.js";

export interface DaySampleRow {
  type: "basal_energy" | "active_energy" | "steps" | "heart_rate";
  sourceId: number;
  deviceType: string;
  sourceName: string;
  priority: number | null;
  startMs: number;
  endMs: number;
  value: number;
  /** Minutes east of UTC the record was observed at (the profile zone's when it carried none). */
  utcOffsetMin: number;
}

export interface DayWorkoutRow {
  id: string;
  activityType: string;
  startMs: number;
  endMs: number;
  durationS: number;
  activeEnergyKcal: number | null;
  /** Whether activeEnergyKcal includes resting energy (see EnergyBasis in src/lib/vocabulary.ts). */
  energyBasis: EnergyBasis;
  avgHrBpm: number | null;
  sourceName: string;
  deviceType: string;
  format: string | null;
  /** Another record of the same activity counts instead of this one (docs/activities.md); null when this counts. */
  duplicateOf: string | null;
  duplicateReason: string | null;
  utcOffsetMin: number;
  /** The local date of its start at its own offset: the date /v1/workouts lists it under. */
  localDate: string;
  /** Its strength sets in order; null or absent when it has none. */
  strengthSets?: StrengthSet[] | null;
}
