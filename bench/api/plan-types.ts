/** The bodies the seeder sends, exactly as POST /v1/sync and POST /v1/intake take them. */
export interface SourceBody {
  name: string;
  device_type: "watch" | "phone" | "scale";
  device?: string;
}

export interface SyncSampleBody {
  type: "steps" | "active_energy" | "basal_energy" | "heart_rate" | "body_mass";
  start: string;
  end: string;
  value: number;
  unit: string;
  source: SourceBody;
}

export interface SyncWorkoutBody {
  external_id: string;
  activity_type: string;
  start: string;
  end: string;
  active_energy_kcal?: number;
  distance_m?: number;
  source: SourceBody;
  heart_rate: { t: string; bpm: number }[];
}

export interface IntakeEntryBody {
  consumed_at: string;
  energy_kcal: number;
  name: string;
  meal: "breakfast" | "lunch" | "dinner" | "snack";
  external_id: string;
}

export interface DayPlan {
  date: string;
  samples: SyncSampleBody[];
  workout: SyncWorkoutBody | null;
  intake: IntakeEntryBody[];
}

export const WATCH: SourceBody = { name: "Apple Watch", device_type: "watch", device: "Watch7,1" };
export const PHONE: SourceBody = { name: "iPhone", device_type: "phone", device: "iPhone15,2" };
export const SCALE: SourceBody = { name: "Withings Body+", device_type: "scale" };

/** The seeded person (POST /v1/admin/users profile). */
export const BENCH_PROFILE = {
  sex: "male",
  birth_date: "1988-05-14",
  height_cm: 180,
  weight_kg: 84,
  time_zone: "Europe/Berlin",
  hr_max_bpm: 188,
} as const;
