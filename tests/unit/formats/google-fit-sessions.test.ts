import { describe, expect, it } from "vitest";
import { sessionFileEvents } from "../../../src/formats/google-fit/parse-sessions.js";

const NOW_MS = Date.UTC(2026, 0, 1);

function events(session: object) {
  return sessionFileEvents("session.json", Buffer.from(JSON.stringify(session)), { nowMs: NOW_MS }).events;
}

describe("Google Fit sleep sessions", () => {
  it("a night with sleep.* segments: time in bed over the session, each segment a stage of its own minutes", () => {
    const found = events({
      fitnessActivity: "sleep",
      startTime: "2024-05-04T23:40:00.000+02:00",
      endTime: "2024-05-05T00:40:00.000+02:00",
      segment: [
        { fitnessActivity: "sleep.light", startTime: "2024-05-04T21:40:00.000Z", endTime: "2024-05-04T22:05:00.000Z" },
        { fitnessActivity: "sleep.deep", startTime: "2024-05-04T22:05:00.000Z", endTime: "2024-05-04T22:30:00.000Z" },
        { fitnessActivity: "sleep.awake", startTime: "2024-05-04T22:30:00.000Z", endTime: "2024-05-04T22:40:00.000Z" },
        { fitnessActivity: "walking", startTime: "2024-05-04T22:30:00.000Z", endTime: "2024-05-04T22:40:00.000Z" },
      ],
    });
    expect(found.map((e) => (e.kind === "sample" ? [e.sample.type, e.sample.value, e.sample.utcOffsetMin] : e.kind))).toEqual([
      ["sleep_in_bed", 60, 120],
      ["sleep_core", 25, 120],
      ["sleep_deep", 25, 120],
      ["sleep_awake", 10, 120],
    ]);
  });

  it("still and in-vehicle sessions are counted, not read", () => {
    expect(events({ fitnessActivity: "in_vehicle", startTime: "2024-05-04T08:00:00Z", endTime: "2024-05-04T08:30:00Z" })).toEqual([
      { kind: "skipped", recordType: "google_fit_in_vehicle_session", count: 1 },
    ]);
  });
});
