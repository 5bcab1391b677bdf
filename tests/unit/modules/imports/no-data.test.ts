import { describe, expect, it } from "vitest";
import { noDataMessage, recordLabel } from "../../../../src/modules/imports/no-data.js";

describe("noDataMessage: a file with nothing to import says what it held", () => {
  it("names the skipped types of an Apple export, most numerous first", () => {
    const message = noDataMessage({
      format: "apple_health_zip",
      skipped: { HKQuantityTypeIdentifierFlightsClimbed: 30, HKCategoryTypeIdentifierSleepAnalysis: 120 },
      rejectedByType: new Map(),
      partialReason: null,
    });
    expect(message).toBe(
      "This Apple Health export holds 120 sleep analysis records and 30 flights climbed records, none of which wearsync reads yet; nothing was imported.",
    );
  });

  it("counts rejected records and keeps the damage note", () => {
    const message = noDataMessage({
      format: "gpx",
      skipped: { wpt: 1 },
      rejectedByType: new Map([["trk", 3]]),
      partialReason: "The GPX file ends abruptly at line 9.",
    });
    expect(message).toBe(
      "This GPX file holds 1 waypoint record, none of which wearsync reads yet, and 3 records that could not be used (see rejected_records); nothing was imported. The GPX file ends abruptly at line 9.",
    );
  });

  it("says so when the file held nothing at all, and lists at most five types", () => {
    expect(noDataMessage({ format: "tcx", skipped: {}, rejectedByType: new Map(), partialReason: null })).toBe(
      "This TCX file holds no records at all; nothing was imported.",
    );
    const skipped = Object.fromEntries(["a", "b", "c", "d", "e", "f", "g"].map((name, i) => [name, 10 - i]));
    const many = noDataMessage({ format: "health_auto_export_json", skipped, rejectedByType: new Map(), partialReason: null });
    expect(many).toContain("6 e records and 2 more record types, none of which");
  });

  it("turns HealthKit and snake_case names into words", () => {
    expect(recordLabel("HKCategoryTypeIdentifierSleepAnalysis")).toBe("sleep analysis");
    expect(recordLabel("HKCorrelationTypeIdentifierBloodPressure")).toBe("blood pressure");
    expect(recordLabel("sleep_analysis")).toBe("sleep analysis");
    expect(recordLabel("ActivitySummary")).toBe("activity ring summary");
  });
});
