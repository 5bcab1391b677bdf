import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { BAND_STEPS, healthConnectDb, healthConnectZip, inWalMode, withDamagedTable, withoutTable } from "../../helpers/health-connect-export.js";
import { type ImportBody, upload, uploadSettled } from "../../helpers/imports.js";
import { waitFor } from "../../helpers/process.js";
import { harnessWithWorkers } from "../../helpers/with-workers.js";
import { buildZip } from "../../helpers/zip-writer.js";

let h: Harness;
harnessWithWorkers((started) => {
  h = started;
});

interface Day {
  date: string;
  steps: number | null;
  basal_kcal: number | null;
  active_kcal: number | null;
  intake_kcal: number | null;
  sleep_minutes: number | null;
}

const importFile = (user: TestUser, body: Buffer, query = ""): Promise<ImportBody> => uploadSettled(h, user, body, query);

async function dayOf(user: TestUser, date: string): Promise<Day> {
  return waitFor(
    async () => {
      const body = await readJson<{ days: Day[]; pending: boolean }>(await h.request(`/v1/days?from=${date}&to=${date}`, { key: user.apiKey }));
      return body.pending ? undefined : body.days[0];
    },
    20_000,
    "the day to settle",
  );
}

function hcTempDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith("wearsync-hc-"));
}

const BERLIN = { time_zone: "Europe/Berlin", sex: "male", birth_date: "1988-06-01", height_cm: 180, weight_kg: 81 };

describe("Android Health Connect export", () => {
  it("imports a day: steps merged across two apps, the run with its heart rate, weight, basal energy and meals", async () => {
    const user = await h.createUser(BERLIN);
    const before = hcTempDirs();
    const done = await importFile(user, healthConnectZip());
    expect(done).toMatchObject({ status: "completed", format: "health_connect_zip", partial: false });
    expect(done.counts.steps).toMatchObject({ parsed: 29, inserted: 29, rejected: 0 });
    expect(done.counts.workout).toMatchObject({ parsed: 1, inserted: 1 });
    expect(done.skipped).toEqual({ total_calories_burned_record_table: 1, floors_climbed_record_table: 1, nutrition_without_energy: 1 });
    // The extracted database is gone once the import is over.
    expect(hcTempDirs()).toEqual(before);

    const day = await dayOf(user, "2024-03-14");
    // The band outranks the phone wherever both counted; the phone's 540 fill the hour the band was off.
    const bandTotal = Object.values(BAND_STEPS).reduce((sum, n) => sum + n, 0);
    expect(bandTotal).toBe(13_245);
    expect(day.steps).toBe(13_245 + 540);
    // 82 W for the whole day: 82 × 3600 / 4184 kcal per hour × 24 h.
    expect(day.basal_kcal).toBeCloseTo(1693.3, 0);
    // MyFitnessPal's three meals: 452 + 715 + 880.5 = 2047.5 kcal, answered to the kcal.
    expect(day.intake_kcal).toBe(2048);
    // The night 23:10-06:55 ends on the 14th: light 75 + 50 + 100 + 45, deep 70, REM 40 + 50 = 430 minutes asleep;
    // its 35 awake minutes and the session's 465 in bed are not sleep.
    expect(day.sleep_minutes).toBe(430);

    const [run] = await h.deps.sql<
      { activity_type: string; distance_m: number; active_energy_kcal: number; avg_hr_bpm: number; max_hr_bpm: number; duration_s: number }[]
    >`
      select activity_type, distance_m::float8 as distance_m, active_energy_kcal::float8 as active_energy_kcal,
             avg_hr_bpm::float8 as avg_hr_bpm, max_hr_bpm::float8 as max_hr_bpm, duration_s::float8 as duration_s
      from workouts where user_id = ${user.id}`;
    // 3010.5 + 2989.5 m, 412 000 small calories, heart rate 130..172 once a minute.
    expect(run).toEqual({ activity_type: "running", distance_m: 6000, active_energy_kcal: 412, avg_hr_bpm: 151, max_hr_bpm: 172, duration_s: 2520 });

    const weights = await h.deps.sql<{ date: string; kg: number; fat: number | null }[]>`
      select local_date::text as date, weight_kg::float8 as kg, body_fat_pct::float8 as fat
      from body_measurements where user_id = ${user.id} order by measured_at`;
    expect(weights).toEqual([
      { date: "2024-03-13", kg: 81.6, fat: null },
      { date: "2024-03-14", kg: 81.35, fat: 23.4 },
    ]);
    const sources = await h.deps.sql<{ name: string; device_type: string }[]>`
      select distinct name, device_type::text from sources s join samples x on x.source_id = s.id where x.user_id = ${user.id} order by name`;
    expect(sources.map((s) => `${s.name}/${s.device_type}`)).toEqual(["Fit/phone", "Fitbit/band", "Withings/scale", "com.myfitnesspal.android/app"]);
  });

  it("a second upload of the same export (zipped again) adds nothing", async () => {
    const user = await h.createUser(BERLIN);
    const first = await importFile(user, healthConnectZip());
    expect(first.status).toBe("completed");
    const again = await importFile(user, healthConnectZip(healthConnectDb(), "Health Connect/health_connect_export.db"));
    expect(again.status).toBe("completed");
    expect(again.id).not.toBe(first.id);
    for (const [type, count] of Object.entries(again.counts)) expect({ type, inserted: count.inserted }).toEqual({ type, inserted: 0 });
    const [row] = await h.deps.sql<{ n: number }[]>`select count(*)::int as n from intake_entries where user_id = ${user.id}`;
    expect(row?.n).toBe(3);
  });

  it("takes the database uploaded without its zip, from a private copy removed afterwards; the zip then adds nothing", async () => {
    const user = await h.createUser(BERLIN);
    const before = hcTempDirs();
    const bare = await importFile(user, inWalMode(healthConnectDb()));
    expect(bare).toMatchObject({ status: "completed", format: "health_connect_db", partial: false });
    expect(bare.counts.steps).toMatchObject({ parsed: 29, inserted: 29, rejected: 0 });
    expect(bare.skipped).toEqual({ total_calories_burned_record_table: 1, floors_climbed_record_table: 1, nutrition_without_energy: 1 });
    expect(hcTempDirs()).toEqual(before);
    // Nothing beside the stored upload either: SQLite opened the copy, never the upload itself.
    const stored = readdirSync(h.deps.env.UPLOAD_DIR, { recursive: true }).map(String);
    expect(stored.filter((name) => /-(wal|shm|journal)$/.test(name))).toEqual([]);
    const day = await dayOf(user, "2024-03-14");
    expect([day.steps, day.intake_kcal, day.sleep_minutes]).toEqual([13_245 + 540, 2048, 430]);

    const zipped = await importFile(user, healthConnectZip());
    expect(zipped).toMatchObject({ status: "completed", format: "health_connect_zip" });
    for (const [type, count] of Object.entries(zipped.counts)) expect({ type, inserted: count.inserted }).toEqual({ type, inserted: 0 });
  });

  it("a SQLite file without Health Connect's tables is not taken for its export", async () => {
    const user = await h.createUser(BERLIN);
    const other = withoutTable(healthConnectDb(), "steps_record_table");
    const res = await upload(h, user.apiKey, other);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: "UNKNOWN_FORMAT" });
    const forced = await importFile(user, other, "?format=health_connect_db");
    expect(forced).toMatchObject({ status: "failed", error: { code: "DATABASE_INVALID" } });
    expect(forced.error?.message).toMatch(/not a Health Connect export: it has no steps_record_table/);
  });

  it("a database that is not SQLite fails with a readable reason and leaves no rows", async () => {
    const user = await h.createUser(BERLIN);
    const before = hcTempDirs();
    const garbage = Buffer.concat([Buffer.from("SQLite format 3\u0000"), Buffer.alloc(8192, 0x5a)]);
    const done = await importFile(user, healthConnectZip(garbage));
    expect(done).toMatchObject({ status: "failed", format: "health_connect_zip", error: { code: "DATABASE_INVALID" } });
    expect(done.error?.message).toMatch(/could not be read .*export it again/);
    const [row] = await h.deps.sql<{ n: number }[]>`select count(*)::int as n from samples where user_id = ${user.id}`;
    expect(row?.n).toBe(0);
    expect(hcTempDirs()).toEqual(before);
  });

  it("a damaged database fails after reading part of it, and keeps none of what it read", async () => {
    const user = await h.createUser(BERLIN);
    // Steps, calories, weight and heart rate are read before the reader reaches the damaged nutrition table.
    const done = await importFile(user, healthConnectZip(withDamagedTable(healthConnectDb(), "nutrition_record_table")));
    expect(done).toMatchObject({ status: "failed", error: { code: "DATABASE_INVALID" } });
    expect(done.error?.message).toMatch(/malformed/);
    const [row] = await h.deps.sql<{ n: number }[]>`
      select (select count(*) from samples where user_id = ${user.id}) + (select count(*) from workouts where user_id = ${user.id})
           + (select count(*) from intake_entries where user_id = ${user.id}) as n`;
    expect(Number(row?.n)).toBe(0);
  });

  it("a zip without the database is refused as no export", async () => {
    const user = await h.createUser(BERLIN);
    const done = await importFile(user, buildZip([{ name: "notes.txt", data: "hello" }]), "?format=health_connect_zip");
    expect(done).toMatchObject({ status: "failed", error: { code: "ZIP_NO_EXPORT" } });
  });
});
