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

interface WorkoutRow {
  activity_type: string;
  start: string;
  duration_s: number;
  distance_m: number | null;
  active_energy_kcal: number | null;
  hr_samples: number;
}

const importFile = (user: TestUser, body: Buffer, query = ""): Promise<ImportBody> => uploadSettled(h, user, body, query);

async function workoutsOf(userId: string): Promise<WorkoutRow[]> {
  return h.deps.sql<WorkoutRow[]>`
    select activity_type, to_char(start_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as start, duration_s::float8 as duration_s,
           distance_m::float8 as distance_m, active_energy_kcal::float8 as active_energy_kcal, hr_sample_count as hr_samples
    from workouts where user_id = ${userId} and duplicate_of is null order by start_at`;
}

const RUN = "google-fit/synthetic__2024-05-04T08_31_12.204+02_00_RUNNING.json";
const RIDE = "google-fit/synthetic__2024-05-05T18_02_40.000+02_00_BIKING.json";
const NIGHT = "google-fit/synthetic__2024-05-04T23_40_00.000+02_00_SLEEP.json";
const FIT = "Takeout/Fit";

// Fit's TCX of the same run starts a little before the session (its Id is not the session's start) and has heart rate.
const RUN_TCX = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities><Activity Sport="Running"><Id>2024-05-04T06:30:50.000Z</Id>
    <Lap StartTime="2024-05-04T06:30:50.000Z"><TotalTimeSeconds>2569.3</TotalTimeSeconds><DistanceMeters>6834.2</DistanceMeters><Calories>413</Calories>
      <Track>
        <Trackpoint><Time>2024-05-04T06:31:12.000Z</Time><DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>118</Value></HeartRateBpm></Trackpoint>
        <Trackpoint><Time>2024-05-04T06:52:00.000Z</Time><DistanceMeters>3300</DistanceMeters><HeartRateBpm><Value>156</Value></HeartRateBpm></Trackpoint>
        <Trackpoint><Time>2024-05-04T07:14:40.000Z</Time><DistanceMeters>6834.2</DistanceMeters><HeartRateBpm><Value>162</Value></HeartRateBpm></Trackpoint>
      </Track>
    </Lap>
  </Activity></Activities>
</TrainingCenterDatabase>`;

describe("Google Fit Takeout All Sessions", () => {
  it("one session file on its own is a workout with the session's distance, energy and active time", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin" });
    const done = await importFile(user, fixture(RUN));
    expect(done).toMatchObject({ status: "completed", format: "google_fit_session_json" });
    expect(await workoutsOf(user.id)).toEqual([
      {
        activity_type: "running",
        start: "2024-05-04T06:31:12.204Z",
        duration_s: 2569.311,
        distance_m: 6834.205078125,
        active_energy_kcal: 412.7700500488281,
        hr_samples: 0,
      },
    ]);
    // A sleep session without stage segments is asleep throughout: 21:40Z to 05:10Z, 450 minutes on the 5th in Berlin.
    const sleep = await importFile(user, fixture(NIGHT));
    expect(sleep).toMatchObject({ status: "completed", format: "google_fit_session_json" });
    const night = await waitFor(
      async () => {
        const body = await readJson<{ days: { sleep_minutes: number | null }[]; pending: boolean }>(
          await h.request("/v1/days?from=2024-05-05&to=2024-05-05", { key: user.apiKey }),
        );
        return body.pending ? undefined : body.days[0];
      },
      20_000,
      "the day to settle",
    );
    expect(night.sleep_minutes).toBe(450);
  });

  it("in the Takeout zip: a session with a TCX is that TCX's workout, one without is its own; a later single upload adds nothing", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin" });
    const zip = buildZip([
      { name: `${FIT}/Activities/2024-05-04T08_30_50+02_00_PT42M49S_Running.tcx`, data: RUN_TCX },
      { name: `${FIT}/All Sessions/2024-05-04T08_31_12.204+02_00_RUNNING.json`, data: fixture(RUN) },
      { name: `${FIT}/All Sessions/2024-05-05T18_02_40.000+02_00_BIKING.json`, data: fixture(RIDE) },
      { name: `${FIT}/All Sessions/2024-05-04T23_40_00.000+02_00_SLEEP.json`, data: fixture(NIGHT) },
    ]);
    const done = await importFile(user, zip);
    expect(done).toMatchObject({ status: "completed", format: "google_fit_zip" });
    expect(done.counts.workout).toMatchObject({ parsed: 2, inserted: 2 });
    expect(done.skipped).toEqual({ google_fit_session_with_tcx: 1 });
    expect(done.counts.sleep_asleep).toMatchObject({ parsed: 1, inserted: 1 });
    const rows = await workoutsOf(user.id);
    expect(rows.map((r) => [r.activity_type, r.distance_m, r.hr_samples])).toEqual([
      ["running", 6834.2, 3],
      ["cycling", 24012.5, 0],
    ]);
    expect(rows[1]).toMatchObject({ duration_s: 4520, active_energy_kcal: 688 });
    const again = await importFile(user, fixture(RIDE));
    expect(again.counts.workout).toMatchObject({ parsed: 1, inserted: 0, duplicate: 1 });
    expect(await workoutsOf(user.id)).toHaveLength(2);
  });
});
