import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { gunzipBuffer } from "../../../src/formats/common/gzip.js";
import type { ParseEvent } from "../../../src/formats/contract.js";
import { DETECT_HEAD_BYTES, detectFileFormat } from "../../../src/formats/detect.js";
import { openRecords } from "../../../src/formats/registry.js";
import { buildZip } from "../../helpers/zip-writer.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const NOW_MS = Date.UTC(2026, 0, 1);
const dir = mkdtempSync(join(tmpdir(), "gzip-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gzFile(name: string, data: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

async function detect(path: string) {
  return detectFileFormat(path, readFileSync(path).subarray(0, DETECT_HEAD_BYTES));
}

async function collect(events: AsyncIterable<ParseEvent>): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const OPTS = { nowMs: NOW_MS, timeZone: "UTC", filename: null, onBytes: () => undefined, weightUnit: null };

describe("gzip is transparent", () => {
  it.each([
    ["fit/pyfitparse__garmin-fenix-5-run.fit", "fit"],
    ["tcx/pytcxparser__test.tcx", "tcx"],
    ["gpx/togeojson__run_gpxtpx.gpx", "gpx"],
    ["health-auto-export/irvinlim__marshal_test_unmarshal_workouts.json", "health_auto_export_json"],
  ])("%s.gz is detected as %s", async (file, format) => {
    expect(await detect(gzFile(`${format}.gz`, gzipSync(readFileSync(`${FIXTURES}${file}`))))).toBe(format);
  });

  it("a .tcx.gz imports the same workout as the .tcx (379 kcal, 4689.24 m, HR max 189)", async () => {
    const path = gzFile("run.tcx.gz", gzipSync(readFileSync(`${FIXTURES}tcx/pytcxparser__test.tcx`)));
    const events = await collect(openRecords("tcx", path, OPTS));
    const workout = events.find((event) => event.kind === "workout");
    expect(workout?.kind === "workout" && workout.workout).toMatchObject({ activeEnergyKcal: 379, maxHrBpm: 189 });
    expect(workout?.kind === "workout" && workout.workout.distanceM).toBeCloseTo(4689.24, 2);
  });

  it("a .fit.gz gives the fenix 5 run's 21 heart-rate records", async () => {
    const path = gzFile("run.fit.gz", gzipSync(readFileSync(`${FIXTURES}fit/pyfitparse__garmin-fenix-5-run.fit`)));
    const events = await collect(openRecords("fit", path, OPTS));
    const workout = events.find((event) => event.kind === "workout");
    expect(workout?.kind === "workout" && workout.workout.heartRate).toHaveLength(21);
  });

  it("a zip inside a gzip, or garbage after a gzip header, is not a format", async () => {
    expect(await detect(gzFile("zip.gz", gzipSync(buildZip([{ name: "a.txt", data: "a" }]))))).toBeNull();
    expect(await detect(gzFile("garbage.gz", Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])))).toBeNull();
  });

  it("a gzip cut short fails its import with GZIP_INVALID, before any event", async () => {
    const whole = gzipSync(readFileSync(`${FIXTURES}tcx/pytcxparser__test.tcx`));
    const path = gzFile("cut.tcx.gz", whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(collect(openRecords("tcx", path, OPTS))).rejects.toMatchObject({ code: "GZIP_INVALID" });
  });

  it("a gzip bomb is refused by the ratio cap while inflating", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    await expect(collect(openRecords("tcx", gzFile("bomb.tcx.gz", bomb), OPTS))).rejects.toMatchObject({ code: "GZIP_TOO_LARGE" });
    expect(() => gunzipBuffer(bomb, 256 * 1024 * 1024, "The file")).toThrow(/compression bomb/);
  });
});
