import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ParsedWorkout, ParseEvent } from "../../../src/formats/contract.js";
import { ParseError } from "../../../src/formats/contract.js";
import { decodeFit } from "../../../src/formats/fit/fit-decode.js";
import { parseFit } from "../../../src/formats/fit/parse-fit.js";
import { parseGpx } from "../../../src/formats/gpx/parse-gpx.js";
import { PATCHED_FIXTURES } from "../../helpers/fixture-patches.js";

const NOW_MS = Date.UTC(2026, 0, 1);
const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url));
const INVERTED = "fit/patched__garmin-edge-500-inverted-session-times.fit";

function onlyWorkout(events: ParseEvent[]): ParsedWorkout {
  const found = events.flatMap((e) => (e.kind === "workout" ? [e.workout] : []));
  expect(found).toHaveLength(1);
  const [workout] = found;
  if (!workout) throw new Error("no workout");
  return workout;
}

describe("the patched fixtures are exactly what the documented patches produce", () => {
  for (const [path, make] of Object.entries(PATCHED_FIXTURES)) {
    it(path, () => expect(make().equals(fixture(path))).toBe(true));
  }
});

describe("FIT with an inverted session header keeps its heart rate (edge-500, 10,686 real records)", () => {
  it("the patch broke the header and nothing else", () => {
    const original = decodeFit(fixture("fit/pyfitparse__garmin-edge-500-activity.fit"));
    const patched = decodeFit(fixture(INVERTED));
    const [before] = original.sessions;
    const [after] = patched.sessions;
    expect(after?.start_time?.getTime()).toBe((before?.start_time?.getTime() ?? 0) + 4 * 3_600_000);
    expect([after?.total_elapsed_time, after?.total_timer_time]).toEqual([before?.total_timer_time, before?.total_elapsed_time]);
    expect(after?.total_timer_time).toBeGreaterThan(after?.total_elapsed_time ?? Infinity);
    expect(patched.records).toEqual(original.records);
    expect(patched.damage).toEqual([]);
  });

  it("takes the start from the records and un-swaps timer and elapsed time", () => {
    const workout = onlyWorkout(parseFit(fixture(INVERTED), { nowMs: NOW_MS }));
    // The header now says 17:00:21, four hours after the ride began; the first record is at 13:00:22.
    expect(workout.startMs).toBe(Date.UTC(2011, 8, 25, 13, 0, 22));
    expect(workout.endMs).toBe(Date.UTC(2011, 8, 25, 13, 0, 22) + 12_691_280);
    expect(workout.durationSec).toBeCloseTo(10641.06, 2);
    expect(workout.provenance.durationSec).toBe("device");
  });

  it("keeps all 10,671 heart-rate readings (10,686 records, 15 repeated timestamps) and the device's totals", () => {
    const workout = onlyWorkout(parseFit(fixture(INVERTED), { nowMs: NOW_MS }));
    expect(workout.heartRate).toHaveLength(10671);
    expect(workout.pointsDropped).toEqual({ heartRate: 0, speed: 0, power: 0 });
    expect(workout).toMatchObject({ avgHrBpm: 162, maxHrBpm: 189, activeEnergyKcal: 1954, distanceM: 92622.34 });
    const intact = onlyWorkout(parseFit(fixture("fit/pyfitparse__garmin-edge-500-activity.fit"), { nowMs: NOW_MS }));
    expect(workout.heartRate).toEqual(intact.heartRate);
  });
});

describe("FIT: a device file without a single record is NO_DATA, not invalid", () => {
  it("says what the file is and that it holds no activity record", () => {
    let error: unknown;
    try {
      parseFit(fixture("fit/patched__garmin-fenix-5-run-no-records.fit"), { nowMs: NOW_MS });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({
      code: "NO_DATA",
      message: 'This FIT file is an activity file (FIT file type "activity") and has 0 activity records and no session.',
    });
  });
});

describe("GPX with heart-rate dropouts (togeojson's run_gpxtpx, 6 readings patched)", () => {
  it("keeps the track and 36 of its 42 readings; the 5 zeros and the 255 are counted", async () => {
    const events: ParseEvent[] = [];
    for await (const event of parseGpx(fixture("gpx/patched__togeojson-run_gpxtpx-hr-dropouts.gpx"), { nowMs: NOW_MS })) events.push(event);
    const workout = onlyWorkout(events);
    expect(events).toHaveLength(1);
    expect(workout.heartRate).toHaveLength(36);
    expect(workout.pointsDropped).toEqual({ heartRate: 6, speed: 0, power: 0 });
    const bpm = workout.heartRate.map((p) => p.bpm);
    expect([Math.min(...bpm), Math.max(...bpm)]).toEqual([111, 152]);
    expect(workout.avgHrBpm).toBeCloseTo(bpm.reduce((sum, b) => sum + b, 0) / 36, 9);
    expect(workout.provenance.avgHrBpm).toBe("samples");
  });
});
