import { describe, expect, it } from "vitest";
import { DETAIL_MIN_SHARE, oneGrainPerNight } from "../../../../src/domain/sleep/sleep-records.js";
import type { SleepStageType } from "../../../../src/lib/vocabulary.js";

const T0 = Date.parse("2026-03-02T23:00:00Z");
const MIN = 60_000;

/** A stage record from minute `from` to minute `to` after 23:00; its value is its span unless given. */
const rec = (type: SleepStageType, from: number, to: number, value = to - from) => ({ type, startMs: T0 + from * MIN, endMs: T0 + to * MIN, value });
function minutes(rows: readonly { type: SleepStageType; value: number }[]): Record<string, number> {
  const byType: Record<string, number> = {};
  for (const r of rows) byType[r.type] = (byType[r.type] ?? 0) + r.value;
  return byType;
}

// One night of 480 minutes as segments: core 200, deep 100, REM 140, awake 40.
const SEGMENTS = [
  rec("sleep_core", 0, 120),
  rec("sleep_deep", 120, 220),
  rec("sleep_awake", 220, 260),
  rec("sleep_rem", 260, 400),
  rec("sleep_core", 400, 480),
];
// The same night as totals, each stage spread over the night (Health Auto Export's aggregated shape).
const TOTALS = [rec("sleep_core", 0, 480, 200), rec("sleep_deep", 0, 480, 100), rec("sleep_rem", 0, 480, 140), rec("sleep_awake", 0, 480, 40)];

describe("one source's night in two grains", () => {
  it("counts the segments, not the night's totals beside them, in either order", () => {
    const expected = { sleep_core: 200, sleep_deep: 100, sleep_rem: 140, sleep_awake: 40 };
    expect(minutes(oneGrainPerNight([...TOTALS, ...SEGMENTS]))).toEqual(expected);
    expect(minutes(oneGrainPerNight([...SEGMENTS].reverse().concat(TOTALS)))).toEqual(expected);
    expect(oneGrainPerNight([...TOTALS, ...SEGMENTS])).toHaveLength(SEGMENTS.length);
  });

  it("counts a session's stages, not the session's asleep over them (Samsung's two CSVs)", () => {
    const session = rec("sleep_asleep", 0, 480);
    expect(minutes(oneGrainPerNight([session, ...SEGMENTS]))).toEqual({ sleep_core: 200, sleep_deep: 100, sleep_rem: 140, sleep_awake: 40 });
    // A nap of the same source outside the night is a record of its own.
    const nap = rec("sleep_asleep", 900, 930);
    expect(minutes(oneGrainPerNight([session, nap, ...SEGMENTS])).sleep_asleep).toBe(30);
  });

  it("keeps the night's totals when the segments cover clearly less of it, and drops the segments inside it", () => {
    const firstHalf = SEGMENTS.slice(0, 3); // 260 of the night's 480 minutes
    expect(260 / 480).toBeLessThan(DETAIL_MIN_SHARE);
    const kept = oneGrainPerNight([...TOTALS, ...firstHalf, rec("sleep_core", 470, 500)]);
    // The totals count whole; a segment reaching past the night keeps only its part outside it.
    expect(minutes(kept)).toEqual({ sleep_core: 220, sleep_deep: 100, sleep_rem: 140, sleep_awake: 40 });
  });

  it("leaves a stage with short wakes written inside it alone (Fitbit: the stage's value already excludes them)", () => {
    const light = rec("sleep_core", 0, 30, 27.5);
    const wakes = [rec("sleep_awake", 10, 12), rec("sleep_awake", 20, 20.5)];
    expect(oneGrainPerNight([light, ...wakes])).toEqual([light, ...wakes]);
  });

  it("changes nothing for a night in one grain, totals or segments", () => {
    expect(oneGrainPerNight(TOTALS)).toEqual(TOTALS);
    expect(oneGrainPerNight(SEGMENTS)).toEqual(SEGMENTS);
  });
});
