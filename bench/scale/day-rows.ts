import { localDayWindow, type ZoneCache } from "../../src/lib/zone.js";
import { Prng } from "../lib/prng.js";

// One person's local day at minute resolution, as COPY text lines per table: a watch worn all day (heart rate every
// minute, active energy every awake minute, basal energy every 5 minutes), steps in the minutes they move (watch,
// plus the phone while carried), a weigh-in every third morning, 3–5 meals on most days, a workout on most days.

const MIN_MS = 60_000;
const BMR_KCAL_PER_5_MIN = 1_790 / 288;
const WORKOUT_KINDS = ["running", "hiit", "traditional_strength_training"] as const;
const MEALS = [
  ["breakfast", "Oats with milk and berries", 380, 650],
  ["lunch", "Chicken rice bowl", 550, 900],
  ["dinner", "Pasta with salad", 600, 1_000],
] as const;

export interface SeedUser {
  id: string;
  index: number;
  sources: { watch: number; phone: number; scale: number };
}

/** COPY lines per table for one user-day; `samples` lines are grouped by type, each type in time order. */
export interface DayRows {
  samples: string;
  sampleCounts: Record<string, number>;
  workouts: string;
  intake: string;
  body: string;
}

const SAMPLE_TYPES = ["heart_rate", "steps", "active_energy", "basal_energy", "body_mass"] as const;
type SeedSampleType = (typeof SAMPLE_TYPES)[number];

const r1 = (v: number) => Math.round(v * 10) / 10;
const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function dayRows(user: SeedUser, date: string, dayIndex: number, zone: ZoneCache, seed: number): DayRows {
  const r = new Prng(seed * 1_000_003 + user.index * 10_007 + dayIndex);
  const window = localDayWindow(date, zone.timeZone);
  const wallMidnightMs = Date.parse(`${date}T00:00:00Z`);
  const weekend = [0, 6].includes(new Date(wallMidnightMs).getUTCDay());
  const wake = r.int(390, 450) + (weekend ? 60 : 0);
  const bed = r.int(1350, 1410);
  const chargeFrom = r.int(1140, 1230);
  const chargeTo = chargeFrom + r.int(30, 70);
  const kind = r.chance(0.72) ? WORKOUT_KINDS[r.int(0, 2)] : undefined;
  const workoutFrom = r.chance(0.3) ? wake + 20 : r.int(1050, 1110);
  const workoutTo = workoutFrom + r.int(30, 60);
  const lines: Record<SeedSampleType, string[]> = { heart_rate: [], steps: [], active_energy: [], basal_energy: [], body_mass: [] };
  const line = (type: SeedSampleType, source: number, start: string, end: string, offset: number, value: number) =>
    lines[type].push(`${user.id}\t${type}\t${source}\t${start}\t${end}\t${offset}\t${date}\t${value}\t\\N\n`);
  // Every minute's end is the next one's start: each instant is formatted once.
  const isoAt = new Map<number, string>();
  const iso = (ms: number) => {
    let text = isoAt.get(ms);
    if (text === undefined) {
      text = new Date(ms).toISOString();
      isoAt.set(ms, text);
    }
    return text;
  };
  let workout: { startMs: number; endMs: number; offset: number; kcal: number; hrSum: number; hrMax: number; minutes: number } | null = null;
  for (let t = window.startMs; t < window.endMs; t += MIN_MS) {
    const offset = zone.offsetMinAt(t);
    const wall = Math.round((t + offset * MIN_MS - wallMidnightMs) / MIN_MS);
    const start = iso(t);
    const end = iso(t + MIN_MS);
    const awake = wall >= wake && wall < bed;
    const worn = !(wall >= chargeFrom && wall < chargeTo);
    const inWorkout = kind !== undefined && wall >= workoutFrom && wall < workoutTo;
    const phone = awake && !inWorkout && (wall % 240 < 60 || (wall >= chargeFrom && wall < chargeTo));
    const moving = awake && (inWorkout || r.chance(phone ? 0.6 : 0.25));
    const steps = moving ? (inWorkout ? r.int(40, 170) : r.int(5, 80)) : 0;
    const bpm = inWorkout ? r.int(120, 178) : awake ? r.int(62, 98) : r.int(47, 60);
    if (worn) line("heart_rate", user.sources.watch, start, start, offset, bpm);
    if (worn && steps > 0) line("steps", user.sources.watch, start, end, offset, steps);
    if (phone && steps > 0) line("steps", user.sources.phone, start, end, offset, Math.round(steps * r.float(0.7, 1)));
    if (worn && awake) {
      const kcal = r3(inWorkout ? r.float(4, 12) : 0.15 + steps * 0.045 + r.float(0, 0.2));
      line("active_energy", user.sources.watch, start, end, offset, kcal);
      if (inWorkout) {
        workout ??= { startMs: t, endMs: t, offset, kcal: 0, hrSum: 0, hrMax: 0, minutes: 0 };
        workout.endMs = t + MIN_MS;
        workout.kcal += kcal;
        workout.hrSum += bpm;
        workout.hrMax = Math.max(workout.hrMax, bpm);
        workout.minutes++;
      }
    }
    if (worn && wall % 5 === 0) {
      line("basal_energy", user.sources.watch, start, iso(t + 5 * MIN_MS), offset, r3(BMR_KCAL_PER_5_MIN * r.float(0.95, 1.05)));
    }
  }
  let body = "";
  if (dayIndex % 3 === 0) {
    const at = window.startMs + (wake + 5) * MIN_MS;
    const atIso = iso(at);
    const offset = zone.offsetMinAt(at);
    const kg = r1(84 - user.index * 0.5 - (6 * dayIndex) / 365 + r.normal(0, 0.3));
    line("body_mass", user.sources.scale, atIso, atIso, offset, kg);
    body = `bdy_s${user.index}d${dayIndex}\t${user.id}\t${atIso}\t${offset}\t${date}\t${kg}\t${user.sources.scale}\n`;
  }
  let workouts = "";
  if (workout && kind) {
    const w = workout;
    const distance = kind === "running" ? String(Math.round(w.minutes * 60 * r.float(2.6, 3.1))) : "\\N";
    workouts =
      `wkt_s${user.index}d${dayIndex}\t${user.id}\t${user.sources.watch}\t${kind}\t${new Date(w.startMs).toISOString()}\t` +
      `${new Date(w.endMs).toISOString()}\t${w.offset}\t${date}\t${w.minutes * 60}\t${Math.round(w.kcal)}\t${distance}\t` +
      `${r1(w.hrSum / w.minutes)}\t${w.hrMax}\n`;
  }
  let intake = "";
  if (r.chance(0.92)) {
    const meals: { meal: string; name: string; min: number; max: number; wall: number }[] = MEALS.map(([meal, name, min, max], i) => ({
      meal,
      name,
      min,
      max,
      wall: i === 0 ? wake + 30 : 750 + 420 * (i - 1) + r.int(-30, 30),
    }));
    for (let i = r.int(0, 2); i > 0; i--) meals.push({ meal: "snack", name: "Snack", min: 90, max: 320, wall: r.int(900, 1300) });
    meals.forEach((m, i) => {
      const at = window.startMs + m.wall * MIN_MS;
      intake += `int_s${user.index}d${dayIndex}m${i}\t${user.id}\t${new Date(at).toISOString()}\t${zone.offsetMinAt(at)}\t${date}\t${r.int(m.min, m.max)}\t${m.name}\t${m.meal}\tbench-scale-${date}-${i}\tapi\n`;
    });
  }
  const sampleCounts: Record<string, number> = {};
  for (const type of SAMPLE_TYPES) sampleCounts[type] = lines[type].length;
  return { samples: SAMPLE_TYPES.map((type) => lines[type].join("")).join(""), sampleCounts, workouts, intake, body };
}

export const WORKOUT_COPY_COLUMNS =
  "id, user_id, source_id, activity_type, start_at, end_at, utc_offset_min, local_date, duration_s, active_energy_kcal, distance_m, avg_hr_bpm, max_hr_bpm";
export const INTAKE_COPY_COLUMNS = "id, user_id, consumed_at, utc_offset_min, local_date, energy_kcal, name, meal, external_id, origin";
export const BODY_COPY_COLUMNS = "id, user_id, measured_at, utc_offset_min, local_date, weight_kg, source_id";
