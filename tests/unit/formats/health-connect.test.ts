import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import type { ParsedSample, ParsedWorkout, ParseEvent } from "../../../src/formats/contract.js";
import { readExportDatabase } from "../../../src/formats/health-connect/parse-health-connect.js";
import { APPS, berlinMs, DEVICES, HC_OFFSET_S, writeHealthConnectDb } from "../../helpers/health-connect-export.js";

const NOW_MS = Date.UTC(2026, 0, 1);
const dir = mkdtempSync(join(tmpdir(), "hc-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** The generator's day with `change` applied to the database. */
function exportWith(change: (db: Database.Database) => void): string {
  const path = join(dir, `export-${n++}.db`);
  writeHealthConnectDb(path);
  const db = new Database(path);
  change(db);
  db.close();
  return path;
}

async function read(path: string): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  const progress: number[] = [];
  for await (const event of readExportDatabase(path, 1000, { nowMs: NOW_MS }, { onBytes: (b) => progress.push(b) })) events.push(event);
  expect(progress.at(-1)).toBe(1000);
  return events;
}

const samples = (events: ParseEvent[], type: string): ParsedSample[] =>
  events.flatMap((e) => (e.kind === "sample" && e.sample.type === type ? [e.sample] : []));
const workouts = (events: ParseEvent[]): ParsedWorkout[] => events.flatMap((e) => (e.kind === "workout" ? [e.workout] : []));

const KCAL_PER_WATT_HOUR = 3600 / 4184;

function insertSession(db: Database.Database, label: string, app: number, device: number, start: number, end: number, type: number): void {
  db.prepare(
    `insert into exercise_session_record_table (uuid, app_info_id, device_info_id, start_time, start_zone_offset, end_time, end_zone_offset, exercise_type)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(Buffer.from(label.padEnd(16, "-")), app, device, start, HC_OFFSET_S, end, HC_OFFSET_S, type);
}

describe("Health Connect database", () => {
  it("two basal-rate readings in a day: each rate holds until the next, from the day's start to its end", async () => {
    const path = exportWith((db) => {
      db.prepare(
        "insert into basal_metabolic_rate_record_table (uuid, app_info_id, device_info_id, time, zone_offset, basal_metabolic_rate) values (?, ?, ?, ?, ?, ?)",
      ).run(Buffer.from("bmr-14-afternoon"), APPS.fitbit, DEVICES.charge, berlinMs(14, 13), HC_OFFSET_S, 90);
    });
    const basal = samples(await read(path), "basal_energy");
    expect(basal.map((s) => [s.startMs, s.endMs, s.utcOffsetMin])).toEqual([
      [berlinMs(14, 0), berlinMs(14, 13), 60],
      [berlinMs(14, 13), berlinMs(15, 0), 60],
    ]);
    expect(basal[0]?.value).toBeCloseTo(82 * KCAL_PER_WATT_HOUR * 13, 6);
    expect(basal[1]?.value).toBeCloseTo(90 * KCAL_PER_WATT_HOUR * 11, 6);
  });

  it("a session of an app without heart rate takes another app's; an unknown exercise code is 'other'", async () => {
    const path = exportWith((db) => insertSession(db, "phone-walk", APPS.fit, DEVICES.pixel, berlinMs(14, 9), berlinMs(14, 9, 5), 99));
    const walk = workouts(await read(path)).find((w) => w.source.name === "Fit");
    expect(walk).toMatchObject({ activityType: "other", distanceM: null, avgHrBpm: 64, maxHrBpm: 66, energyBasis: "gross" });
    // Fit wrote no active calories, only its day's total (2455 kcal over 24 h): the 5 minutes' share.
    expect(walk?.activeEnergyKcal).toBeCloseTo((2455 * 5) / 1440, 6);
    expect(walk?.heartRate.map((p) => p.bpm)).toEqual([64, 62, 66]);
  });

  it("the run's energy is its app's active calories (net); an app that wrote only total calories gives those (gross)", async () => {
    const path = exportWith((db) => {
      insertSession(db, "phone-ride", APPS.fit, DEVICES.pixel, berlinMs(14, 10), berlinMs(14, 11), 4);
      // Fit's total for the day covers the ride: 2 455 000 cal over 24 h, 1/24 of it inside the hour.
    });
    const found = workouts(await read(path));
    expect(found.find((w) => w.activityType === "running")).toMatchObject({ activeEnergyKcal: 412, energyBasis: "net" });
    const ride = found.find((w) => w.activityType === "cycling");
    expect(ride?.energyBasis).toBe("gross");
    expect(ride?.activeEnergyKcal).toBeCloseTo(2455 / 24, 6);
  });

  it("an impossible heart-rate reading is a rejected sample and a dropped point of the run, which stays", async () => {
    const path = exportWith((db) => {
      const parent = db.prepare("select row_id from heart_rate_record_table where start_time = ?").pluck().get(berlinMs(14, 18));
      db.prepare("update heart_rate_record_series_table set beats_per_minute = 0 where parent_key = ? and epoch_millis = ?").run(
        parent,
        berlinMs(14, 18, 10),
      );
    });
    const events = await read(path);
    const rejected = events.flatMap((e) => (e.kind === "rejected" ? [e.rejection] : []));
    expect(rejected).toEqual([
      expect.objectContaining({ recordType: "heart_rate", where: expect.stringMatching(/^heart_rate_record_table row \d+ at \d+$/) }),
    ]);
    const [run] = workouts(events).filter((w) => w.activityType === "running");
    expect(run?.heartRate).toHaveLength(42);
    expect(run?.pointsDropped.heartRate).toBe(1);
  });

  it("a night's stages are sleep samples of their own minutes; a session without stages is asleep throughout", async () => {
    const path = exportWith((db) => {
      db.prepare(
        `insert into sleep_session_record_table (uuid, app_info_id, device_info_id, start_time, start_zone_offset, end_time, end_zone_offset)
         values (?, ?, ?, ?, ?, ?, ?)`,
      ).run(Buffer.from("nap-14-afternoon"), APPS.fit, DEVICES.pixel, berlinMs(14, 14), HC_OFFSET_S, berlinMs(14, 14, 40), HC_OFFSET_S);
    });
    const events = await read(path);
    const sleep = events.flatMap((e) => (e.kind === "sample" && e.sample.type.startsWith("sleep_") ? [e.sample] : []));
    const minutesBy = (source: string) => {
      const totals: Record<string, number> = {};
      for (const s of sleep.filter((x) => x.source.name === source)) totals[s.type] = (totals[s.type] ?? 0) + s.value;
      return totals;
    };
    // Fitbit's night: light 270, deep 70, REM 90, awake 35, in bed 465 (23:10-06:55).
    expect(minutesBy("Fitbit")).toEqual({ sleep_in_bed: 465, sleep_core: 270, sleep_deep: 70, sleep_rem: 90, sleep_awake: 35 });
    expect(minutesBy("Fit")).toEqual({ sleep_in_bed: 40, sleep_asleep: 40 });
    expect(sleep.find((s) => s.type === "sleep_deep")).toMatchObject({ startMs: berlinMs(14, 0, 40), endMs: berlinMs(14, 1, 50), utcOffsetMin: 60 });
  });

  it("records keep their own zone offset: a weigh-in at 00:30 in Berlin is on its Berlin date", async () => {
    const [late] = samples(
      await read(
        exportWith((db) => {
          db.prepare("insert into weight_record_table (uuid, app_info_id, device_info_id, time, zone_offset, weight) values (?, ?, ?, ?, ?, ?)").run(
            Buffer.from("weight-15-early-"),
            APPS.withings,
            DEVICES.scale,
            berlinMs(15, 0, 30),
            HC_OFFSET_S,
            81_200,
          );
        }),
      ),
      "body_mass",
    ).filter((s) => s.startMs === berlinMs(15, 0, 30));
    expect(late).toMatchObject({ value: 81.2, utcOffsetMin: 60, startMs: Date.UTC(2024, 2, 14, 23, 30) });
  });
});
