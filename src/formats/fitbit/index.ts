import { ParseError, type RecordFormat } from "../contract.js";
import { readCapped } from "../shared/read-file.js";
import { MAX_TAKEOUT_ENTRY_BYTES } from "../shared/takeout-entry.js";
import { fitbitFileKind, parseFitbit } from "./parse-fitbit.js";
import { parseFitbitTakeoutZip } from "./parse-fitbit-takeout.js";

/** One JSON file of a Fitbit export, e.g. steps-2024-03-01.json: what it holds is said only by its name. */
export const fitbitJson: RecordFormat = {
  kind: "records",
  sniff: { json: ({ text, keys }) => text.startsWith("[") && /^\[\s*\{/.test(text) && keys.has("$[].dateTime") },
  async *open(path, opts) {
    const name = opts.filename ?? "";
    if (!fitbitFileKind(name)) {
      throw new ParseError(
        "UNKNOWN_FORMAT",
        "A Fitbit JSON file is recognised by its name (e.g. steps-2024-03-01.json): upload it with ?filename= or as multipart with its name.",
      );
    }
    const buf = await readCapped(path, MAX_TAKEOUT_ENTRY_BYTES, "Fitbit JSON");
    opts.onBytes(buf.length);
    yield* parseFitbit(name, buf, { nowMs: opts.nowMs, timeZone: opts.timeZone });
  },
};

/** A Google Takeout (or older "MyFitbitData") zip of a Fitbit account. */
export const fitbitTakeoutZip: RecordFormat = {
  kind: "records",
  sniff: { zip: (entryNames) => entryNames.some((name) => name.startsWith("Takeout/Fitbit/") || name.startsWith("MyFitbitData/")) },
  async *open(path, opts) {
    yield* parseFitbitTakeoutZip(path, { nowMs: opts.nowMs, timeZone: opts.timeZone });
  },
};
