import { describe, expect, it } from "vitest";
import { createRankOf } from "../../../../src/domain/samples/source-priority.js";
import { RECOMMENDED_SLEEP_MIN, sleepDays, sleepSessions, sleepSummary } from "../../../../src/domain/sleep/sleep-nights.js";
import type { SleepSampleRow } from "../../../../src/domain/sleep/sleep-stages.js";
import type { DeviceType, SleepStageType } from "../../../../src/lib/vocabulary.js";

const DEVICE: Record<string, DeviceType> = { watch: "watch", phone: "phone", ring: "ring" };
const rankOf = createRankOf({ deviceTypeOf: (id) => DEVICE[id] ?? null });

/** A stage segment written in wall time at `offset` ("+13:00"); its value is its span in minutes. */
function seg(type: SleepStageType, sourceId: string, start: string, end: string, offset: string): SleepSampleRow {
  const startMs = Date.parse(`${start}${offset}`);
  const endMs = Date.parse(`${end}${offset}`);
  const sign = offset.startsWith("-") ? -1 : 1;
  const [h = 0, m = 0] = offset.slice(1).split(":").map(Number);
  return { type, sourceId, startMs, endMs, value: (endMs - startMs) / 60_000, utcOffsetMin: sign * (h * 60 + m) };
}

describe("sleep per night", () => {
  it("counts asleep stages, shows in bed and awake apart, and dates the night by its wake-up morning", () => {
    const rows = [
      seg("sleep_in_bed", "watch", "2026-03-02T22:30:00", "2026-03-03T07:00:00", "+01:00"),
      seg("sleep_core", "watch", "2026-03-02T23:00:00", "2026-03-03T01:00:00", "+01:00"),
      seg("sleep_deep", "watch", "2026-03-03T01:00:00", "2026-03-03T02:30:00", "+01:00"),
      seg("sleep_awake", "watch", "2026-03-03T02:30:00", "2026-03-03T02:45:00", "+01:00"),
      seg("sleep_rem", "watch", "2026-03-03T02:45:00", "2026-03-03T04:00:00", "+01:00"),
      seg("sleep_core", "watch", "2026-03-03T04:00:00", "2026-03-03T06:40:00", "+01:00"),
    ];
    const day = sleepDays(rows, rankOf).get("2026-03-03");
    // core 120 + 160, deep 90, rem 75 = 445 asleep; awake 15 and in bed 510 are not sleep.
    expect(day?.asleepMin).toBe(445);
    expect(day?.inBedMin).toBe(510);
    expect(day?.sessions[0]?.stagesMin).toEqual({
      sleep_in_bed: 510,
      sleep_asleep: 0,
      sleep_core: 280,
      sleep_deep: 90,
      sleep_rem: 75,
      sleep_awake: 15,
    });
    expect(sleepDays(rows, rankOf).has("2026-03-02")).toBe(false);
  });

  it("counts a night only once when the watch and the phone both recorded it: the watch's stages win where it slept", () => {
    const rows = [
      seg("sleep_asleep", "phone", "2026-05-10T23:00:00", "2026-05-11T07:00:00", "+02:00"),
      seg("sleep_core", "watch", "2026-05-10T23:30:00", "2026-05-11T03:00:00", "+02:00"),
      seg("sleep_awake", "watch", "2026-05-11T03:00:00", "2026-05-11T03:30:00", "+02:00"),
      seg("sleep_rem", "watch", "2026-05-11T03:30:00", "2026-05-11T06:30:00", "+02:00"),
    ];
    const day = sleepDays(rows, rankOf).get("2026-05-11");
    // Watch: core 210 + rem 180 (its 30 awake minutes are not sleep, even though the phone said asleep then);
    // the phone counts only where the watch has nothing: 23:00-23:30 and 06:30-07:00 = 60. Not 480 + 390.
    expect(day?.asleepMin).toBe(450);
    expect(day?.sessions[0]?.sourceIds.sort()).toEqual(["phone", "watch"]);
  });

  it("keeps in-bed-only nights (old iPhone Bedtime) as unknown sleep, never 0", () => {
    const rows = [seg("sleep_in_bed", "phone", "2017-09-22T23:10:00", "2017-09-23T06:55:00", "-08:00")];
    const day = sleepDays(rows, rankOf).get("2017-09-23");
    expect(day?.asleepMin).toBeNull();
    expect(day?.inBedMin).toBe(465);
    expect(sleepSummary([day?.asleepMin ?? null])).toEqual({ nights: 0, meanAsleepMin: null, nightsReachingRecommended: 0 });
  });

  it("keeps a night whole across the spring-forward change and dates it by the offset it ends at", () => {
    // Europe/Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST; the night is 7 h of real time.
    const rows = [
      seg("sleep_core", "watch", "2026-03-28T23:00:00", "2026-03-29T01:30:00", "+01:00"),
      seg("sleep_deep", "watch", "2026-03-29T01:30:00", "2026-03-29T03:00:00", "+01:00"),
      seg("sleep_rem", "watch", "2026-03-29T04:00:00", "2026-03-29T07:00:00", "+02:00"),
    ];
    const [night, ...rest] = sleepSessions(rows, rankOf);
    expect(rest).toEqual([]);
    expect(night?.asleepMin).toBe(420);
    expect(night?.localDate).toBe("2026-03-29");
    expect(night?.utcOffsetMin).toBe(120);
  });

  it("keeps a night whole across the fall-back change (the repeated hour is slept once, counted once)", () => {
    // America/New_York, 1 November 2026: 02:00 EDT becomes 01:00 EST. 22:00 EDT to 01:30 EDT (05:30 UTC) is 210
    // min, 00:30 EST (05:30 UTC) to 06:00 EST is 330: 540 min, though the wall clock says 22:00 to 06:00 (480).
    const rows = [
      seg("sleep_asleep", "watch", "2026-10-31T22:00:00", "2026-11-01T01:30:00", "-04:00"),
      seg("sleep_asleep", "watch", "2026-11-01T00:30:00", "2026-11-01T06:00:00", "-05:00"),
    ];
    const day = sleepDays(rows, rankOf).get("2026-11-01");
    expect(day?.asleepMin).toBe(540);
  });

  it("dates by the record's own offset at UTC+13 and UTC-10, where the UTC dates differ", () => {
    // Apia (UTC+13): ends 06:30 local on 15 Jan, which is still 14 Jan in UTC.
    const apia = [seg("sleep_core", "watch", "2026-01-14T22:30:00", "2026-01-15T06:30:00", "+13:00")];
    expect([...sleepDays(apia, rankOf).keys()]).toEqual(["2026-01-15"]);
    expect(new Date(apia[0]?.endMs ?? 0).toISOString().slice(0, 10)).toBe("2026-01-14");
    // Honolulu (UTC-10): ends 07:00 local on 15 Jan, which is 17:00 UTC; starts 21:00 on 14 Jan = 07:00 UTC 15 Jan.
    const honolulu = [seg("sleep_core", "watch", "2026-01-14T21:00:00", "2026-01-15T07:00:00", "-10:00")];
    const day = sleepDays(honolulu, rankOf).get("2026-01-15");
    expect(day?.asleepMin).toBe(600);
  });

  it("adds a nap to the day it ends on, next to that morning's night, and names the night the main session", () => {
    const rows = [
      seg("sleep_core", "watch", "2026-06-01T23:00:00", "2026-06-02T06:00:00", "+00:00"),
      seg("sleep_asleep", "watch", "2026-06-02T14:00:00", "2026-06-02T14:40:00", "+00:00"),
    ];
    const day = sleepDays(rows, rankOf).get("2026-06-02");
    expect(day?.sessions).toHaveLength(2);
    expect(day?.asleepMin).toBe(460);
    expect(day?.mainSessionIndex).toBe(0);
  });

  it("joins pieces less than the session gap apart and splits at the gap", () => {
    const joined = [
      seg("sleep_core", "watch", "2026-06-01T23:00:00", "2026-06-02T02:00:00", "+00:00"),
      seg("sleep_core", "watch", "2026-06-02T02:59:00", "2026-06-02T06:00:00", "+00:00"),
    ];
    expect(sleepSessions(joined, rankOf)).toHaveLength(1);
    const split = [
      seg("sleep_core", "watch", "2026-06-01T23:00:00", "2026-06-02T02:00:00", "+00:00"),
      seg("sleep_core", "watch", "2026-06-02T03:00:00", "2026-06-02T06:00:00", "+00:00"),
    ];
    expect(sleepSessions(split, rankOf)).toHaveLength(2);
  });

  it("spreads an aggregated night's stage totals over the night and adds them (one source, overlapping stages)", () => {
    // Health Auto Export's aggregated point: every stage spans sleepStart..sleepEnd with its total as value.
    const base = seg("sleep_core", "app", "2023-01-31T00:23:47", "2023-01-31T08:39:12", "+08:00");
    const rows: SleepSampleRow[] = [
      { ...base, value: 198 },
      { ...base, type: "sleep_deep", value: 51.5 },
      { ...base, type: "sleep_rem", value: 75.5 },
      { ...base, type: "sleep_awake", value: 7 },
    ];
    expect(sleepDays(rows, rankOf).get("2023-01-31")?.asleepMin).toBeCloseTo(325, 9);
  });

  it("counts the 7 h nights of the AASM/SRS recommendation and the mean of known nights only", () => {
    expect(RECOMMENDED_SLEEP_MIN).toBe(420);
    expect(sleepSummary([420, 419.9, null, 480])).toEqual({ nights: 3, meanAsleepMin: (420 + 419.9 + 480) / 3, nightsReachingRecommended: 2 });
  });
});
