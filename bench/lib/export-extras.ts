import { decimalText, formatAppleDate, formatIsoDay } from "./apple-format.js";
import { type DayInfo, type ExportPlan, planDays, streamSeed } from "./export-plan.js";
import { metadataXml, OMRON, recordXml, WATCH } from "./export-sources.js";
import type { TotalsCounter } from "./export-totals.js";
import { Prng } from "./prng.js";

// Everything besides the plain record series: blood-pressure correlations (whose child records also appear at
// top level), workouts in both the pre- and post-iOS-16 shapes, and one activity summary per day.

interface BloodPressure {
  atMs: number;
  systolic: number;
  diastolic: number;
}

function bloodPressureOn(plan: ExportPlan, day: DayInfo): BloodPressure | null {
  const rng = new Prng(streamSeed(plan.seed, "blood-pressure", day.index));
  if (!rng.chance(0.12)) return null;
  return { atMs: day.startUtcMs + rng.int(7 * 3600, 9 * 3600) * 1000, systolic: rng.int(104, 146), diastolic: rng.int(62, 96) };
}

const SYSTOLIC = "HKQuantityTypeIdentifierBloodPressureSystolic";
const DIASTOLIC = "HKQuantityTypeIdentifierBloodPressureDiastolic";

function bpRecord(hkType: string, value: number, bp: BloodPressure, rng: Prng, day: DayInfo, indent: string): string {
  const text = {
    hkType,
    source: OMRON,
    unit: "mmHg",
    value: String(value),
    startMs: bp.atMs,
    endMs: bp.atMs,
    creationMs: bp.atMs + 4000,
    children: "",
  };
  return recordXml(text, rng, day, indent);
}

/** Top-level systolic then diastolic records (Apple groups by type); the importer skips both types. */
export function* bloodPressureRecords(plan: ExportPlan, totals: TotalsCounter): Generator<string> {
  const rng = new Prng(streamSeed(plan.seed, "bp-records"));
  for (const [hkType, pick] of [
    [SYSTOLIC, (bp: BloodPressure) => bp.systolic],
    [DIASTOLIC, (bp: BloodPressure) => bp.diastolic],
  ] as const) {
    for (const day of planDays(plan)) {
      const bp = bloodPressureOn(plan, day);
      if (bp === null) continue;
      totals.skippedElements += 1;
      yield bpRecord(hkType, pick(bp), bp, rng, day, " ");
    }
  }
}

/** The correlations repeating those records as children: the importer must not count them twice. */
export function* bloodPressureCorrelations(plan: ExportPlan, totals: TotalsCounter): Generator<string> {
  const rng = new Prng(streamSeed(plan.seed, "bp-correlations"));
  for (const day of planDays(plan)) {
    const bp = bloodPressureOn(plan, day);
    if (bp === null) continue;
    totals.skippedElements += 1;
    const at = formatAppleDate(bp.atMs, day.offsetMin);
    yield ` <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="${OMRON.name}" sourceVersion="${OMRON.version(day)}"` +
      ` creationDate="${formatAppleDate(bp.atMs + 4000, day.offsetMin)}" startDate="${at}" endDate="${at}">\n` +
      bpRecord(DIASTOLIC, bp.diastolic, bp, rng, day, "  ") +
      bpRecord(SYSTOLIC, bp.systolic, bp, rng, day, "  ") +
      " </Correlation>\n";
  }
}

const ACTIVITIES = [
  { type: "Running", outdoor: true, kcalPerMin: 11, mPerMin: 170 },
  { type: "Walking", outdoor: true, kcalPerMin: 5, mPerMin: 85 },
  { type: "Cycling", outdoor: true, kcalPerMin: 9, mPerMin: 380 },
  { type: "HighIntensityIntervalTraining", outdoor: false, kcalPerMin: 12, mPerMin: 0 },
  { type: "TraditionalStrengthTraining", outdoor: false, kcalPerMin: 6, mPerMin: 0 },
  { type: "Yoga", outdoor: false, kcalPerMin: 3, mPerMin: 0 },
] as const;

function workoutXml(rng: Prng, day: DayInfo): string {
  const activity = rng.pick(ACTIVITIES);
  const startMs = day.startUtcMs + rng.int(6 * 3600, 19 * 3600) * 1000;
  const durationMin = rng.float(15, 75);
  const endMs = startMs + Math.round(durationMin * 60) * 1000;
  const kcal = durationMin * activity.kcalPerMin * rng.float(0.7, 1.3);
  const km = (durationMin * activity.mPerMin * rng.float(0.8, 1.2)) / 1000;
  const off = day.offsetMin;
  const dates = `creationDate="${formatAppleDate(endMs + 5000, off)}" startDate="${formatAppleDate(startMs, off)}" endDate="${formatAppleDate(endMs, off)}"`;
  const preIos16 = day.fraction < 0.6;
  const totalsAttrs = preIos16
    ? ` totalDistance="${decimalText(km, 6)}" totalDistanceUnit="km" totalEnergyBurned="${decimalText(kcal, 5)}" totalEnergyBurnedUnit="kcal"`
    : "";
  let children =
    metadataXml("HKIndoorWorkout", activity.outdoor ? "0" : "1") +
    metadataXml("HKTimeZone", "America/Los_Angeles") +
    metadataXml("HKWeatherTemperature", `${decimalText(rng.float(38, 92), 1)} degF`) +
    metadataXml("HKAverageMETs", `${decimalText(rng.float(3, 12), 5)} kcal/hr\u00b7kg`);
  const pauseMs = startMs + rng.int(120, 600) * 1000;
  children +=
    `  <WorkoutEvent type="HKWorkoutEventTypePause" date="${formatAppleDate(pauseMs, off)}"/>\n` +
    `  <WorkoutEvent type="HKWorkoutEventTypeResume" date="${formatAppleDate(pauseMs + 45_000, off)}"/>\n`;
  if (!preIos16) {
    const range = `startDate="${formatAppleDate(startMs, off)}" endDate="${formatAppleDate(endMs, off)}"`;
    children +=
      `  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" ${range} sum="${decimalText(kcal, 5)}" unit="kcal"/>\n` +
      `  <WorkoutStatistics type="HKQuantityTypeIdentifierBasalEnergyBurned" ${range} sum="${decimalText(durationMin * 1.1, 5)}" unit="kcal"/>\n` +
      `  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" ${range} average="${decimalText(rng.float(110, 160), 4)}" minimum="${rng.int(80, 100)}" maximum="${rng.int(160, 190)}" unit="count/min"/>\n`;
    if (km > 0) {
      children += `  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" ${range} sum="${decimalText(km, 6)}" unit="km"/>\n`;
    }
  }
  if (activity.outdoor) {
    const d = new Date(startMs + off * 60_000);
    const path = `/workout-routes/route_${formatIsoDay(day.dateUtcMs)}_${d.getUTCHours() % 12 || 12}.${String(d.getUTCMinutes()).padStart(2, "0")}${d.getUTCHours() < 12 ? "am" : "pm"}.gpx`;
    children +=
      `  <WorkoutRoute sourceName="${WATCH.name}" sourceVersion="${WATCH.version(day)}" ${dates}>\n` +
      `   <FileReference path="${path}"/>\n  </WorkoutRoute>\n`;
  }
  return (
    ` <Workout workoutActivityType="HKWorkoutActivityType${activity.type}" duration="${durationMin}" durationUnit="min"${totalsAttrs}` +
    ` sourceName="${WATCH.name}" sourceVersion="${WATCH.version(day)}" device="${WATCH.device(rng, day)}" ${dates}>\n${children} </Workout>\n`
  );
}

/** At most one workout per day (its natural key is source + start + type, so it is unique by construction). */
export function* workouts(plan: ExportPlan, totals: TotalsCounter): Generator<string> {
  for (const day of planDays(plan)) {
    const rng = new Prng(streamSeed(plan.seed, "workout", day.index));
    if (!rng.chance(0.4)) continue;
    totals.workouts += 1;
    yield workoutXml(rng, day);
  }
}

export function* activitySummaries(plan: ExportPlan, totals: TotalsCounter): Generator<string> {
  const rng = new Prng(streamSeed(plan.seed, "activity-summary"));
  for (const day of planDays(plan)) {
    totals.skippedElements += 1;
    yield ` <ActivitySummary dateComponents="${formatIsoDay(day.dateUtcMs)}" activeEnergyBurned="${decimalText(rng.float(150, 900), 3)}"` +
      ` activeEnergyBurnedGoal="${rng.pick(["400", "500", "630"])}" activeEnergyBurnedUnit="kcal" appleMoveTime="0" appleMoveTimeGoal="0"` +
      ` appleExerciseTime="${rng.int(0, 95)}" appleExerciseTimeGoal="30" appleStandHours="${rng.int(4, 16)}" appleStandHoursGoal="12"/>\n`;
  }
}
