import { createReadStream } from "node:fs";
import { parseAppleHealthXml } from "../../src/formats/apple-health/parse-export-xml.js";
import { parseAppleHealthZip } from "../../src/formats/apple-health/parse-export-zip.js";
import type { ParseEvent } from "../../src/formats/contract.js";

export interface RawParseResult {
  ms: number;
  samples: number;
  workouts: number;
  rejected: number;
  /** Records the importer writes: samples + workouts. */
  records: number;
  stepsSum: number;
  activeEnergyKcal: number;
}

/** Ceiling (a): the project's own streaming parser over the file, counting events and doing nothing else. */
export async function measureRawParse(path: string, format: "zip" | "xml", nowMs: number): Promise<RawParseResult> {
  const started = performance.now();
  const events: AsyncGenerator<ParseEvent> =
    format === "zip" ? parseAppleHealthZip(path, { nowMs }) : parseAppleHealthXml(createReadStream(path), { nowMs });
  const result: RawParseResult = { ms: 0, samples: 0, workouts: 0, rejected: 0, records: 0, stepsSum: 0, activeEnergyKcal: 0 };
  for await (const event of events) {
    if (event.kind === "sample") {
      result.samples += 1;
      if (event.sample.type === "steps") result.stepsSum += event.sample.value;
      else if (event.sample.type === "active_energy") result.activeEnergyKcal += event.sample.value;
    } else if (event.kind === "workout") result.workouts += 1;
    else if (event.kind === "rejected") result.rejected += 1;
  }
  result.records = result.samples + result.workouts;
  result.ms = performance.now() - started;
  return result;
}
