import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseAppleHealthXml } from "../../../src/formats/apple-health/parse-export-xml.js";
import type { ParseEvent } from "../../../src/formats/contract.js";
import { parseHealthAutoExport } from "../../../src/formats/health-auto-export/parse-hae.js";

const NOW_MS = Date.UTC(2026, 0, 1);

async function appleEvents(records: string[]): Promise<ParseEvent[]> {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_US">\n${records.join("\n")}\n</HealthData>\n`;
  const events: ParseEvent[] = [];
  for await (const e of parseAppleHealthXml(Readable.from([Buffer.from(xml)]), { nowMs: NOW_MS })) events.push(e);
  return events;
}

const sleepRecord = (value: string, start = "2024-03-09 23:00:00 -0800", end = "2024-03-10 00:30:00 -0800") =>
  `<Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Ann’s Apple\u00a0Watch" value="${value}" startDate="${start}" endDate="${end}"/>`;

const typesAndMinutes = (events: ParseEvent[]) => events.flatMap((e) => (e.kind === "sample" ? [[e.sample.type, e.sample.value]] : []));

describe("Apple Health sleep analysis, every iOS generation's values", () => {
  it("reads the enum names of iOS 8-15 and iOS 16+, each record's minutes being its span", async () => {
    const values = ["InBed", "Asleep", "AsleepUnspecified", "Awake", "AsleepCore", "AsleepDeep", "AsleepREM"];
    const events = await appleEvents(values.map((v) => sleepRecord(`HKCategoryValueSleepAnalysis${v}`)));
    expect(typesAndMinutes(events)).toEqual([
      ["sleep_in_bed", 90],
      ["sleep_asleep", 90],
      ["sleep_asleep", 90],
      ["sleep_awake", 90],
      ["sleep_core", 90],
      ["sleep_deep", 90],
      ["sleep_rem", 90],
    ]);
    const first = events[0];
    expect(first?.kind === "sample" && first.sample).toMatchObject({ utcOffsetMin: -480, source: { deviceType: "watch" } });
    expect(events.filter((e) => e.kind === "skipped")).toEqual([]);
  });

  it("reads the integer forms 0-5", async () => {
    const events = await appleEvents(["0", "1", "2", "3", "4", "5"].map((v) => sleepRecord(v)));
    expect(typesAndMinutes(events).map(([t]) => t)).toEqual(["sleep_in_bed", "sleep_asleep", "sleep_awake", "sleep_core", "sleep_deep", "sleep_rem"]);
  });

  it("rejects and counts an unknown stage and a record longer than a day, keeping the good ones", async () => {
    const events = await appleEvents([
      sleepRecord("HKCategoryValueSleepAnalysisDreaming"),
      sleepRecord("HKCategoryValueSleepAnalysisInBed", "2024-03-08 20:00:00 -0800", "2024-03-10 08:00:00 -0800"),
      sleepRecord("HKCategoryValueSleepAnalysisAsleepCore"),
    ]);
    expect(typesAndMinutes(events)).toEqual([["sleep_core", 90]]);
    expect(events.filter((e) => e.kind === "rejected").map((e) => e.kind === "rejected" && e.rejection.reason)).toEqual([
      'sleep value "HKCategoryValueSleepAnalysisDreaming" is not a known sleep stage',
      "sleep_in_bed value 2160 is outside the plausible range 0..1440",
    ]);
  });
});

describe("Health Auto Export sleep_analysis, unaggregated (one point per segment)", () => {
  it("maps each segment's stage name and takes its span as minutes", () => {
    const point = (value: string, startDate: string, endDate: string) => ({ startDate, endDate, value, qty: 0, source: "Ann’s Apple Watch" });
    const payload = {
      data: {
        metrics: [
          {
            name: "sleep_analysis",
            units: "hr",
            data: [
              point("In Bed", "2024-05-01 22:40:00 +1300", "2024-05-02 06:50:00 +1300"),
              point("Core", "2024-05-01 23:00:00 +1300", "2024-05-02 01:00:00 +1300"),
              point("Deep", "2024-05-02 01:00:00 +1300", "2024-05-02 01:45:00 +1300"),
              point("REM", "2024-05-02 01:45:00 +1300", "2024-05-02 02:30:00 +1300"),
              point("Awake", "2024-05-02 02:30:00 +1300", "2024-05-02 02:35:00 +1300"),
              point("Asleep", "2024-05-02 02:35:00 +1300", "2024-05-02 06:35:00 +1300"),
              point("Snoring", "2024-05-02 02:35:00 +1300", "2024-05-02 06:35:00 +1300"),
            ],
          },
        ],
      },
    };
    const events = Array.from(parseHealthAutoExport(payload, { nowMs: NOW_MS }));
    expect(typesAndMinutes(events)).toEqual([
      ["sleep_in_bed", 490],
      ["sleep_core", 120],
      ["sleep_deep", 45],
      ["sleep_rem", 45],
      ["sleep_awake", 5],
      ["sleep_asleep", 240],
    ]);
    expect(events.at(-1)).toEqual({
      kind: "rejected",
      rejection: { where: "data.metrics[0].data[6]", reason: '"Snoring" is not a known sleep stage.', recordType: "sleep_analysis" },
    });
  });

  it("reads an aggregated night with inBedStart/inBedEnd and only totalSleep", () => {
    const night = {
      date: "2024-05-02 00:00:00 -1000",
      totalSleep: 7.5,
      inBed: 8,
      sleepStart: "2024-05-01 22:30:00 -1000",
      sleepEnd: "2024-05-02 06:30:00 -1000",
      inBedStart: "2024-05-01 22:15:00 -1000",
      inBedEnd: "2024-05-02 06:45:00 -1000",
      source: "Ann’s iPhone",
    };
    const events = Array.from(
      parseHealthAutoExport({ data: { metrics: [{ name: "sleep_analysis", units: "hr", data: [night] }] } }, { nowMs: NOW_MS }),
    );
    expect(events.map((e) => e.kind === "sample" && [e.sample.type, e.sample.value, new Date(e.sample.startMs).toISOString()])).toEqual([
      ["sleep_asleep", 450, "2024-05-02T08:30:00.000Z"],
      ["sleep_in_bed", 480, "2024-05-02T08:15:00.000Z"],
    ]);
  });
});
