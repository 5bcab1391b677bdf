import { describe, expect, it } from "vitest";
import {
  HEADER_RECORD_TOLERANCE_MS,
  MAX_RECORD_GAP_MS,
  recordSpan,
  repairTimes,
  resolveSessionWindow,
} from "../../../src/formats/fit/fit-session-window.js";

const T0 = Date.UTC(2011, 8, 25, 13, 0, 22);
const SPAN = { firstMs: T0, lastMs: T0 + 12_691_000 };

describe("repairTimes: timer time is part of elapsed time", () => {
  it("swaps a timer longer than the elapsed time (the real NK file: 21680 s timer in 2839.6 s elapsed)", () => {
    expect(repairTimes(2839.6, 21680)).toEqual({ elapsedSec: 21680, timerSec: 2839.6 });
  });

  it("leaves consistent or nearly equal values, and drops negative or non-finite ones", () => {
    expect(repairTimes(12691.28, 10641.06)).toEqual({ elapsedSec: 12691.28, timerSec: 10641.06 });
    expect(repairTimes(100, 100 + HEADER_RECORD_TOLERANCE_MS / 1000)).toEqual({ elapsedSec: 100, timerSec: 160 });
    expect(repairTimes(-1, Number.NaN)).toEqual({ elapsedSec: null, timerSec: null });
  });
});

describe("resolveSessionWindow: where the header disagrees with the records, the records decide", () => {
  it("keeps a consistent header", () => {
    const window = resolveSessionWindow({ startMs: T0 - 1000, elapsedSec: 12691.28, timerSec: 10641.06 }, SPAN);
    expect(window).toMatchObject({ startMs: T0 - 1000, startFrom: "header", elapsedSec: 12691.28, timerSec: 10641.06 });
    expect(window?.endMs).toBe(Math.max(T0 - 1000 + 12_691_280, SPAN.lastMs));
  });

  it("a start_time after the records begin is wrong: the first record is the start", () => {
    const window = resolveSessionWindow({ startMs: T0 + 4 * 3_600_000, elapsedSec: 10641.06, timerSec: 12691.28 }, SPAN);
    expect(window).toMatchObject({ startMs: T0, startFrom: "records", elapsedSec: 12691.28, timerSec: 10641.06 });
    expect(window?.endMs).toBe(T0 + 12_691_280);
  });

  it("a start_time a day early whose elapsed time never reaches the records is wrong too", () => {
    const window = resolveSessionWindow({ startMs: T0 - 86_400_000, elapsedSec: 12691.28, timerSec: null }, SPAN);
    expect(window).toMatchObject({ startMs: T0, startFrom: "records" });
  });

  it("an elapsed time that ends before the records do is extended to the last record", () => {
    const window = resolveSessionWindow({ startMs: T0, elapsedSec: 600, timerSec: 600 }, SPAN);
    expect(window?.endMs).toBe(SPAN.lastMs);
  });

  it("without a header start the records give the window; without either there is none", () => {
    expect(resolveSessionWindow({ startMs: null, elapsedSec: null, timerSec: null }, SPAN)).toMatchObject({
      startMs: SPAN.firstMs,
      endMs: SPAN.lastMs,
      startFrom: "records",
    });
    expect(resolveSessionWindow({ startMs: null, elapsedSec: 60, timerSec: 60 }, null)).toBeNull();
    expect(resolveSessionWindow({ startMs: T0, elapsedSec: 60, timerSec: 60 }, null)).toMatchObject({ startMs: T0, endMs: T0 + 60_000 });
  });
});

describe("recordSpan: the records' main run", () => {
  it("ignores a last record stamped decades away (a truncated file)", () => {
    const times = [T0, T0 + 1000, T0 + 2000, Date.UTC(2085, 11, 21)];
    expect(recordSpan(times)).toEqual({ firstMs: T0, lastMs: T0 + 2000 });
  });

  it("keeps pauses shorter than a day inside the run", () => {
    const times = [T0, T0 + MAX_RECORD_GAP_MS, T0 + MAX_RECORD_GAP_MS + 1000];
    expect(recordSpan(times)).toEqual({ firstMs: T0, lastMs: T0 + MAX_RECORD_GAP_MS + 1000 });
    expect(recordSpan([])).toBeNull();
  });
});
