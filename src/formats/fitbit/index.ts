import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { countBytes } from "../common/read-file.js";
import { jsonKeyPaths } from "../common/sniff.js";
import { ParseError, type RecordFormat } from "../contract.js";
import { fitbitFileKind, fitbitKindOfContent, parseFitbit } from "./parse-fitbit.js";
import { parseFitbitTakeoutZip } from "./parse-fitbit-takeout.js";

// Enough of the array for its first entry's keys.
const KIND_HEAD_CHARS = 4096;

async function headOf(path: string, bytes: number): Promise<string> {
  const file = await open(path, "r");
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await file.close();
  }
}

/**
 * One JSON file of a Fitbit export, e.g. steps-2024-03-01.json: what it holds is said by its name, or for weight and
 * exercise files (whose entries have no `dateTime`) by their first entry's keys.
 */
export const fitbitJson: RecordFormat = {
  kind: "records",
  sniff: {
    json: ({ text, keys }) => text.startsWith("[") && /^\[\s*\{/.test(text) && (keys.has("$[].dateTime") || fitbitKindOfContent(keys) !== null),
  },
  async *open(path, opts) {
    const name = opts.filename ?? "";
    const family = fitbitFileKind(name) ?? fitbitKindOfContent(jsonKeyPaths(await headOf(path, KIND_HEAD_CHARS)));
    if (family === null) {
      throw new ParseError(
        "UNKNOWN_FORMAT",
        "A Fitbit JSON file is recognised by its name (e.g. steps-2024-03-01.json): upload it with ?filename= or as multipart with its name.",
      );
    }
    const chunks = countBytes(createReadStream(path), opts.onBytes);
    yield* parseFitbit(name || `${family} file`, chunks, { nowMs: opts.nowMs, timeZone: opts.timeZone, weightUnit: opts.weightUnit }, family);
  },
};

/** A Google Takeout (or older "MyFitbitData") zip of a Fitbit account. */
export const fitbitTakeoutZip: RecordFormat = {
  kind: "records",
  sniff: { zip: (entryNames) => entryNames.some((name) => name.startsWith("Takeout/Fitbit/") || name.startsWith("MyFitbitData/")) },
  async *open(path, opts) {
    yield* parseFitbitTakeoutZip(path, { nowMs: opts.nowMs, timeZone: opts.timeZone, weightUnit: opts.weightUnit });
  },
};
