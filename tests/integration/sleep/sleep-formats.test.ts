// Samsung Health and Fitbit sleep through the HTTP API with real workers: each file's night counted as the file says,
// and the same records uploaded again in other bytes (another zip order, a Takeout zip) change nothing.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Harness, readJson } from "../../helpers/harness.js";
import { FIXTURES, fixture, type ImportBody, uploadSettled } from "../../helpers/imports.js";
import { sleepMinutes, sleepOf, sleepRowCount } from "../../helpers/sleep-reads.js";
import { harnessWithWorkers } from "../../helpers/with-workers.js";
import { buildZip } from "../../helpers/zip-writer.js";

let h: Harness;
harnessWithWorkers((started) => {
  h = started;
});

const sleepCounts = (done: ImportBody) => Object.fromEntries(Object.entries(done.counts).filter(([type]) => type.startsWith("sleep_")));

describe("Samsung Health: a staged night and a nap without stages", () => {
  const folder = "samsunghealth_synthetic_20240320101500";
  const names = readdirSync(`${FIXTURES}samsung-health/${folder}`);
  const zipOf = (order: string[]) =>
    buildZip(order.map((name) => ({ name: `${folder}/${name}`, data: fixture(`samsung-health/${folder}/${name}`) })));

  it("counts the night by its stages and the nap as asleep, on the wake-up date at the file's +02:00; a re-upload adds nothing", async () => {
    const user = await h.createUser({ time_zone: "Europe/Helsinki" });
    const done = await uploadSettled(h, user, zipOf(names));
    expect(done).toMatchObject({ status: "completed", format: "samsung_health_zip", skipped: {} });
    // By hand from the stage file, session s1 (21:45-04:58 UTC = 23:45-06:58 +02:00): light 90+100+18 = 208,
    // deep 60+40 = 100, REM 40+60 = 100, awake 15+10 = 25; asleep 408. Session s2 (12:10-12:40 UTC) has no
    // stage: 30 asleep. Both end on 19 March: 438 asleep minutes. The stage code 40009 is one rejection.
    expect(sleepCounts(done)).toEqual({
      sleep_core: { parsed: 3, inserted: 3, duplicate: 0, rejected: 0 },
      sleep_deep: { parsed: 2, inserted: 2, duplicate: 0, rejected: 0 },
      sleep_rem: { parsed: 2, inserted: 2, duplicate: 0, rejected: 0 },
      sleep_awake: { parsed: 2, inserted: 2, duplicate: 0, rejected: 0 },
      sleep_asleep: { parsed: 1, inserted: 1, duplicate: 0, rejected: 0 },
    });
    expect(done.rejected_records.filter((r) => r.record_type === "com.samsung.health.sleep_stage")).toHaveLength(1);
    expect(await sleepMinutes(h, user, "2024-03-18", "2024-03-20")).toEqual([null, 438, null]);
    expect(await sleepOf(h, user, "2024-03-19")).toMatchObject({
      asleep_minutes: 438,
      start: "2024-03-18T23:45:00.000+02:00",
      end: "2024-03-19T06:58:00.000+02:00",
      stages_minutes: { core: 208, deep: 100, rem: 100, awake: 25, asleep_unspecified: 30, in_bed: 0 },
      sources: ["Samsung Health"],
      sessions: [
        { main: true, asleep_minutes: 408 },
        { main: false, asleep_minutes: 30 },
      ],
    });
    const summary = await readJson(await h.request("/v1/summary?from=2024-03-18&to=2024-03-20", { key: user.apiKey }));
    expect(summary).toMatchObject({ sleep_nights: 1, mean_sleep_minutes: 438, nights_7h_or_more: 1 });

    // Other bytes, same records: the sessions file first this time.
    const again = await uploadSettled(h, user, zipOf([...names].reverse()));
    expect(again.id).not.toBe(done.id);
    expect(Object.values(sleepCounts(again)).map((c) => [c.inserted, c.duplicate])).toEqual(
      Object.values(sleepCounts(done)).map((c) => [0, c.inserted]),
    );
    expect(await sleepRowCount(h, user.id)).toBe(10);
    expect(await sleepMinutes(h, user, "2024-03-18", "2024-03-20")).toEqual([null, 438, null]);
  });
});

describe("Samsung Health: the sleep CSV and the sleep-stage CSV uploaded one by one", () => {
  const folder = "samsunghealth_synthetic_20240320101500";
  const sessions = fixture(`samsung-health/${folder}/com.samsung.shealth.sleep.20240320101500.csv`);
  const stages = fixture(`samsung-health/${folder}/com.samsung.health.sleep_stage.20240320101500.csv`);

  it("count the staged night once, by its stages, as the zip does, whichever arrives first", async () => {
    for (const order of [
      [sessions, stages],
      [stages, sessions],
    ]) {
      const user = await h.createUser({ time_zone: "Europe/Helsinki" });
      for (const file of order) expect(await uploadSettled(h, user, file)).toMatchObject({ status: "completed", format: "samsung_health_csv" });
      // The session s1 is stored as asleep over 21:45-04:58 UTC beside its stages; the stages count (408 asleep,
      // 25 awake), the session's 433 minutes do not. The nap s2 has no stages: 30 asleep. 438, not 871.
      expect(await sleepMinutes(h, user, "2024-03-18", "2024-03-20")).toEqual([null, 438, null]);
      expect(await sleepOf(h, user, "2024-03-19")).toMatchObject({
        asleep_minutes: 438,
        start: "2024-03-18T23:45:00.000+02:00",
        end: "2024-03-19T06:58:00.000+02:00",
        stages_minutes: { core: 208, deep: 100, rem: 100, awake: 25, asleep_unspecified: 30 },
        sessions: [
          { main: true, asleep_minutes: 408 },
          { main: false, asleep_minutes: 30 },
        ],
      });
      expect(await sleepRowCount(h, user.id)).toBe(11);
    }
  });
});

describe("Fitbit: a stages night with short wakes and a classic nap", () => {
  const file = fixture("fitbit/synthetic__sleep-2024-03-18.json");

  it("counts each stage less the short wakes inside it, at the account's zone; the same logs in a Takeout zip add nothing", async () => {
    const user = await h.createUser({ time_zone: "America/New_York" });
    const done = await uploadSettled(h, user, file);
    expect(done).toMatchObject({ status: "completed", format: "fitbit_json" });
    // By hand from the file: light 250 - 1 - 2.5 = 246.5, deep 75 - 0.5 = 74.5, REM 90 - 1.5 = 88.5: the night
    // (23:10-06:40 EDT) 409.5 asleep (Fitbit's minutesAsleep: 409); wake 35 + short wakes 5.5 = 40.5. The classic
    // nap 14:00-14:50: asleep 30 + 11 = 41, awake 5 + restless 4 = 9. The third log has no endTime: rejected.
    expect(done.rejected_records).toMatchObject([{ where: "[2]", record_type: "entry" }]);
    expect(await sleepMinutes(h, user, "2024-03-18", "2024-03-20")).toEqual([null, 450.5, null]);
    expect(await sleepOf(h, user, "2024-03-19")).toMatchObject({
      asleep_minutes: 450.5,
      start: "2024-03-18T23:10:00.000-04:00",
      end: "2024-03-19T06:40:00.000-04:00",
      stages_minutes: { core: 246.5, deep: 74.5, rem: 88.5, asleep_unspecified: 41, awake: 49.5, in_bed: 0 },
      sources: ["Fitbit"],
      sessions: [
        { main: true, asleep_minutes: 409.5 },
        { main: false, asleep_minutes: 41 },
      ],
    });
    const rows = await sleepRowCount(h, user.id);
    expect(rows).toBe(19);

    const takeout = buildZip([{ name: "Takeout/Fitbit/Global Export Data/sleep-2024-03-18.json", data: file }]);
    const again = await uploadSettled(h, user, takeout);
    expect(again).toMatchObject({ status: "completed", format: "fitbit_takeout_zip" });
    expect(Object.values(sleepCounts(again)).reduce((n, c) => n + c.duplicate, 0)).toBe(19);
    expect(Object.values(sleepCounts(again)).reduce((n, c) => n + c.inserted, 0)).toBe(0);
    expect(await sleepRowCount(h, user.id)).toBe(19);
    expect(await sleepMinutes(h, user, "2024-03-18", "2024-03-20")).toEqual([null, 450.5, null]);
  });
});
