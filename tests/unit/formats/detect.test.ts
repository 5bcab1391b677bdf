import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { listZipEntryNames } from "../../../src/formats/common/zip.js";
import { DETECT_HEAD_BYTES, detectFormat } from "../../../src/formats/detect.js";
import type { FormatName } from "../../../src/formats/index.js";
import type { ZipInput } from "../../helpers/zip-writer.js";
import { buildZip } from "../../helpers/zip-writer.js";

const FIXTURES_DIR = fileURLToPath(new URL("../../fixtures/", import.meta.url));

/** What an upload handler has in hand: at most the first 64 KiB. */
function headOf(path: string): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(DETECT_HEAD_BYTES);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

const FIXTURE_FORMATS: [string, FormatName | null][] = [
  ["apple-health/hk2sqlite__export.xml", "apple_health_xml"],
  ["apple-health/hk2sqlite_zip_contents/apple_health_export/export.xml", "apple_health_xml"],
  ["apple-health/hk2sqlite_zip_contents/apple_health_export/workout-routes/route_2019-06-11_3.00pm.gpx", "gpx"],
  ["fit/fitfileparser__test.fit", "fit"],
  ["fit/fitfileparser__running-with-developer-data.fit", "fit"],
  ["fit/pyfitparse__activity-filecrc.fit", "fit"],
  ["fit/pyfitparse__activity-unexpected-eof.fit", "fit"],
  ["fit/pyfitparse__compressed-speed-distance.fit", "fit"],
  ["fit/pyfitparse__garmin-edge-500-activity.fit", "fit"],
  ["fit/pyfitparse__sample_mulitple_header.fit", "fit"],
  ["fit/pyfitparse__garmin-fenix-5-run-records.csv", null],
  ["tcx/pytcxparser__test.tcx", "tcx"],
  ["tcx/pytcxparser__sup_activity_1.tcx", "tcx"],
  ["tcx/togeojson__bad.tcx", "tcx"],
  ["gpx/togeojson__Friday-Evening-Run.gpx", "gpx"],
  ["gpx/togeojson__garmin_extensions.gpx", "gpx"],
  ["gpx/togeojson__missing_hr.gpx", "gpx"],
  ["health-auto-export/irvinlim__marshal_test_unmarshal_metrics.json", "health_auto_export_json"],
  ["health-auto-export/irvinlim__marshal_test_unmarshal_workouts.json", "health_auto_export_json"],
  ["health-auto-export/irvinlim__marshal_test_unmarshal_sleep_phases_v6.6.2.json", "health_auto_export_json"],
  ["fitbit/fitout__resting_heart_rate-2023-03-02.json", "fitbit_json"],
  ["fitbit/fitout__resting_heart_rate-2024-03-01.json", "fitbit_json"],
  ["nutrition/dawndrain__myfitnesspal.csv", "myfitnesspal_csv"],
  ["nutrition/dawndrain__cronometer_dailysummary.csv", "cronometer_dailysummary_csv"],
  // Hostile files are sniffed for what they claim to be; their parsers reject them.
  ["hostile/billion-laughs.xml", "apple_health_xml"],
  ["hostile/xxe-external-entity.xml", "apple_health_xml"],
  ["hostile/broken-dtd-ios16.xml", "apple_health_xml"],
  ["hostile/deep-nesting.xml", "apple_health_xml"],
  ["hostile/truncated.xml", "apple_health_xml"],
  ["hostile/vertical-tab.xml", "apple_health_xml"],
  ["hostile/formula-injection-food-log.csv", "myfitnesspal_csv"],
  // garbage.fit has a well-formed 14-byte header with ".FIT": only the parser can tell it is garbage.
  ["fit/garbage.fit", "fit"],
  ["hostile/garbage.xml", null],
  ["hostile/empty.bin", null],
  ["fit/empty.bin", null],
];

describe("detectFormat on the fixtures", () => {
  it.each(FIXTURE_FORMATS)("%s → %s", (path, expected) => {
    expect(detectFormat(headOf(join(FIXTURES_DIR, path)))).toBe(expected);
  });

  it("needs only the first 100 bytes of an Apple export", () => {
    const bytes = readFileSync(join(FIXTURES_DIR, "apple-health/hk2sqlite__export.xml"));
    expect(detectFormat(bytes.subarray(0, 100))).toBe("apple_health_xml");
  });
});

describe("detectFormat on zips (entry names decide)", () => {
  const dir = mkdtempSync(join(tmpdir(), "wearsync-detect-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function detectZip(name: string, entries: ZipInput[]): Promise<FormatName | null> {
    const path = join(dir, name);
    writeFileSync(path, buildZip(entries));
    return detectFormat(headOf(path), { zipEntryNames: await listZipEntryNames(path) });
  }

  const appleXml = readFileSync(join(FIXTURES_DIR, "apple-health/hk2sqlite_zip_contents/apple_health_export/export.xml"));
  const route = readFileSync(
    join(FIXTURES_DIR, "apple-health/hk2sqlite_zip_contents/apple_health_export/workout-routes/route_2019-06-11_3.00pm.gpx"),
  );

  it("an Apple export.zip, including a localized export name", async () => {
    const routeEntry = { name: "apple_health_export/workout-routes/route_2019-06-11_3.00pm.gpx", data: route };
    expect(await detectZip("a.zip", [{ name: "apple_health_export/export.xml", data: appleXml }, routeEntry])).toBe("apple_health_zip");
    expect(await detectZip("b.zip", [routeEntry, { name: "apple_health_export/exportar.xml", data: appleXml }])).toBe("apple_health_zip");
  });

  it("Google Fit and Fitbit Takeout archives", async () => {
    const fitCsv = { name: "Takeout/Fit/Daily activity metrics/2025-02-12.csv", data: "Start time,End time\n" };
    const fitbitJson = { name: "Takeout/Fitbit/Global Export Data/steps-2024-01-01.json", data: "[]" };
    const legacyFitbit = { name: "MyFitbitData/Alice/Physical Activity/steps-2020-01-01.json", data: "[]" };
    expect(await detectZip("c.zip", [{ name: "Takeout/archive_browser.html", data: "<html>" }, fitCsv])).toBe("google_fit_zip");
    expect(await detectZip("d.zip", [fitbitJson])).toBe("fitbit_takeout_zip");
    expect(await detectZip("e.zip", [legacyFitbit])).toBe("fitbit_takeout_zip");
  });

  it("Health Connect's export by its database entry, at the root or in a folder; Garmin's by DI_CONNECT", async () => {
    const db = { name: "health_connect_export.db", data: "SQLite format 3\u0000" };
    expect(await detectZip("hc.zip", [db])).toBe("health_connect_zip");
    expect(await detectZip("hc2.zip", [{ ...db, name: "Health Connect/health_connect_export.db" }])).toBe("health_connect_zip");
    expect(await detectZip("hc3.zip", [{ ...db, name: "health_connect_export.db.bak" }])).toBeNull();
    const uds = { name: "DI_CONNECT/DI-Connect-Aggregator/UDSFile_2017-06-09_2017-06-12.json", data: "[]" };
    expect(await detectZip("garmin.zip", [uds])).toBe("garmin_connect_zip");
  });

  it("a zip with none of those is not a format we read; nor is a zip whose names are unknown", async () => {
    expect(await detectZip("f.zip", [{ name: "readme.txt", data: "hello" }])).toBeNull();
    expect(await detectZip("g.zip", [{ name: "apple_health_export/export_cda.xml", data: "<ClinicalDocument/>" }])).toBeNull();
    expect(detectFormat(headOf(join(FIXTURES_DIR, "hostile/zip-slip.zip")))).toBeNull();
    expect(detectFormat(headOf(join(FIXTURES_DIR, "hostile/truncated-export.zip")), { zipEntryNames: [] })).toBeNull();
  });
});

describe("detectFormat sniffs past the noise a real file may start with", () => {
  const xml = (text: string): Buffer => Buffer.from(text, "utf8");

  it("XML after a BOM, whitespace, declarations, comments and a DOCTYPE with an internal subset", () => {
    expect(detectFormat(xml('\ufeff \n<?xml version="1.0"?>\n<!-- a > b -->\n<gpx version="1.1"/>'))).toBe("gpx");
    expect(detectFormat(xml('<?xml version="1.0"?><!DOCTYPE TrainingCenterDatabase [<!ENTITY a "x">]><TrainingCenterDatabase/>'))).toBe("tcx");
    expect(detectFormat(xml("<!DOCTYPE x [ <!ELEMENT x ANY> ]>\n<HealthData locale='en'>"))).toBe("apple_health_xml");
    expect(detectFormat(xml('<ns:gpx xmlns:ns="http://www.topografix.com/GPX/1/1">'))).toBe("gpx");
  });

  it("falls back on the DOCTYPE name when the head ends inside a long internal DTD", () => {
    const longDtd = `<?xml version="1.0"?>\n<!DOCTYPE HealthData [\n${"<!ATTLIST Record value CDATA #IMPLIED>\n".repeat(3000)}`;
    expect(detectFormat(xml(longDtd).subarray(0, DETECT_HEAD_BYTES))).toBe("apple_health_xml");
  });

  it("UTF-16 XML with its BOM", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?><gpx/>', "utf16le")]);
    expect(detectFormat(utf16)).toBe("gpx");
  });

  it("other XML roots are not ours", () => {
    expect(detectFormat(xml('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"/>'))).toBeNull();
    expect(detectFormat(xml("<html><body>HealthData</body></html>"))).toBeNull();
  });

  it("FIT needs header size 12 or 14 and the .FIT signature", () => {
    const header = (size: number, sig: string): Buffer =>
      Buffer.concat([Buffer.from([size, 0x10, 0, 0, 0, 0, 0, 0]), Buffer.from(sig), Buffer.alloc(4)]);
    expect(detectFormat(header(12, ".FIT"))).toBe("fit");
    expect(detectFormat(header(14, ".FIT"))).toBe("fit");
    expect(detectFormat(header(13, ".FIT"))).toBeNull();
    expect(detectFormat(header(14, ".FIX"))).toBeNull();
    expect(detectFormat(header(14, ".FIT").subarray(0, 10))).toBeNull();
  });
});

describe("detectFormat on JSON heads (a tolerant key scan, not JSON.parse)", () => {
  const json = (text: string): FormatName | null => detectFormat(Buffer.from(text, "utf8"));

  it("Health Auto Export: data.metrics or data.workouts, even after a stray top-level key or cut mid-file", () => {
    expect(json('{"workouts": [], "data": {"metrics": [{"name": "step_count", "data": [{"qty": 1}]}]}}')).toBe("health_auto_export_json");
    expect(json('{\n  "data": {\n    "workouts": [{"name": "Walking", "heartRateData": [{"qty": 108')).toBe("health_auto_export_json");
  });

  it("Fitbit: an array of objects with dateTime", () => {
    expect(json('[{"dateTime": "02/28/24 00:00:00", "value": {"bpm": 60}}, {"dateTime": "02/28')).toBe("fitbit_json");
  });

  it("Fitbit weight and exercise files by their first entry's keys (they have no dateTime)", () => {
    expect(json('[{"logId": 1, "weight": 219.5, "date": "03/27/24"}]')).toBe("fitbit_json");
    expect(json('[{"logId": 7, "activityName": "Walk", "startTime": "03/27/24 07:20:00"}]')).toBe("fitbit_json");
  });

  it("a Google Fit session: fitnessActivity and startTime at the top", () => {
    expect(json('{\n  "fitnessActivity": "running",\n  "startTime": "2024-05-04T06:31:12.204Z",\n  "endTime": "2024-05-04T07:1')).toBe(
      "google_fit_session_json",
    );
    expect(json('{"session": {"fitnessActivity": "running", "startTime": "x"}}')).toBeNull();
  });

  it("look-alikes are not", () => {
    expect(json('{"metrics": [], "workouts": []}')).toBeNull();
    expect(json('{"data": {"inner": {"metrics": []}}}')).toBeNull();
    expect(json('{"data": {"note": "\\"metrics\\": [] is not a key"}}')).toBeNull();
    expect(json('[{"logId": 1, "date": "03/27/24"}]')).toBeNull();
    expect(json('[["dateTime"]]')).toBeNull();
    expect(json("[]")).toBeNull();
  });
});

describe("detectFormat on CSV headers", () => {
  const csv = (text: string): FormatName | null => detectFormat(Buffer.from(text, "utf8"));

  it("Cronometer servings, daily summary and MyFitnessPal by their header cells", () => {
    expect(csv("Day,Time,Group,Food Name,Amount,Energy (kcal),Category\n2024-01-15,08:00,Breakfast,Oats,58.00 g,221.84,x\n")).toBe(
      "cronometer_servings_csv",
    );
    expect(csv('"Date","Energy (kcal)","Protein (g)","Completed"\r\n')).toBe("cronometer_dailysummary_csv");
    expect(csv("\ufeffDate,Meal,Calories,Fat (g)\r\n2025-03-06,Breakfast,214.5,14.9\r\n")).toBe("myfitnesspal_csv");
  });

  it("a UTF-16LE CSV with its BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Date,Meal,Calories\r\n", "utf16le")]);
    expect(detectFormat(bytes)).toBe("myfitnesspal_csv");
  });

  it("near misses are not", () => {
    expect(csv("Date,Energy (kcal),Protein (g)\n")).toBeNull();
    expect(csv("Meal,Date,Calories\n")).toBeNull();
    expect(csv("Timestamp,Heart Rate [bpm]\n")).toBeNull();
    expect(csv("   \n\t\n")).toBeNull();
  });

  it("random bytes are nothing", () => {
    let seed = 42;
    const noise = Buffer.from(
      Array.from({ length: 4096 }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed & 0xff;
      }),
    );
    expect(detectFormat(noise)).toBeNull();
    expect(detectFormat(Buffer.alloc(0))).toBeNull();
  });
});
