import { previousDate } from "../../src/lib/calendar.js";
import { isoWithOffset, localDateIn, localDayWindow, utcOffsetMinAt, wallTimeToUtcMs } from "../../src/lib/zone.js";
import { Prng } from "../lib/prng.js";
import { type DayPlan, type IntakeEntryBody, PHONE, SCALE, type SyncSampleBody, type SyncWorkoutBody, WATCH } from "./plan-types.js";
import { heartRateSeries, type WorkoutKind, workoutKcalPerMinute, workoutStepsPerMinute } from "./workout-plan.js";

const MIN_MS = 60_000;
const BMR_KCAL_PER_DAY = 1_790;

/** The `days` complete local dates ending yesterday in the zone, oldest first. */
export function benchDates(days: number, timeZone: string, nowMs: number): string[] {
  const dates: string[] = [];
  let date = previousDate(localDateIn(new Date(nowMs), timeZone));
  for (let i = 0; i < days; i++) {
    dates.push(date);
    date = previousDate(date);
  }
  return dates.reverse();
}

interface Schedule {
  wake: number;
  bed: number;
  chargeFrom: number;
  chargeTo: number;
  /** Minutes the watch is worn at all; a short value makes a partial day (watch left on the charger). */
  wornUntil: number;
  workout: { kind: WorkoutKind; from: number; to: number } | null;
  phone: [number, number][];
}

/** One day's routine in local wall minutes (0 = local midnight). */
function schedule(r: Prng, weekend: boolean): Schedule {
  const wake = r.int(390, 450) + (weekend ? 60 : 0);
  const chargeFrom = r.int(1140, 1230);
  const partial = r.chance(0.06);
  let workout: Schedule["workout"] = null;
  if (r.chance(0.72)) {
    const roll = r.next();
    const kind: WorkoutKind = roll < 0.45 ? "running" : roll < 0.75 ? "hiit" : "traditional_strength_training";
    const from = r.chance(0.3) ? wake + 20 : r.int(1050, 1110);
    workout = { kind, from, to: from + r.int(30, 60) };
  }
  const outing = r.int(600, 900);
  return {
    wake,
    bed: r.int(1350, 1410),
    chargeFrom,
    chargeTo: chargeFrom + r.int(30, 70),
    wornUntil: partial ? wake + r.int(360, 600) : 1e9,
    workout,
    phone: weekend
      ? [[outing, outing + 90]]
      : [
          [480, 540],
          [1020, 1080],
          [chargeFrom, chargeFrom + 60],
        ],
  };
}

/** UTC offset of the zone, cached per UTC hour (DST moves on whole hours). */
function offsetCache(timeZone: string): (ms: number) => number {
  const cache = new Map<number, number>();
  return (ms) => {
    const hour = Math.floor(ms / 3_600_000);
    let offset = cache.get(hour);
    if (offset === undefined) {
      offset = utcOffsetMinAt(hour * 3_600_000, timeZone);
      cache.set(hour, offset);
    }
    return offset;
  };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * One local day as a watch and phone would sync it: minute steps (watch, plus overlapping phone minutes), minute
 * active energy while awake, 5-minute basal energy and background heart rate while worn, a workout with 1 Hz heart
 * rate most days, a weigh-in every third morning, and 3–5 logged meals on most days.
 */
export function planDay(date: string, index: number, totalDays: number, seed: number, timeZone: string): DayPlan {
  const r = new Prng(seed * 1_000_003 + index);
  const window = localDayWindow(date, timeZone);
  const midnightWallMs = Date.parse(`${date}T00:00:00Z`);
  const offsetAt = offsetCache(timeZone);
  const iso = (ms: number) => isoWithOffset(ms, offsetAt(ms));
  const day: DayContext = { date, iso, offsetAt, at: (wall) => wallTimeToUtcMs(midnightWallMs + wall * MIN_MS, timeZone) };
  const weekday = new Date(midnightWallMs).getUTCDay();
  const s = schedule(r, weekday === 0 || weekday === 6);
  const samples: SyncSampleBody[] = [];
  const push = (type: SyncSampleBody["type"], startMs: number, endMs: number, value: number, unit: string, source: SyncSampleBody["source"]) =>
    samples.push({ type, start: iso(startMs), end: iso(endMs), value, unit, source });
  let workoutKcal = 0;
  for (let t = window.startMs; t < window.endMs; t += MIN_MS) {
    const wall = Math.round((t + offsetAt(t) * MIN_MS - midnightWallMs) / MIN_MS);
    const awake = wall >= s.wake && wall < s.bed;
    const worn = wall < s.wornUntil && !(wall >= s.chargeFrom && wall < s.chargeTo);
    const inWorkout = s.workout !== null && wall >= s.workout.from && wall < s.workout.to;
    const phoneCarried = awake && s.phone.some(([a, b]) => wall >= a && wall < b);
    const moving = awake && (inWorkout || r.chance(phoneCarried ? 0.6 : 0.2));
    const steps = !moving ? 0 : inWorkout && s.workout ? workoutStepsPerMinute(s.workout.kind, r) : r.int(5, 80);
    if (worn && steps > 0) push("steps", t, t + MIN_MS, steps, "count", WATCH);
    if (phoneCarried && steps > 0) push("steps", t, t + MIN_MS, Math.round(steps * (worn ? r.float(0.7, 0.95) : 1)), "count", PHONE);
    if (worn && awake) {
      const kcal = inWorkout && s.workout ? workoutKcalPerMinute(s.workout.kind, r) : 0.15 + steps * 0.045 + r.float(0, 0.2);
      if (inWorkout) workoutKcal += kcal;
      push("active_energy", t, t + MIN_MS, round3(kcal), "kcal", WATCH);
    }
    if (worn && wall % 5 === 0) {
      push("basal_energy", t, t + 5 * MIN_MS, round3((BMR_KCAL_PER_DAY / 288) * r.float(0.95, 1.05)), "kcal", WATCH);
      if (!inWorkout) push("heart_rate", t, t, awake ? r.int(62, 98) : r.int(47, 60), "count/min", WATCH);
    }
  }
  if (index % 3 === 0) {
    const at = day.at(s.wake + 5);
    push("body_mass", at, at, round3(84 - (6 * index) / totalDays + r.normal(0, 0.3)), "kg", SCALE);
  }
  return { date, samples, workout: planWorkout(day, s, workoutKcal, r), intake: planIntake(day, s, r) };
}

interface DayContext {
  date: string;
  iso: (ms: number) => string;
  offsetAt: (ms: number) => number;
  /** Local wall minute of the day → UTC ms. */
  at: (wall: number) => number;
}

function planWorkout(day: DayContext, s: Schedule, kcal: number, r: Prng): SyncWorkoutBody | null {
  if (!s.workout) return null;
  const { date, iso } = day;
  const startMs = day.at(s.workout.from);
  const durationSec = (s.workout.to - s.workout.from) * 60;
  const bpm = heartRateSeries(s.workout.kind, durationSec, r);
  const offset = day.offsetAt(startMs);
  const workout: SyncWorkoutBody = {
    external_id: `bench-workout-${date}`,
    activity_type: s.workout.kind,
    start: iso(startMs),
    end: iso(startMs + durationSec * 1000),
    source: WATCH,
    heart_rate: bpm.map((v, i) => ({ t: isoWithOffset(startMs + i * 1000, offset), bpm: v })),
  };
  if (s.workout.kind !== "traditional_strength_training") workout.active_energy_kcal = Math.round(kcal);
  if (s.workout.kind === "running") workout.distance_m = Math.round(durationSec * r.float(2.6, 3.1));
  return workout;
}

const MEAL_PLAN = [
  { meal: "breakfast", name: "Oats with milk and berries", at: -1, min: 380, max: 650 },
  { meal: "lunch", name: "Chicken rice bowl", at: 750, min: 550, max: 900 },
  { meal: "dinner", name: "Pasta with salad", at: 1170, min: 600, max: 1_000 },
] as const;

function planIntake(day: DayContext, s: Schedule, r: Prng): IntakeEntryBody[] {
  const { date, iso } = day;
  if (!r.chance(0.92)) return [];
  const entries: IntakeEntryBody[] = MEAL_PLAN.map((m, i) => {
    const wall = m.at < 0 ? s.wake + 30 : m.at + r.int(-30, 30);
    return {
      consumed_at: iso(day.at(wall)),
      energy_kcal: r.int(m.min, m.max),
      name: m.name,
      meal: m.meal,
      external_id: `bench-${date}-${i}`,
    };
  });
  const snacks = r.int(0, 2);
  for (let i = 0; i < snacks; i++) {
    entries.push({
      consumed_at: iso(day.at(r.int(900, 1300))),
      energy_kcal: r.int(90, 320),
      name: "Snack",
      meal: "snack",
      external_id: `bench-${date}-snack-${i}`,
    });
  }
  return entries;
}
