import { describe, expect, it } from "vitest";
import { type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, type ImportBody, uploadSettled } from "../../helpers/imports.js";
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
  sleep_minutes: number | null;
}

const importFile = (user: TestUser, body: Buffer, query = ""): Promise<ImportBody> => uploadSettled(h, user, body, query);

async function days(user: TestUser, from: string, to: string): Promise<Day[]> {
  return waitFor(
    async () => {
      const body = await readJson<{ days: Day[]; pending: boolean }>(await h.request(`/v1/days?from=${from}&to=${to}`, { key: user.apiKey }));
      return body.pending ? undefined : body.days;
    },
    20_000,
    "days to settle",
  );
}

const UDS = "garmin/synthetic__UDSFile_2017-06-09_2017-06-12.json";
const SLEEP = "garmin/synthetic__2017-06-01_2017-07-01_90000001_sleepData.json";
const RUN = "fit/pyfitparse__garmin-fenix-5-run.fit";
const PROFILE = { time_zone: "America/Los_Angeles", sex: "female", birth_date: "1985-02-01", height_cm: 168, weight_kg: 62 };

/** The account export; `folder` puts it one level down, as a re-zipped download would be (other bytes, same data). */
function accountExport(withRun: boolean, folder = ""): Buffer {
  return buildZip([
    { name: `${folder}DI_CONNECT/DI-Connect-Aggregator/UDSFile_2017-06-09_2017-06-12.json`, data: fixture(UDS) },
    { name: `${folder}DI_CONNECT/DI-Connect-Wellness/2017-06-01_2017-07-01_90000001_sleepData.json`, data: fixture(SLEEP) },
    ...(withRun
      ? [
          {
            name: `${folder}DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip`,
            data: buildZip([{ name: "someone_1001.fit", data: fixture(RUN) }]),
          },
        ]
      : []),
  ]);
}

describe("Garmin Connect account export: daily wellness summaries", () => {
  it("each day's steps, active and BMR energy land on that local day; a day without device data is counted, not read", async () => {
    const user = await h.createUser(PROFILE);
    const done = await importFile(user, accountExport(false));
    expect(done).toMatchObject({ status: "completed", format: "garmin_connect_zip" });
    expect(done.counts.steps).toMatchObject({ parsed: 3, inserted: 3 });
    expect(done.skipped).toEqual({ garmin_day_without_device_data: 1 });
    const found = await days(user, "2017-06-10", "2017-06-12");
    // The night that ended at 06:20 on 11 June: deep 90 + light 241 + REM 92 = 423 minutes asleep (25 awake).
    expect(found.map((d) => [d.date, d.steps, d.active_kcal, d.basal_kcal, d.sleep_minutes])).toEqual([
      ["2017-06-10", 8412, 312, 1780, null],
      ["2017-06-11", 11205, 486, 1780, 423],
      ["2017-06-12", 6033, 201, 1780, null],
    ]);
    const again = await importFile(user, accountExport(false, "garmin-export/"));
    expect(again.id).not.toBe(done.id);
    expect(again.counts.steps).toMatchObject({ parsed: 3, inserted: 0, duplicate: 3 });
    expect((await days(user, "2017-06-11", "2017-06-11"))[0]?.steps).toBe(11205);
  });

  it("the watch's run in the same export is not counted on top of the day's active energy", async () => {
    const user = await h.createUser(PROFILE);
    // The fenix 5 run on 11 June (5 kcal by its own FIT) imported first, then the whole account export.
    expect((await importFile(user, fixture(RUN))).status).toBe("completed");
    const done = await importFile(user, accountExport(true));
    expect(done.counts.workout).toMatchObject({ parsed: 1, inserted: 0, duplicate: 1 });
    expect(done.counts.active_energy).toMatchObject({ parsed: 3, inserted: 3 });
    const [day] = await days(user, "2017-06-11", "2017-06-11");
    // Garmin's 486 kcal already hold the run: the day is 486, never 486 + 5.
    expect(day).toMatchObject({ date: "2017-06-11", steps: 11205, active_kcal: 486, basal_kcal: 1780 });
    const detail = await readJson<{ breakdown: { workouts: { reason: string }[] } }>(await h.request("/v1/days/2017-06-11", { key: user.apiKey }));
    expect(detail.breakdown.workouts.map((w) => w.reason)).toEqual(["already inside the device's active energy"]);
    // Re-uploading the export, zipped again, adds nothing.
    const again = await importFile(user, accountExport(true, "garmin-export/"));
    expect(again.counts.workout).toMatchObject({ inserted: 0 });
    const [count] = await h.deps.sql<{ n: number }[]>`select count(*)::int as n from samples where user_id = ${user.id}`;
    // Three days of steps, active and BMR energy, and the night's four stages.
    expect(count?.n).toBe(13);
  });
});
