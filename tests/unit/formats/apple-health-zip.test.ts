import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { isAppleExportXmlEntry, parseAppleHealthZip } from "../../../src/formats/apple-health/parse-export-zip.js";
import type { ParseEvent } from "../../../src/formats/contract.js";
import { ParseError } from "../../../src/formats/contract.js";
import type { ZipInput } from "../../helpers/zip-writer.js";
import { buildZip } from "../../helpers/zip-writer.js";

const FIXTURES_DIR = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const EXPORT_DIR = join(FIXTURES_DIR, "apple-health/hk2sqlite_zip_contents/apple_health_export");
const EXPORT_XML = readFileSync(join(EXPORT_DIR, "export.xml"));
const ROUTE_GPX = readFileSync(join(EXPORT_DIR, "workout-routes/route_2019-06-11_3.00pm.gpx"));
const NOW_MS = Date.UTC(2025, 0, 1);

const tempDir = mkdtempSync(join(tmpdir(), "wearsync-apple-zip-test-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

let zipCounter = 0;
function writeZip(entries: ZipInput[]): string {
  zipCounter += 1;
  const path = join(tempDir, `export-${zipCounter}.zip`);
  writeFileSync(path, buildZip(entries));
  return path;
}

function appleExport(xmlName: string): string {
  return writeZip([
    { name: "apple_health_export/export_cda.xml", data: "<ClinicalDocument/>" },
    { name: "apple_health_export/workout-routes/route_2019-06-11_3.00pm.gpx", data: ROUTE_GPX },
    { name: `apple_health_export/${xmlName}`, data: EXPORT_XML },
  ]);
}

async function parseZip(path: string): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of parseAppleHealthZip(path, { nowMs: NOW_MS })) events.push(event);
  return events;
}

async function zipErrorOf(path: string): Promise<{ error: ParseError; eventCount: number }> {
  let eventCount = 0;
  try {
    for await (const _event of parseAppleHealthZip(path, { nowMs: NOW_MS })) eventCount += 1;
  } catch (error) {
    if (error instanceof ParseError) return { error, eventCount };
    throw error;
  }
  throw new Error(`expected a ParseError after ${eventCount} events`);
}

describe("parseAppleHealthZip", () => {
  it.each([["export.xml"], ["exportar.xml"], ["导出.xml"]])("reads the export when it is named %s", async (xmlName) => {
    const events = await parseZip(appleExport(xmlName));
    expect(events.map((e) => e.kind)).toEqual(["sample", "workout", "skipped", "skipped"]);
    const [sample, workout] = events;
    expect(sample?.kind === "sample" && sample.sample).toMatchObject({
      type: "heart_rate",
      value: 72,
      startMs: Date.UTC(2018, 8, 10, 9, 28, 55),
      utcOffsetMin: -420,
    });
    expect(workout?.kind === "workout" && workout.workout).toMatchObject({
      activityType: "running",
      startMs: Date.UTC(2016, 10, 14, 14, 25, 41),
      utcOffsetMin: -420,
    });
    if (workout?.kind !== "workout") return;
    expect(workout.workout.durationSec).toBeCloseTo(311.6474080085754, 9);
    expect(workout.workout.distanceM).toBeCloseTo(800.1255234626475, 9);
    expect(workout.workout.activeEnergyKcal).toBeCloseTo(48.745, 9);
  });

  it("fails with ZIP_NO_EXPORT when only the CDA file and routes are present", async () => {
    const path = writeZip([
      { name: "apple_health_export/export_cda.xml", data: "<ClinicalDocument/>" },
      { name: "apple_health_export/workout-routes/route.gpx", data: ROUTE_GPX },
    ]);
    const { error } = await zipErrorOf(path);
    expect(error.code).toBe("ZIP_NO_EXPORT");
    expect(error.message).toContain("apple_health_export/export.xml");
  });

  it("reports a truncated export.xml inside a valid zip as partial", async () => {
    const path = writeZip([{ name: "apple_health_export/export.xml", data: readFileSync(join(FIXTURES_DIR, "hostile/truncated.xml")) }]);
    const events = await parseZip(path);
    expect(events.filter((e) => e.kind === "sample")).toHaveLength(29);
    expect(events.at(-1)?.kind).toBe("partial");
  });

  it("turns an export.xml that inflates past its declared size into ZIP_INVALID", async () => {
    const path = writeZip([{ name: "apple_health_export/export.xml", data: EXPORT_XML, declaredSize: 1000 }]);
    const { error } = await zipErrorOf(path);
    expect(error.code).toBe("ZIP_INVALID");
  });

  it("lets the consumer stop early, then reads the same archive again in full", async () => {
    const path = appleExport("export.xml");
    for await (const event of parseAppleHealthZip(path, { nowMs: NOW_MS })) {
      expect(event.kind).toBe("sample");
      break;
    }
    expect((await parseZip(path)).filter((e) => e.kind !== "skipped")).toHaveLength(2);
  });

  it.each([
    ["zip-without-export.zip", "ZIP_NO_EXPORT"],
    ["zip-bomb-1gib.zip", "ZIP_RATIO_EXCEEDED"],
    ["zip-slip.zip", "ZIP_UNSAFE_PATH"],
    ["truncated-export.zip", "ZIP_INVALID"],
  ])("hostile/%s fails with %s before yielding anything", async (fixture, code) => {
    const { error, eventCount } = await zipErrorOf(join(FIXTURES_DIR, "hostile", fixture));
    expect(error.code).toBe(code);
    expect(eventCount).toBe(0);
  });
});

describe("isAppleExportXmlEntry", () => {
  it.each([
    ["apple_health_export/export.xml", true],
    ["apple_health_export/exportar.xml", true],
    ["apple_health_export/导出.xml", true],
    ["apple_health_export/export_cda.xml", false],
    ["apple_health_export/exportar_cda.xml", false],
    ["apple_health_export/workout-routes/route.gpx", false],
    ["apple_health_export/clinical-records/x.xml", false],
    ["__MACOSX/apple_health_export/._export.xml", false],
    ["export.xml", false],
  ])("%s → %s", (name, expected) => {
    expect(isAppleExportXmlEntry(name)).toBe(expected);
  });
});
