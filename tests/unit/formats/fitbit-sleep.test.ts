import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { sleepDays } from "../../../src/domain/sleep/sleep-nights.js";
import type { ParsedSample, ParseEvent } from "../../../src/formats/contract.js";
import { detectFormat } from "../../../src/formats/detect.js";
import { parseFitbit } from "../../../src/formats/fitbit/parse-fitbit.js";
import { SLEEP_STAGE_TYPES } from "../../../src/lib/vocabulary.js";

const NOW_MS = Date.UTC(2026, 0, 1);
const OPTS = { nowMs: NOW_MS, timeZone: "America/New_York" };
const FILE = "synthetic__sleep-2024-03-18.json";
const bytes = readFileSync(new URL(`../../fixtures/fitbit/${FILE}`, import.meta.url));

/** The file read as an upload is: streamed in chunks. */
async function parse(name: string, buf: Buffer): Promise<ParseEvent[]> {
  async function* chunks() {
    for (let i = 0; i < buf.length; i += 4096) yield buf.subarray(i, i + 4096);
  }
  const events: ParseEvent[] = [];
  for await (const event of parseFitbit(name, chunks(), OPTS)) events.push(event);
  return events;
}

const samples = (events: ParseEvent[]): ParsedSample[] => events.flatMap((e) => (e.kind === "sample" ? [e.sample] : []));

function minutesBy(found: ParsedSample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of found) out[s.type] = (out[s.type] ?? 0) + s.value;
  return out;
}

describe("Fitbit sleep logs (sleep-YYYY-MM-DD.json)", () => {
  let events: ParseEvent[] = [];
  let found: ParsedSample[] = [];
  beforeAll(async () => {
    events = await parse(`Takeout/Fitbit/Global Export Data/sleep-2024-03-18.json`, bytes);
    found = samples(events);
  });

  it("a stages night: each segment less the short wakes inside it, the short wakes as awake", () => {
    // By hand from the file's levels: light 60+40+90+60 = 250 min less short wakes 1 (00:05) and 2.5 (03:10:30)
    // = 246.5; deep 45+30 = 75 less 0.5 (00:50) = 74.5; rem 30+60 = 90 less 1.5 (04:45) = 88.5: asleep 409.5
    // (Fitbit's minutesAsleep says 409). Awake: wake segments 10+15+10 plus the four short wakes 5.5 = 40.5.
    const night = found.filter((s) => s.startMs < Date.UTC(2024, 2, 19, 12));
    expect(minutesBy(night)).toEqual({ sleep_core: 246.5, sleep_deep: 74.5, sleep_rem: 88.5, sleep_awake: 40.5 });
    // 23:10 on 18 March in New York is EDT (UTC-4): 03:10 UTC on the 19th.
    expect(Math.min(...night.map((s) => s.startMs))).toBe(Date.UTC(2024, 2, 19, 3, 10));
    expect(Math.max(...night.map((s) => s.endMs))).toBe(Date.UTC(2024, 2, 19, 10, 40));
    expect(night.every((s) => s.utcOffsetMin === -240 && s.source.name === "Fitbit")).toBe(true);
  });

  it("a classic nap: asleep counts, restless and awake are awake", () => {
    // 14:00 awake 5 min, 14:05 asleep 30, 14:35 restless 4, 14:39 asleep 11: asleep 41 (its minutesAsleep), awake 9.
    const nap = found.filter((s) => s.startMs >= Date.UTC(2024, 2, 19, 12));
    expect(minutesBy(nap)).toEqual({ sleep_asleep: 41, sleep_awake: 9 });
  });

  it("the domain makes the file's night and nap one day: 409.5 + 41 asleep minutes on 19 March", () => {
    const rows = found.flatMap((s) => {
      const type = SLEEP_STAGE_TYPES.find((t) => t === s.type);
      return type ? [{ ...s, type, sourceId: "fitbit", utcOffsetMin: s.utcOffsetMin ?? 0 }] : [];
    });
    const day = sleepDays(rows, () => 0).get("2024-03-19");
    expect(day?.asleepMin).toBe(450.5);
    expect(day?.sessions.map((s) => [s.asleepMin, s.stagesMin.sleep_awake])).toEqual([
      [409.5, 40.5],
      [41, 9],
    ]);
  });

  it("a log without endTime or levels is one rejection naming it; the rest is read", () => {
    const rejected = events.filter((e) => e.kind === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ rejection: { where: "[2]", recordType: "entry" } });
  });

  it("an unknown level is rejected, an off-wrist 'unknown' stretch is not counted", async () => {
    const log = {
      startTime: "2024-03-20T01:00:00.000",
      endTime: "2024-03-20T03:00:00.000",
      levels: {
        data: [
          { dateTime: "2024-03-20T01:00:00.000", level: "light", seconds: 3600 },
          { dateTime: "2024-03-20T02:00:00.000", level: "unknown", seconds: 1800 },
          { dateTime: "2024-03-20T02:30:00.000", level: "snoring", seconds: 1800 },
        ],
      },
    };
    const out = await parse("sleep-2024-03-20.json", Buffer.from(JSON.stringify([log])));
    expect(samples(out).map((s) => [s.type, s.value])).toEqual([["sleep_core", 60]]);
    expect(out.filter((e) => e.kind === "rejected")).toMatchObject([{ rejection: { where: "[0].levels.data[2]" } }]);
  });

  it("is recognised as a Fitbit JSON without its name", () => {
    expect(detectFormat(bytes)).toBe("fitbit_json");
  });
});
