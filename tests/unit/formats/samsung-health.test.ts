import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { listZipEntryNames } from "../../../src/formats/common/zip.js";
import type { ParsedSample, ParsedWorkout, ParseEvent } from "../../../src/formats/contract.js";
import { detectFormat } from "../../../src/formats/detect.js";
import { parseSamsungCsv, parseSamsungZip } from "../../../src/formats/samsung-health/parse-samsung.js";
import { samsungInstant, samsungOffsetMin } from "../../../src/formats/samsung-health/samsung-csv.js";
import { buildZip } from "../../helpers/zip-writer.js";

const FOLDER = "samsunghealth_synthetic_20240320101500";
const DIR = fileURLToPath(new URL(`../../fixtures/samsung-health/${FOLDER}/`, import.meta.url));
const NOW_MS = Date.UTC(2026, 0, 1);
const OPTS = { nowMs: NOW_MS, timeZone: "Europe/Helsinki" };
const tmp = mkdtempSync(join(tmpdir(), "samsung-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(dataType: string): Buffer {
  return readFileSync(`${DIR}${dataType}.20240320101500.csv`);
}

async function collect(events: AsyncIterable<ParseEvent>): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const samples = (events: ParseEvent[]): ParsedSample[] => events.flatMap((e) => (e.kind === "sample" ? [e.sample] : []));
// By hand from the stage file, session s1 (minutes): light 90 + 100 + 18 = 208, deep 60 + 40 = 100, REM 40 + 60 = 100,
// awake 15 + 10 = 25; 433 in all, the session's span. Asleep = 208 + 100 + 100 = 408.
const S1_STAGES = { sleep_core: 208, sleep_deep: 100, sleep_rem: 100, sleep_awake: 25 };

function stageMinutes(found: ParsedSample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of found) if (s.type.startsWith("sleep_")) out[s.type] = (out[s.type] ?? 0) + s.value;
  return out;
}

const workouts = (events: ParseEvent[]): ParsedWorkout[] => events.flatMap((e) => (e.kind === "workout" ? [e.workout] : []));

describe("Samsung Health cells", () => {
  it("reads UTC instants and the separate offset column", () => {
    expect(samsungInstant("2024-03-19 05:30:00.000")).toBe(Date.UTC(2024, 2, 19, 5, 30));
    expect(samsungInstant("2024-03-19T05:30:00Z")).toBeNull();
    expect(samsungOffsetMin("UTC+0300")).toBe(180);
    expect(samsungOffsetMin("UTC+0630")).toBe(390);
    expect(samsungOffsetMin("UTC-0500")).toBe(-300);
    expect(samsungOffsetMin("")).toBeNull();
  });
});

describe("Samsung Health CSVs one by one", () => {
  it("each is detected from its data-type line, not its header", () => {
    for (const name of readdirSync(DIR)) expect(detectFormat(readFileSync(join(DIR, name)))).toBe("samsung_health_csv");
  });

  it("pedometer day summary: the combined row per day (7105 steps on 18 March), never the sum of the devices' rows", async () => {
    const found = samples(await collect(parseSamsungCsv(Readable.from([file("com.samsung.shealth.tracker.pedometer_day_summary")]), OPTS)));
    expect(found.map((s) => s.value)).toEqual([7105, 8450]);
    // The local day in the profile's zone (Helsinki, UTC+2 in March): 17 March 22:00Z to 18 March 22:00Z.
    expect(found[0]).toMatchObject({ type: "steps", startMs: Date.UTC(2024, 2, 17, 22), endMs: Date.UTC(2024, 2, 18, 22), utcOffsetMin: null });
  });

  it("heart rate: the readings with their offset; a broken time is one rejection", async () => {
    const events = await collect(parseSamsungCsv(Readable.from([file("com.samsung.shealth.tracker.heart_rate")]), OPTS));
    expect(samples(events).map((s) => [s.value, s.utcOffsetMin])).toEqual([
      [148, 120],
      [156, 120],
      [71, 120],
    ]);
    expect(events.filter((e) => e.kind === "rejected")).toHaveLength(1);
  });

  it("weight and body fat (unprefixed columns)", async () => {
    const found = samples(await collect(parseSamsungCsv(Readable.from([file("com.samsung.health.weight")]), OPTS)));
    expect(found.map((s) => [s.type, s.value])).toEqual([
      ["body_mass", 72.4],
      ["body_fat_percentage", 18.2],
    ]);
  });

  it("exercise: a 44 min 10 s run of 7012.5 m and 512.3 kcal; an unknown type is 'other'", async () => {
    const found = workouts(await collect(parseSamsungCsv(Readable.from([file("com.samsung.shealth.exercise")]), OPTS)));
    expect(found[0]).toMatchObject({
      externalId: "samsung:9b1e4c70-0000-4000-8000-000000000001",
      activityType: "running",
      startMs: Date.UTC(2024, 2, 19, 5, 30),
      endMs: Date.UTC(2024, 2, 19, 6, 15, 10),
      utcOffsetMin: 120,
      durationSec: 2650,
      distanceM: 7012.5,
      activeEnergyKcal: 512.3,
      avgHrBpm: 151,
      maxHrBpm: 176,
    });
    expect(found[1]?.activityType).toBe("other");
  });

  it("sleep sessions alone: each counts as asleep (unspecified) over its span, at its offset", async () => {
    const found = samples(await collect(parseSamsungCsv(Readable.from([file("com.samsung.shealth.sleep")]), OPTS)));
    // s1 21:45 to 04:58 UTC = 433 min, s2 12:10 to 12:40 UTC = 30 min, both at UTC+0200.
    expect(found.map((s) => [s.type, s.value, s.utcOffsetMin])).toEqual([
      ["sleep_asleep", 433, 120],
      ["sleep_asleep", 30, 120],
    ]);
  });

  it("sleep stages alone: 40001-40004 as awake, core (light), deep and REM; an unknown code is one rejection", async () => {
    const events = await collect(parseSamsungCsv(Readable.from([file("com.samsung.health.sleep_stage")]), OPTS));
    expect(stageMinutes(samples(events))).toEqual(S1_STAGES);
    expect(events.filter((e) => e.kind === "rejected")).toMatchObject([
      { rejection: { where: "line 12", recordType: "com.samsung.health.sleep_stage" } },
    ]);
  });

  it("a CSV without Samsung's first line is refused with the reason", async () => {
    await expect(collect(parseSamsungCsv(Readable.from([Buffer.from("start_time,heart_rate\n")]), OPTS))).rejects.toMatchObject({
      code: "CSV_INVALID",
    });
  });
});

describe("Samsung Health folder zipped", () => {
  it("is detected and reads every data type in it", async () => {
    const path = join(tmp, "samsung.zip");
    writeFileSync(
      path,
      buildZip([
        // The sessions file first: the stages decide how it counts whatever the order.
        ...readdirSync(DIR)
          .sort((a, b) => Number(b.includes("shealth.sleep")) - Number(a.includes("shealth.sleep")))
          .map((name) => ({ name: `${FOLDER}/${name}`, data: readFileSync(join(DIR, name)) })),
        { name: `${FOLDER}/jsons/com.samsung.shealth.exercise/9/9b1e4c70.com.samsung.health.exercise.live_data.json`, data: "[]" },
      ]),
    );
    expect(detectFormat(readFileSync(path).subarray(0, 4), { zipEntryNames: await listZipEntryNames(path) })).toBe("samsung_health_zip");
    const events = await collect(parseSamsungZip(path, OPTS));
    expect(workouts(events)).toHaveLength(2);
    expect(samples(events).filter((s) => s.type === "steps")).toHaveLength(2);
    expect(samples(events).filter((s) => s.type === "heart_rate")).toHaveLength(3);
    expect(events.filter((e) => e.kind === "skipped")).toEqual([]);
    // s1 has stages, so it counts through them; s2 has none and counts as 30 asleep minutes.
    expect(stageMinutes(samples(events))).toEqual({ ...S1_STAGES, sleep_asleep: 30 });
    const rejected = events.flatMap((e) => (e.kind === "rejected" ? [e.rejection.where] : []));
    expect(rejected).toHaveLength(2);
    expect(rejected.find((w) => w.includes("heart_rate"))).toMatch(/heart_rate\.20240320101500\.csv: line 6$/);
  });
});
