import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { listZipEntryNames } from "../../../src/formats/common/zip.js";
import type { ParsedWorkout, ParseEvent } from "../../../src/formats/contract.js";
import { detectFormat } from "../../../src/formats/detect.js";
import { parseGarminZip } from "../../../src/formats/garmin/parse-garmin.js";
import { buildZip, type ZipInput } from "../../helpers/zip-writer.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const NOW_MS = Date.UTC(2026, 0, 1);
const dir = mkdtempSync(join(tmpdir(), "garmin-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUN = readFileSync(`${FIXTURES}fit/pyfitparse__garmin-fenix-5-run.fit`);
const RIDE = readFileSync(`${FIXTURES}fit/pyfitparse__garmin-edge-820-bike.fit`);

function zipFile(name: string, entries: ZipInput[]): string {
  const path = join(dir, name);
  writeFileSync(path, buildZip(entries));
  return path;
}

async function parsed(path: string): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const event of parseGarminZip(path, { nowMs: NOW_MS, timeZone: "UTC" })) out.push(event);
  return out;
}

const workouts = (events: ParseEvent[]): ParsedWorkout[] => events.flatMap((e) => (e.kind === "workout" ? [e.workout] : []));

async function detected(path: string) {
  return detectFormat(readFileSync(path).subarray(0, 4), { zipEntryNames: await listZipEntryNames(path) });
}

describe("Garmin Connect exports", () => {
  it("the account export: FIT files inside the nested UploadedFiles archives; summaries counted as skipped", async () => {
    const path = zipFile("account.zip", [
      { name: "DI_CONNECT/DI-Connect-Fitness/someone_0_summarizedActivities.json", data: "[]" },
      { name: "DI_CONNECT/DI-Connect-Wellness/2024-01-01_2024-04-10_123_sleepData.json", data: "[]" },
      {
        name: "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
        data: buildZip([
          { name: "someone@example.org_1001.fit", data: RUN },
          { name: "someone@example.org_1002.fit", data: RIDE },
          { name: "notes.txt", data: "not an activity" },
        ]),
      },
    ]);
    expect(await detected(path)).toBe("garmin_connect_zip");
    const events = await parsed(path);
    const found = workouts(events);
    expect(found.map((w) => w.activityType).sort()).toEqual(["cycling", "running"]);
    const run = found.find((w) => w.activityType === "running");
    expect(run?.distanceM).toBeCloseTo(157.56, 2);
    expect(run?.heartRate).toHaveLength(21);
    // The activity summaries are not read; the (empty) sleep file is.
    expect(events).toContainEqual({ kind: "skipped", recordType: "garmin_connect_summary_file", count: 1 });
  });

  it("Export Original: one activity's FIT in a zip", async () => {
    const path = zipFile("original.zip", [{ name: "1001_ACTIVITY.fit", data: RUN }]);
    expect(await detected(path)).toBe("garmin_connect_zip");
    expect(workouts(await parsed(path))).toHaveLength(1);
  });

  it("a damaged file inside costs that file only, named with its archive", async () => {
    const path = zipFile("damaged.zip", [
      {
        name: "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
        data: buildZip([
          { name: "a.fit", data: readFileSync(`${FIXTURES}fit/garbage.fit`) },
          { name: "b.fit", data: RUN },
        ]),
      },
    ]);
    const events = await parsed(path);
    expect(workouts(events)).toHaveLength(1);
    const rejected = events.find((e) => e.kind === "rejected");
    expect(rejected?.kind === "rejected" && rejected.rejection.where).toBe("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip: a.fit");
  });

  it("a zip with neither is refused with a readable reason", async () => {
    const path = zipFile("empty.zip", [{ name: "DI_CONNECT/DI-Connect-User/user_profile.json", data: "{}" }]);
    await expect(parsed(path)).rejects.toMatchObject({ code: "ZIP_NO_EXPORT" });
  });
});
