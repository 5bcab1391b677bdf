// Builds a Health Connect export ("Health Connect.zip" holding health_connect_export.db) for tests: no public sample
// export exists. The tables follow the AOSP HealthFitness module's schema (service/…/storage/datatypehelpers:
// RecordHelper's common columns, IntervalRecordHelper / InstantRecordHelper times, each *RecordHelper's own columns,
// AppInfoHelper and DeviceInfoHelper; the nutrition table has only the columns read here and a few beside them).
// The rows are one realistic day in Berlin (CET, zone offset +3600 s), 2024-03-14:
//   - steps from two apps: Fitbit (Charge 6 band) hourly 07-12 and 13-22, and Google Fit on the phone 07-22 (the
//     phone also covers the hour the band was off);
//   - a 42-minute run 18:00-18:42 by Fitbit: distance 3010.5 + 2989.5 m, active calories 412 000 cal, heart rate
//     every minute ramping 130..172 bpm;
//   - basal metabolic rate 82 W (Fitbit, one reading at 05:00), total calories (Google Fit, not read);
//   - a Withings scale weigh-in at 07:12: 81 350 g and 23.4 % body fat (and one on the 13th: 81 600 g);
//   - three MyFitnessPal meals (452 000, 715 000, 880 500 cal) and a water-only entry without energy;
//   - a night's sleep 2024-03-13 23:10 to 03-14 06:55 with stages (430 minutes asleep, 35 awake);
//   - floors climbed (a type wearsync does not read).

import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { buildZip } from "./zip-writer.js";

export const HC_OFFSET_S = 3600;

/** UTC epoch ms of a Berlin wall time (CET, +01:00) on March 2024. */
export function berlinMs(day: number, hour: number, minute = 0): number {
  return Date.UTC(2024, 2, day, hour, minute) - HC_OFFSET_S * 1000;
}

const COMMON = `row_id INTEGER PRIMARY KEY AUTOINCREMENT, uuid BLOB NOT NULL UNIQUE, last_modified_time INTEGER,
  client_record_id TEXT, client_record_version TEXT, device_info_id INTEGER, app_info_id INTEGER, recording_method INTEGER,
  dedupe_hash BLOB UNIQUE`;
const INTERVAL = "start_time INTEGER, start_zone_offset INTEGER, end_time INTEGER, end_zone_offset INTEGER, local_date INTEGER";
const INSTANT = "time INTEGER, zone_offset INTEGER, local_date INTEGER";

const SCHEMA = `
CREATE TABLE application_info_table (row_id INTEGER PRIMARY KEY, package_name TEXT NOT NULL UNIQUE, app_name TEXT, app_icon BLOB, record_types_used TEXT);
CREATE TABLE device_info_table (row_id INTEGER PRIMARY KEY, manufacturer TEXT, model TEXT, device_type INTEGER);
CREATE TABLE steps_record_table (${COMMON}, ${INTERVAL}, count INTEGER);
CREATE TABLE active_calories_burned_record_table (${COMMON}, ${INTERVAL}, energy REAL);
CREATE TABLE total_calories_burned_record_table (${COMMON}, ${INTERVAL}, energy REAL);
CREATE TABLE distance_record_table (${COMMON}, ${INTERVAL}, distance REAL);
CREATE TABLE floors_climbed_record_table (${COMMON}, ${INTERVAL}, floors REAL);
CREATE TABLE basal_metabolic_rate_record_table (${COMMON}, ${INSTANT}, basal_metabolic_rate REAL);
CREATE TABLE weight_record_table (${COMMON}, ${INSTANT}, weight REAL);
CREATE TABLE body_fat_record_table (${COMMON}, ${INSTANT}, percentage REAL);
CREATE TABLE heart_rate_record_table (${COMMON}, ${INTERVAL});
CREATE TABLE heart_rate_record_series_table (parent_key INTEGER NOT NULL, beats_per_minute INTEGER, epoch_millis INTEGER,
  FOREIGN KEY (parent_key) REFERENCES heart_rate_record_table(row_id) ON DELETE CASCADE);
CREATE INDEX idx_heart_rate_series_parent ON heart_rate_record_series_table(parent_key);
CREATE TABLE exercise_session_record_table (${COMMON}, ${INTERVAL}, notes TEXT, exercise_type INTEGER, title TEXT, has_route INTEGER);
CREATE TABLE nutrition_record_table (${COMMON}, ${INTERVAL}, energy REAL, protein REAL, total_carbohydrate REAL, total_fat REAL,
  dietary_fiber REAL, sugar REAL, sodium REAL, caffeine REAL, meal_type INTEGER, meal_name TEXT);
CREATE TABLE sleep_session_record_table (${COMMON}, ${INTERVAL}, notes TEXT, title TEXT);
CREATE TABLE sleep_stages_table (parent_key INTEGER NOT NULL, stage_start_time INTEGER NOT NULL, stage_end_time INTEGER NOT NULL,
  stage_type INTEGER NOT NULL, FOREIGN KEY (parent_key) REFERENCES sleep_session_record_table(row_id) ON DELETE CASCADE);
`;

export const APPS = { fit: 1, fitbit: 2, withings: 3, myFitnessPal: 4 } as const;
export const DEVICES = { unknown: 1, pixel: 2, charge: 3, scale: 4 } as const;

/** Band steps per local hour (the band was off 12-13), and the phone's: 600 an hour, 540 from 12 to 13. */
export const BAND_STEPS: Readonly<Record<number, number>> = {
  7: 850,
  8: 1200,
  9: 430,
  10: 610,
  11: 390,
  13: 720,
  14: 505,
  15: 660,
  16: 880,
  17: 300,
  18: 5900,
  19: 240,
  20: 410,
  21: 150,
};
const PHONE_STEPS_PER_HOUR = 600;
const PHONE_STEPS_NOON = 540;

/** Sleep stages of the night, Berlin wall times [day, h, m] to [day, h, m], Health Connect stage codes. */
const NIGHT: readonly [number, number, number, number, number, number, number][] = [
  [13, 23, 10, 13, 23, 25, 1],
  [13, 23, 25, 14, 0, 40, 4],
  [14, 0, 40, 14, 1, 50, 5],
  [14, 1, 50, 14, 2, 40, 4],
  [14, 2, 40, 14, 3, 20, 6],
  [14, 3, 20, 14, 3, 30, 1],
  [14, 3, 30, 14, 5, 10, 4],
  [14, 5, 10, 14, 6, 0, 6],
  [14, 6, 0, 14, 6, 45, 4],
  [14, 6, 45, 14, 6, 55, 1],
];

function uuid(label: string): Buffer {
  return createHash("md5").update(label).digest();
}

type Row = Record<string, number | string | Buffer | null>;

function insert(db: Database.Database, table: string, row: Row): number {
  const columns = Object.keys(row);
  const sql = `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`;
  return Number(db.prepare(sql).run(row).lastInsertRowid);
}

function interval(label: string, app: number, device: number, startMs: number, endMs: number, extra: Row): Row {
  return {
    uuid: uuid(label),
    last_modified_time: endMs,
    app_info_id: app,
    device_info_id: device,
    recording_method: 2,
    start_time: startMs,
    start_zone_offset: HC_OFFSET_S,
    end_time: endMs,
    end_zone_offset: HC_OFFSET_S,
    local_date: Math.floor((startMs + HC_OFFSET_S * 1000) / 86_400_000),
    ...extra,
  };
}

function instant(label: string, app: number, device: number, timeMs: number, extra: Row): Row {
  return {
    uuid: uuid(label),
    last_modified_time: timeMs,
    app_info_id: app,
    device_info_id: device,
    recording_method: 3,
    time: timeMs,
    zone_offset: HC_OFFSET_S,
    local_date: Math.floor((timeMs + HC_OFFSET_S * 1000) / 86_400_000),
    ...extra,
  };
}

/** Writes the day described at the top of this file as a Health Connect database at `dbPath`. */
export function writeHealthConnectDb(dbPath: string): void {
  const db = new Database(dbPath);
  try {
    // Phones keep the database in write-ahead-log mode, and the export copies its header with it.
    db.pragma("journal_mode = WAL");
    db.exec(SCHEMA);
    db.pragma("user_version = 13");
    const write = db.transaction(() => fillDay(db));
    write();
  } finally {
    db.close();
  }
}

function fillDay(db: Database.Database): void {
  insert(db, "application_info_table", { row_id: APPS.fit, package_name: "com.google.android.apps.fitness", app_name: "Fit" });
  insert(db, "application_info_table", { row_id: APPS.fitbit, package_name: "com.fitbit.FitbitMobile", app_name: "Fitbit" });
  insert(db, "application_info_table", { row_id: APPS.withings, package_name: "com.withings.wiscale2", app_name: "Withings" });
  insert(db, "application_info_table", { row_id: APPS.myFitnessPal, package_name: "com.myfitnesspal.android", app_name: null });
  insert(db, "device_info_table", { row_id: DEVICES.unknown, manufacturer: null, model: null, device_type: 0 });
  insert(db, "device_info_table", { row_id: DEVICES.pixel, manufacturer: "Google", model: "Pixel 8", device_type: 2 });
  insert(db, "device_info_table", { row_id: DEVICES.charge, manufacturer: "Fitbit", model: "Charge 6", device_type: 6 });
  insert(db, "device_info_table", { row_id: DEVICES.scale, manufacturer: "Withings", model: "Body+", device_type: 3 });

  for (let hour = 7; hour < 22; hour++) {
    const count = hour === 12 ? PHONE_STEPS_NOON : PHONE_STEPS_PER_HOUR;
    insert(db, "steps_record_table", interval(`fit-steps-${hour}`, APPS.fit, DEVICES.pixel, berlinMs(14, hour), berlinMs(14, hour + 1), { count }));
    const band = BAND_STEPS[hour];
    if (band !== undefined) {
      insert(
        db,
        "steps_record_table",
        interval(`fitbit-steps-${hour}`, APPS.fitbit, DEVICES.charge, berlinMs(14, hour), berlinMs(14, hour + 1), { count: band }),
      );
    }
  }
  const fitbit = (label: string, table: string, start: number, end: number, extra: Row) =>
    insert(db, table, interval(label, APPS.fitbit, DEVICES.charge, start, end, extra));
  fitbit("run", "exercise_session_record_table", berlinMs(14, 18), berlinMs(14, 18, 42), { exercise_type: 33, title: "Evening run", has_route: 0 });
  fitbit("run-km-1", "distance_record_table", berlinMs(14, 18), berlinMs(14, 18, 21), { distance: 3010.5 });
  fitbit("run-km-2", "distance_record_table", berlinMs(14, 18, 21), berlinMs(14, 18, 42), { distance: 2989.5 });
  fitbit("active-day", "active_calories_burned_record_table", berlinMs(14, 7), berlinMs(14, 18), { energy: 350_000 });
  fitbit("active-run", "active_calories_burned_record_table", berlinMs(14, 18), berlinMs(14, 18, 42), { energy: 412_000 });
  fitbit("active-evening", "active_calories_burned_record_table", berlinMs(14, 18, 42), berlinMs(14, 22), { energy: 95_000 });
  const runHr = fitbit("run-hr", "heart_rate_record_table", berlinMs(14, 18), berlinMs(14, 18, 42), {});
  for (let minute = 0; minute <= 42; minute++) {
    insert(db, "heart_rate_record_series_table", { parent_key: runHr, beats_per_minute: 130 + minute, epoch_millis: berlinMs(14, 18, minute) });
  }
  const restHr = fitbit("rest-hr", "heart_rate_record_table", berlinMs(14, 9), berlinMs(14, 9, 4), {});
  for (const [minute, bpm] of [
    [0, 64],
    [2, 62],
    [4, 66],
  ] as const) {
    insert(db, "heart_rate_record_series_table", { parent_key: restHr, beats_per_minute: bpm, epoch_millis: berlinMs(14, 9, minute) });
  }
  insert(db, "basal_metabolic_rate_record_table", instant("bmr-14", APPS.fitbit, DEVICES.charge, berlinMs(14, 5), { basal_metabolic_rate: 82 }));
  insert(
    db,
    "total_calories_burned_record_table",
    interval("fit-total-14", APPS.fit, DEVICES.pixel, berlinMs(14, 0), berlinMs(15, 0), { energy: 2_455_000 }),
  );
  insert(db, "floors_climbed_record_table", interval("floors-14", APPS.fitbit, DEVICES.charge, berlinMs(14, 8), berlinMs(14, 9), { floors: 4 }));

  insert(db, "weight_record_table", instant("weight-13", APPS.withings, DEVICES.scale, berlinMs(13, 7, 5), { weight: 81_600 }));
  insert(db, "weight_record_table", instant("weight-14", APPS.withings, DEVICES.scale, berlinMs(14, 7, 12), { weight: 81_350 }));
  insert(db, "body_fat_record_table", instant("fat-14", APPS.withings, DEVICES.scale, berlinMs(14, 7, 12), { percentage: 23.4 }));

  const meal = (label: string, start: number, energy: number | null, mealType: number, name: string) =>
    insert(
      db,
      "nutrition_record_table",
      interval(label, APPS.myFitnessPal, DEVICES.unknown, start, start + 15 * 60_000, { energy, meal_type: mealType, meal_name: name }),
    );
  meal("breakfast", berlinMs(14, 7, 30), 452_000, 1, "Oatmeal with berries");
  meal("water", berlinMs(14, 10, 0), null, 0, "Water");
  meal("lunch", berlinMs(14, 12, 30), 715_000, 2, "Chicken salad sandwich");
  meal("dinner", berlinMs(14, 19, 30), 880_500, 3, "Pasta bolognese");

  const first = NIGHT[0];
  const last = NIGHT.at(-1);
  if (first === undefined || last === undefined) throw new Error("the night has no stages");
  const night = fitbit("night-13", "sleep_session_record_table", berlinMs(first[0], first[1], first[2]), berlinMs(last[3], last[4], last[5]), {
    title: null,
  });
  for (const [d0, h0, m0, d1, h1, m1, stage] of NIGHT) {
    insert(db, "sleep_stages_table", {
      parent_key: night,
      stage_start_time: berlinMs(d0, h0, m0),
      stage_end_time: berlinMs(d1, h1, m1),
      stage_type: stage,
    });
  }
}

/** The bytes of the day's database. */
export function healthConnectDb(): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), "hc-fixture-"));
  try {
    const dbPath = path.join(dir, "health_connect_export.db");
    writeHealthConnectDb(dbPath);
    return readFileSync(dbPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "Health Connect.zip" as the phone exports it: one entry, the database (the day above unless `db` is given). */
export function healthConnectZip(db: Buffer = healthConnectDb(), entryName = "health_connect_export.db"): Buffer {
  return buildZip([{ name: entryName, data: db }]);
}

/** The database with one table's first page overwritten: SQLite opens it and fails only when a query reaches that table. */
export function withDamagedTable(db: Buffer, table: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), "hc-fixture-"));
  try {
    const dbPath = path.join(dir, "health_connect_export.db");
    writeFileSync(dbPath, db);
    const conn = new Database(dbPath, { readonly: true });
    const pageSize = Number(conn.pragma("page_size", { simple: true }));
    const rootPage = Number(conn.prepare("select rootpage from sqlite_master where name = ?").pluck().get(table));
    conn.close();
    const damaged = Buffer.from(db);
    damaged.fill(0xa5, (rootPage - 1) * pageSize, rootPage * pageSize);
    return damaged;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The database as SQLite leaves it after `change` (a schema change, another journal mode). */
function rewritten(db: Buffer, change: (conn: Database.Database) => void): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), "hc-fixture-"));
  try {
    const dbPath = path.join(dir, "health_connect_export.db");
    writeFileSync(dbPath, db);
    const conn = new Database(dbPath);
    change(conn);
    conn.close();
    return readFileSync(dbPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Another SQLite database: the day's without one of Health Connect's tables. */
export function withoutTable(db: Buffer, table: string): Buffer {
  return rewritten(db, (conn) => conn.exec(`drop table ${table}`));
}

/** The database in write-ahead-log mode, as the phone keeps it: SQLite opening it read-only creates -wal/-shm files beside it. */
export function inWalMode(db: Buffer): Buffer {
  return rewritten(db, (conn) => conn.pragma("journal_mode = WAL"));
}
