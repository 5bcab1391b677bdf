// Sleep through the HTTP API with real workers: a real Health Auto Export night uploaded and pushed, and an Apple
// Health night recorded by both a watch and a phone, counted once.
import { describe, expect, it } from "vitest";
import { type Harness, readJson } from "../../helpers/harness.js";
import { fixture, uploadSettled } from "../../helpers/imports.js";
import { sleepMinutes, sleepOf, sleepRowCount } from "../../helpers/sleep-reads.js";
import { harnessWithWorkers } from "../../helpers/with-workers.js";
import { settledDays } from "../energy/energy-test-kit.js";

let h: Harness;
harnessWithWorkers((started) => {
  h = started;
});

const HAE_NIGHT = "health-auto-export/irvinlim__marshal_test_unmarshal_sleep_phases_v6.6.2.json";

describe("a real Health Auto Export night (aggregated sleep_analysis, v6.6.2)", () => {
  it("counts the file's asleep minutes on the wake-up date at the file's +08:00, and a re-upload or push changes nothing", async () => {
    // The profile zone is UTC, so the +08:00 of the file decides the date: the night ends 08:39:12 +0800 on
    // 31 January (00:39 UTC). By hand from the file (hours × 60): core 3.2999999999999994 → 198, deep
    // 0.85833333333333339 → 51.5, rem 1.2583333333333333 → 75.5, asleep 0 → asleep 325 min; awake
    // 0.11666666666666667 → 7 min; inBed 8.1450109350019027 → 488.7 min (not sleep).
    const user = await h.createUser({ time_zone: "UTC" });
    const done = await uploadSettled(h, user, fixture(HAE_NIGHT));
    expect(done).toMatchObject({ status: "completed", skipped: {} });
    expect(done.counts).toMatchObject({
      sleep_core: { parsed: 1, inserted: 1 },
      sleep_deep: { parsed: 1, inserted: 1 },
      sleep_rem: { parsed: 1, inserted: 1 },
      sleep_awake: { parsed: 1, inserted: 1 },
      sleep_in_bed: { parsed: 1, inserted: 1 },
    });
    expect(await sleepMinutes(h, user, "2023-01-30", "2023-02-01")).toEqual([null, 325, null]);
    const night = await sleepOf(h, user, "2023-01-31");
    expect(night).toMatchObject({
      asleep_minutes: 325,
      in_bed_minutes: 488.7,
      start: "2023-01-31T00:23:47.000+08:00",
      end: "2023-01-31T08:39:12.000+08:00",
      stages_minutes: { core: 198, deep: 51.5, rem: 75.5, awake: 7, asleep_unspecified: 0, in_bed: 488.7 },
      sources: ["Irvin's iPhone|Irvin's Apple Watch"],
    });
    expect(await sleepOf(h, user, "2023-01-30")).toBeNull();

    // The same bytes answer with the same import, run again onto the same natural keys.
    const again = await uploadSettled(h, user, fixture(HAE_NIGHT));
    expect(again).toMatchObject({ id: done.id, status: "completed" });
    const pushed = await readJson<{ accepted: number; duplicate: number }>(
      await h.request("/v1/integrations/health-auto-export", {
        method: "POST",
        key: user.apiKey,
        json: JSON.parse(fixture(HAE_NIGHT).toString("utf8")),
      }),
    );
    expect(pushed).toMatchObject({ accepted: 0, duplicate: 5 });
    expect(await sleepRowCount(h, user.id)).toBe(5);
    expect(await sleepMinutes(h, user, "2023-01-30", "2023-02-01")).toEqual([null, 325, null]);

    const summary = await readJson(await h.request("/v1/summary?from=2023-01-30&to=2023-02-01", { key: user.apiKey }));
    expect(summary).toMatchObject({ sleep_nights: 1, mean_sleep_minutes: 325, nights_7h_or_more: 0 });
  });
});

describe("the same Health Auto Export night in both of the app's shapes", () => {
  // The real night (aggregated) and the same night as the app's unaggregated segments, from the same source: core
  // 198, deep 51.5, REM 75.5, awake 7 minutes between 00:23:47 and 08:39:12 +08:00, with a gap the app left unstaged.
  const source = "Irvin's iPhone|Irvin’s Apple Watch";
  const segments: [string, string, string][] = [
    ["Core", "00:23:47", "01:53:47"],
    ["Deep", "01:53:47", "02:45:17"],
    ["REM", "02:45:17", "03:30:17"],
    ["Awake", "03:30:17", "03:37:17"],
    ["Core", "03:37:17", "05:25:17"],
    ["REM", "08:08:42", "08:39:12"],
  ];
  const unaggregated = Buffer.from(
    JSON.stringify({
      data: {
        metrics: [
          {
            name: "sleep_analysis",
            units: "hr",
            data: segments.map(([value, start, end]) => ({
              startDate: `2023-01-31 ${start} +0800`,
              endDate: `2023-01-31 ${end} +0800`,
              value,
              source,
            })),
          },
        ],
      },
    }),
  );

  it("counts the night once, by its segments, whichever shape arrives first", async () => {
    for (const order of [
      [fixture(HAE_NIGHT), unaggregated],
      [unaggregated, fixture(HAE_NIGHT)],
    ]) {
      const user = await h.createUser({ time_zone: "UTC" });
      for (const file of order) expect(await uploadSettled(h, user, file)).toMatchObject({ status: "completed", rejected_records: [] });
      expect(await sleepRowCount(h, user.id)).toBe(11);
      expect(await sleepMinutes(h, user, "2023-01-30", "2023-02-01")).toEqual([null, 325, null]);
      expect(await sleepOf(h, user, "2023-01-31")).toMatchObject({
        asleep_minutes: 325,
        start: "2023-01-31T00:23:47.000+08:00",
        end: "2023-01-31T08:39:12.000+08:00",
        stages_minutes: { core: 198, deep: 51.5, rem: 75.5, awake: 7, asleep_unspecified: 0 },
        sources: ["Irvin's iPhone|Irvin's Apple Watch"],
      });
    }
  });
});

describe("a day whose only records are a night's sleep", () => {
  it("has an unknown burn and intake, as a day without data, and shows its sleep; a meal gives intake but no deficit", async () => {
    // A full profile: before, the recompute gave such a day Mifflin-St Jeor's 1,765 kcal as its burn under "no data".
    const user = await h.createUser({ time_zone: "UTC", sex: "male", birth_date: "1990-01-01", height_cm: 180, weight_kg: 80 });
    await uploadSettled(h, user, fixture(HAE_NIGHT));
    const days = await settledDays(h, user, "2023-01-30", "2023-02-01", (d) => d[1]?.computed_at !== null);
    for (const day of days) {
      expect(day, day.date).toMatchObject({ status: "no_data", basal_kcal: null, burned_kcal: null, burned_kcal_range: null, intake_kcal: null });
      expect(day.deficit_kcal, day.date).toBeNull();
    }
    expect(await sleepMinutes(h, user, "2023-01-30", "2023-02-01")).toEqual([null, 325, null]);
    const detail = await readJson<{ sources: { basal: string }; sleep: { asleep_minutes: number } }>(
      await h.request("/v1/days/2023-01-31", { key: user.apiKey }),
    );
    expect(detail).toMatchObject({ sources: { basal: "none" }, sleep: { asleep_minutes: 325 } });

    const meal = await h.request("/v1/intake", {
      method: "POST",
      key: user.apiKey,
      json: { consumed_at: "2023-01-31T12:00:00+08:00", energy_kcal: 1800 },
    });
    expect(meal.status).toBe(201);
    const [, day] = await settledDays(h, user, "2023-01-30", "2023-02-01", (d) => d[1]?.intake_kcal === 1800);
    expect(day).toMatchObject({ status: "no_data", intake_kcal: 1800, burned_kcal: null, deficit_kcal: null });
    const summary = await readJson<{ days_used: number; excluded: { date: string; reason: string }[] }>(
      await h.request("/v1/summary?from=2023-01-30&to=2023-02-01", { key: user.apiKey }),
    );
    expect(summary.days_used).toBe(0);
    expect(summary.excluded.map((e) => e.reason)).toEqual(["no wearable data", "no wearable data", "no wearable data"]);
  });
});

describe("an Apple Health night recorded by the watch and the phone", () => {
  it("counts the watch's stages where it slept and the phone only where the watch has nothing, at UTC-10", async () => {
    // The value as iOS exports write it, or a bare integer (4 = AsleepDeep) as some tools write it.
    const rec = (source: string, value: string, start: string, end: string) =>
      `<Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="${source}" value="${/^\d$/.test(value) ? value : `HKCategoryValueSleepAnalysis${value}`}" startDate="${start} -1000" endDate="${end} -1000"/>`;
    const records = [
      rec("Kai’s iPhone", "InBed", "2024-02-10 21:30:00", "2024-02-11 06:30:00"),
      rec("Kai’s iPhone", "Asleep", "2024-02-10 22:00:00", "2024-02-11 06:00:00"),
      rec("Kai’s Apple Watch", "AsleepCore", "2024-02-10 22:30:00", "2024-02-11 01:00:00"),
      rec("Kai’s Apple Watch", "AsleepDeep", "2024-02-11 01:00:00", "2024-02-11 02:00:00"),
      rec("Kai’s Apple Watch", "Awake", "2024-02-11 02:00:00", "2024-02-11 02:20:00"),
      rec("Kai’s Apple Watch", "AsleepREM", "2024-02-11 02:20:00", "2024-02-11 05:00:00"),
      rec("Kai’s Apple Watch", "4", "2024-02-11 05:00:00", "2024-02-11 05:30:00"),
    ];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_US">\n${records.join("\n")}\n</HealthData>\n`;
    const user = await h.createUser({ time_zone: "Europe/Berlin" });
    const done = await uploadSettled(h, user, Buffer.from(xml));
    expect(done).toMatchObject({ status: "completed", rejected_records: [] });
    // Watch 22:30-05:30: core 150 + deep 60 + 30 + REM 160 = 400 asleep, 20 awake (not sleep, though the phone
    // said asleep then). Phone "asleep" only outside the watch: 22:00-22:30 and 05:30-06:00 = 60. 460, not 880.
    expect(await sleepMinutes(h, user, "2024-02-10", "2024-02-11")).toEqual([null, 460]);
    const night = await sleepOf(h, user, "2024-02-11");
    expect(night).toMatchObject({ asleep_minutes: 460, in_bed_minutes: 540, stages_minutes: { awake: 20, deep: 90 } });
    expect(night?.sources.sort()).toEqual(["Kai’s Apple Watch", "Kai’s iPhone"]);
  });
});
