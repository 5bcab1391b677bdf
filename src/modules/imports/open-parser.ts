import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { PassThrough, type Readable } from "node:stream";
import { openAppleExportEntry } from "../ingest/parsers/apple-health/parse-export-zip.js";
import { parseAppleHealthXml } from "../ingest/parsers/apple-health/parse-export-xml.js";
import { MAX_FIT_FILE_BYTES, parseFit } from "../ingest/parsers/fit/parse-fit.js";
import { parseGpx } from "../ingest/parsers/gpx/parse-gpx.js";
import { MAX_HAE_FILE_BYTES, parseHealthAutoExportFile } from "../ingest/parsers/health-auto-export/parse-hae.js";
import { parseTcx } from "../ingest/parsers/tcx/parse-tcx.js";
import { fitbitFileKind, parseFitbit } from "../ingest/parsers/fitbit/parse-fitbit.js";
import { parseFitbitTakeoutZip } from "../ingest/parsers/takeout/fitbit-takeout.js";
import { parseGoogleFitTakeoutZip } from "../ingest/parsers/takeout/google-fit-takeout.js";
import { MAX_TAKEOUT_ENTRY_BYTES } from "../ingest/parsers/takeout/takeout-entry.js";
import { ParseError, type ParseEvent } from "../ingest/parsers/types.js";
import type { ImportFormat } from "./formats.js";

export interface ParserOptions {
  nowMs: number;
  timeZone: string;
  /** The uploaded file's name: Fitbit's JSON files say what they hold only in their name. */
  filename: string | null;
  /** Called with the number of input bytes consumed so far (for progress). */
  onBytes: (bytes: number) => void;
}

function counted(input: Readable, onBytes: (bytes: number) => void): Readable {
  let bytes = 0;
  const tap = new PassThrough();
  tap.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  input.on("error", (err) => tap.destroy(err));
  return input.pipe(tap);
}

/** Whole-file formats are small by nature; read them into memory only below their own cap. */
async function readCapped(path: string, maxBytes: number, what: string): Promise<Buffer> {
  const { size } = await stat(path);
  if (size > maxBytes) throw new ParseError("FILE_TOO_LARGE", `${what} files larger than ${maxBytes} bytes are not accepted (this one is ${size}).`);
  return readFile(path);
}

/** The event stream of a stored upload, by format. Every parser is streaming or size-capped. */
export async function* openParser(format: ImportFormat, path: string, opts: ParserOptions): AsyncGenerator<ParseEvent> {
  const base = { nowMs: opts.nowMs };
  switch (format) {
    case "apple_health_zip": {
      const entry = await openAppleExportEntry(path);
      try {
        yield* parseAppleHealthXml(counted(entry.stream, opts.onBytes), base);
      } finally {
        entry.stream.destroy();
      }
      return;
    }
    case "apple_health_xml":
      yield* parseAppleHealthXml(counted(createReadStream(path), opts.onBytes), base);
      return;
    case "tcx":
      yield* parseTcx(counted(createReadStream(path), opts.onBytes), base);
      return;
    case "gpx":
      yield* parseGpx(counted(createReadStream(path), opts.onBytes), base);
      return;
    case "fit": {
      const buf = await readCapped(path, MAX_FIT_FILE_BYTES, "FIT");
      opts.onBytes(buf.length);
      yield* parseFit(buf, { ...base, timeZone: opts.timeZone });
      return;
    }
    case "health_auto_export_json": {
      const buf = await readCapped(path, MAX_HAE_FILE_BYTES, "Health Auto Export");
      opts.onBytes(buf.length);
      yield* parseHealthAutoExportFile(buf, base);
      return;
    }
    case "google_fit_zip":
      yield* parseGoogleFitTakeoutZip(path, { nowMs: opts.nowMs, timeZone: opts.timeZone });
      return;
    case "fitbit_takeout_zip":
      yield* parseFitbitTakeoutZip(path, { nowMs: opts.nowMs, timeZone: opts.timeZone });
      return;
    case "fitbit_json": {
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
      return;
    }
    default:
      throw new ParseError("UNKNOWN_FORMAT", `Importing ${format} files is not supported yet.`);
  }
}
