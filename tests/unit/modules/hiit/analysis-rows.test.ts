import { describe, expect, it } from "vitest";
import { detectHiit, METHOD_VERSION } from "../../../../src/domain/hiit/detector.js";
import { analysisRows, bandSecondsBetween } from "../../../../src/modules/hiit/analysis-rows.js";
import { presentIntensityMinutes, presentInterval } from "../../../../src/modules/hiit/hiit.presenters.js";
import { repeatPhases, syntheticHeartRate, withWarmUpAndCoolDown } from "../../../helpers/synthetic-hr.js";

// 23:00 UTC = 00:00 the next day at +01:00: the session's local date must follow the offset.
const START_MS = Date.parse("2026-11-19T23:00:00Z");
const hr = syntheticHeartRate(
  withWarmUpAndCoolDown(
    repeatPhases(10, [
      { durationSec: 60, targetBpm: 178 },
      { durationSec: 60, targetBpm: 115 },
    ]),
  ),
  START_MS,
);

function rows() {
  let n = 0;
  return analysisRows(detectHiit(hr, { maxHrBpm: 185 }), hr, {
    userId: "usr_0000000000",
    workoutId: "wkt_0000000000",
    localDate: "2026-11-20",
    maxHrSource: "profile",
    utcOffsetMinAt: () => 60,
    analyzedAt: new Date(START_MS),
    newId: () => {
      n += 1;
      return `hiit_${String(n).padStart(10, "0")}`;
    },
  });
}

describe("detector result → stored rows", () => {
  it("one analysis, one session with 10 intervals in order, linked by ids", () => {
    const write = rows();
    expect(write.analysis).toMatchObject({
      id: "hiit_0000000001",
      isHiit: true,
      hrMaxBpm: 185,
      hrMaxSource: "profile",
      thresholdBpm: 157.25,
      methodVersion: METHOD_VERSION,
    });
    expect(write.sessions).toHaveLength(1);
    const [first] = write.sessions;
    expect(first?.session).toMatchObject({ analysisId: "hiit_0000000001", bouts: 10, utcOffsetMin: 60, localDate: "2026-11-20" });
    expect(first?.intervals.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(first?.intervals[0]?.startAt.getTime()).toBe(START_MS + 321_000);
  });

  it("session band seconds cover exactly the session's smoothed seconds", () => {
    const session = rows().sessions[0]?.session;
    const seconds = Object.values(session?.bandSeconds ?? {}).reduce((a, b) => a + b, 0);
    expect(seconds).toBe(((session?.endAt.getTime() ?? 0) - (session?.startAt.getTime() ?? 0)) / 1000);
    expect(bandSecondsBetween(hr, START_MS, START_MS, 185)).toMatchObject({ light: 0, vigorous: 0 });
  });
});

describe("presenters", () => {
  it("an interval without heart rate (power bout stored as NaN) answers null; times carry the local offset", () => {
    const interval = {
      sessionId: "s",
      position: 0,
      startAt: new Date(START_MS),
      endAt: new Date(START_MS + 20_000),
      peakBpm: Number.NaN,
      meanBpm: 150.04,
    };
    expect(presentInterval(interval, 60)).toEqual({
      start: "2026-11-20T00:00:00.000+01:00",
      end: "2026-11-20T00:00:20.000+01:00",
      peak_bpm: null,
      mean_bpm: 150,
    });
  });

  it("intensity minutes per ACSM band, snake_case keys, missing bands are 0", () => {
    expect(presentIntensityMinutes({ moderate: 90, vigorous: 1200 })).toEqual({
      very_light: 0,
      light: 0,
      moderate: 1.5,
      vigorous: 20,
      near_maximal: 0,
    });
  });
});
