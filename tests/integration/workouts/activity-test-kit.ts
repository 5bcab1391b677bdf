import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { mifflinStJeorBmrKcal } from "../../../src/domain/energy/bmr.js";
import { keytelNetKcal } from "../../../src/domain/energy/keytel.js";
import { ageYears } from "../../../src/lib/calendar.js";
import { type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { waitFor } from "../../helpers/process.js";

/** A Garmin fenix 5X run (python-fitparse): 2018-06-14 14:55:22Z, 406 kcal, 5,383 m, 1,681 heart-rate records. */
export const FENIX_RUN_FIT = "fit/fitfileparser__running-with-developer-data.fit";
export const FENIX_RUN_DATE = "2018-06-14";
export const FENIX_RUN_KCAL = 406;

/** A real triathlon (python-fitparse): swim, transition, bike, transition and run legs in one FIT file. */
export const TRIATHLON_FIT = "fit/pyfitparse__sample_mulitple_header.fit";

export const PERSON = { sex: "male", birth_date: "1985-03-01", height_cm: 180, weight_kg: 75, time_zone: "Europe/Berlin" } as const;
const PERSON_FOR_SCIENCE = { sex: "male" as const, heightCm: 180, weightKg: 75 };

export function ageOn(localDate: string): number {
  return ageYears(PERSON.birth_date, localDate);
}

export function bmrOn(localDate: string): number {
  return mifflinStJeorBmrKcal({ ...PERSON_FOR_SCIENCE, ageYears: ageOn(localDate) });
}

/** A device file's gross session energy, net of resting for its duration (what the day counts). */
export function deviceFileNetKcal(grossKcal: number, durationS: number, localDate: string): number {
  return grossKcal - (bmrOn(localDate) / 1440) * (durationS / 60);
}

/** Keytel's net estimate for a workout without energy, from its mean heart rate. */
export function keytelKcal(avgHrBpm: number, durationS: number, localDate: string): number {
  return keytelNetKcal({
    ...PERSON_FOR_SCIENCE,
    ageYears: ageOn(localDate),
    hrBpm: avgHrBpm,
    bmrKcalPerDay: bmrOn(localDate),
    durationMin: durationS / 60,
  });
}

export interface WorkoutBody {
  id: string;
  activity_type: string;
  start: string;
  end: string;
  local_date: string;
  duration_s: number;
  active_energy_kcal: number | null;
  distance_m: number | null;
  avg_hr_bpm: number | null;
  hr_sample_count: number;
  source: { name: string; device_type: string; device: string | null };
  import_id: string | null;
  external_id: string | null;
  counted: boolean;
  duplicate_of: string | null;
  duplicate_reason: string | null;
}

export interface WorkoutDetailBody extends WorkoutBody {
  heart_rate: { t: string; bpm: number }[];
}

export interface DayBody {
  date: string;
  basal_kcal: number | null;
  active_kcal: number | null;
  burned_kcal: number | null;
  status: string;
  sources: { basal: string; active: string };
  hiit_sessions: number;
  pending: boolean;
  breakdown: {
    workouts: { id: string; counted: boolean; duplicate_of: string | null; reason: string; energy_kcal: number | null; method: string | null }[];
  } | null;
}

export async function importFile(h: Harness, user: TestUser, body: Buffer, query = ""): Promise<ImportBody> {
  const res = await upload(h, user.apiKey, body, query);
  expect(res.status).toBe(202);
  const queued = await readJson<ImportBody>(res);
  const done = await settledImport(h, user.apiKey, queued.id, 30_000);
  expect(done.status).toBe("completed");
  return done;
}

export async function importFixture(h: Harness, user: TestUser, path: string): Promise<ImportBody> {
  return importFile(h, user, fixture(path));
}

export async function workoutsOn(h: Harness, user: TestUser, date: string): Promise<WorkoutBody[]> {
  const res = await h.request(`/v1/workouts?from=${date}&to=${date}`, { key: user.apiKey });
  expect(res.status).toBe(200);
  return (await readJson<{ workouts: WorkoutBody[] }>(res)).workouts;
}

export async function workoutDetail(h: Harness, user: TestUser, id: string): Promise<WorkoutDetailBody> {
  const res = await h.request(`/v1/workouts/${id}`, { key: user.apiKey });
  expect(res.status).toBe(200);
  return readJson<WorkoutDetailBody>(res);
}

/** The one-day view once no recompute is pending and `ready` holds (a deletion recomputes after its job runs). */
export async function dayWhen(h: Harness, user: TestUser, date: string, ready: (day: DayBody) => boolean, what: string): Promise<DayBody> {
  let last: DayBody | undefined;
  try {
    return await waitFor(
      async () => {
        last = await readJson<DayBody>(await h.request(`/v1/days/${date}`, { key: user.apiKey }));
        return !last.pending && ready(last) ? last : undefined;
      },
      25_000,
      what,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last day seen: ${JSON.stringify(last)}`);
  }
}

export const near =
  (expected: number, tolerance = 0.6) =>
  (actual: number | null) =>
    actual !== null && Math.abs(actual - expected) <= tolerance;

export async function sync(h: Harness, user: TestUser, body: { samples?: object[]; workouts?: object[] }) {
  const res = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": randomUUID() }, json: body });
  expect(res.status).toBe(200);
  return readJson<{ accepted: number; rejected: number }>(res);
}

export async function sourceIdNamed(h: Harness, user: TestUser, name: string): Promise<number> {
  const body = await readJson<{ sources: { id: number; name: string }[] }>(await h.request("/v1/sources", { key: user.apiKey }));
  const source = body.sources.find((s) => s.name === name);
  if (!source) throw new Error(`no source named ${name}: ${JSON.stringify(body.sources)}`);
  return source.id;
}

export async function setPriority(h: Harness, user: TestUser, sourceId: number, priority: number | null): Promise<void> {
  const res = await h.request(`/v1/sources/${sourceId}`, { method: "PATCH", key: user.apiKey, json: { priority } });
  expect(res.status).toBe(200);
}

/** The Garmin Connect TCX export of a stored device workout: its laps' totals and every heart-rate point. */
export function tcxCopyOf(w: WorkoutDetailBody, creator: string): Buffer {
  const points = w.heart_rate
    .map((p) => `<Trackpoint><Time>${new Date(p.t).toISOString()}</Time><HeartRateBpm><Value>${p.bpm}</Value></HeartRateBpm></Trackpoint>`)
    .join("\n");
  const start = new Date(w.start).toISOString();
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>${start}</Id>
<Lap StartTime="${start}"><TotalTimeSeconds>${w.duration_s}</TotalTimeSeconds><DistanceMeters>${w.distance_m ?? 0}</DistanceMeters>
<Calories>${w.active_energy_kcal ?? 0}</Calories><Track>
${points}
</Track></Lap>
<Creator><Name>${creator}</Name></Creator></Activity></Activities></TrainingCenterDatabase>
`);
}

/** Strava's GPX export of the same session: the track and heart rate, no energy. */
export function gpxCopyOf(w: WorkoutDetailBody): Buffer {
  const startMs = Date.parse(w.start);
  const points = w.heart_rate
    .map((p) => {
      // A straight line north at the run's mean speed: GPX needs coordinates, the grouping does not look at them.
      const lat = 49 + (((Date.parse(p.t) - startMs) / 1000) * ((w.distance_m ?? 0) / w.duration_s)) / 111_320;
      return `<trkpt lat="${lat.toFixed(7)}" lon="8.4"><time>${new Date(p.t).toISOString()}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${p.bpm}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`;
    })
    .join("\n");
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><name>Afternoon Run</name><type>running</type><trkseg>
${points}
</trkseg></trk></gpx>
`);
}
