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

  it("a data type not read (sleep) is counted as skipped, not lost", async () => {
    const events = await collect(parseSamsungCsv(Readable.from([file("com.samsung.shealth.sleep")]), OPTS));
    expect(events).toEqual([{ kind: "skipped", recordType: "com.samsung.shealth.sleep", count: 2 }]);
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
        ...readdirSync(DIR).map((name) => ({ name: `${FOLDER}/${name}`, data: readFileSync(join(DIR, name)) })),
        { name: `${FOLDER}/jsons/com.samsung.shealth.exercise/9/9b1e4c70.com.samsung.health.exercise.live_data.json`, data: "[]" },
      ]),
    );
    expect(detectFormat(readFileSync(path).subarray(0, 4), { zipEntryNames: await listZipEntryNames(path) })).toBe("samsung_health_zip");
    const events = await collect(parseSamsungZip(path, OPTS));
    expect(workouts(events)).toHaveLength(2);
    expect(samples(events).filter((s) => s.type === "steps")).toHaveLength(2);
    expect(samples(events).filter((s) => s.type === "heart_rate")).toHaveLength(3);
    expect(events.find((e) => e.kind === "skipped")).toMatchObject({ recordType: "com.samsung.shealth.sleep", count: 2 });
    const rejected = events.find((e) => e.kind === "rejected");
    expect(rejected?.kind === "rejected" && rejected.rejection.where).toMatch(/heart_rate\.20240320101500\.csv: line 6$/);
  });
});
