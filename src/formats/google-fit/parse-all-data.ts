// Google Fit Takeout "All Data/<data type>_<source>.json": one file per data stream,
// {"Data Source": "derived:<type>:<package>:<stream>", "Data Points": [{startTimeNanos, endTimeNanos, fitValue, …}]}.
import { z } from "zod";
import { implausibility } from "../../domain/records/sample-plausibility.js";
import type { SampleType } from "../../lib/vocabulary.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import { sourceFromDataSourceId } from "./google-fit-source.js";

export interface GoogleFitParseOptions {
  nowMs: number;
}

/** Fit data types that map onto a sample type, plus calories (read only to explain why it is left out). */
export type AllDataType = "steps" | "distance" | "heart_rate" | "weight" | "calories";
type ReadingType = Exclude<AllDataType, "calories">;

const TYPE_BY_FIT_NAME: Readonly<Record<string, AllDataType>> = {
  "com.google.step_count.delta": "steps",
  "com.google.distance.delta": "distance",
  "com.google.heart_rate.bpm": "heart_rate",
  "com.google.weight": "weight",
  "com.google.calories.expended": "calories",
};
const SAMPLE_TYPE: Record<ReadingType, SampleType> = {
  steps: "steps",
  distance: "distance",
  heart_rate: "heart_rate",
  weight: "body_mass",
};
const NANOS_PER_MS = 1_000_000n;

export interface AllDataFile {
  /** The file's "Data Source" stream id, or null when the file does not say. */
  dataSource: string | null;
  /** From "Data Source" when present, else from the file name ("derived_com.google.weight_…"); null when unsupported. */
  dataType: AllDataType | null;
  points: unknown[];
}

// Nanosecond stamps exceed 2^53: a string keeps them exact, a number is already rounded by JSON.parse (still
// ms-accurate). zod's int() means "safe integer" and would refuse every real stamp, so only finiteness is checked.
const nanos = z.union([z.string().regex(/^\d{1,25}$/), z.number().finite().nonnegative()]);
const fitNumber = z.number().finite();
const dataPoint = z.object({
  startTimeNanos: nanos,
  endTimeNanos: nanos.optional(),
  originDataSourceId: z.string().optional(),
  fitValue: z.array(z.object({ value: z.object({ intVal: fitNumber.optional(), fpVal: fitNumber.optional() }) })).min(1),
});
const fileShape = z.object({ "Data Source": z.string().optional(), "Data Points": z.array(z.unknown()) });

function typeFromFitName(fitName: string | undefined): AllDataType | null {
  return fitName === undefined ? null : (TYPE_BY_FIT_NAME[fitName] ?? null);
}

function typeFromFileName(fileName: string): AllDataType | null {
  const baseName = fileName.split(/[\\/]/).pop() ?? "";
  const fitName = Object.keys(TYPE_BY_FIT_NAME).find((name) => baseName.startsWith(`derived_${name}_`) || baseName.startsWith(`raw_${name}_`));
  return typeFromFitName(fitName);
}

/** True for Google's own merged stream of a type ("derived:com.google.weight:com.google.android.gms:merge_weight"). */
export function isMergedStream(dataSource: string | null): boolean {
  if (dataSource === null) return false;
  const [kind, , packageName, stream = ""] = dataSource.split(":");
  return kind === "derived" && packageName === "com.google.android.gms" && stream.startsWith("merge_");
}

/** Decodes one All Data file; throws ParseError when it is not JSON of that shape. */
export function decodeAllDataFile(fileName: string, buf: Uint8Array): AllDataFile {
  if (buf.length === 0) throw new ParseError("EMPTY_FILE", `${fileName} is empty.`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8").decode(buf).replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ParseError("JSON_INVALID", `${fileName} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = fileShape.safeParse(raw);
  if (!parsed.success) throw new ParseError("JSON_INVALID", `${fileName} is not a Google Fit data file (no "Data Points" array).`);
  const dataSource = parsed.data["Data Source"] ?? null;
  const dataType = dataSource === null ? typeFromFileName(fileName) : typeFromFitName(dataSource.split(":")[1]);
  return { dataSource, dataType, points: parsed.data["Data Points"] };
}

function rejected(where: string, reason: string, recordType: string): ParseEvent {
  return { kind: "rejected", rejection: { where, reason, recordType } };
}

function nanosToMs(value: string | number): number {
  return typeof value === "number" ? Math.floor(value / 1e6) : Number(BigInt(value) / NANOS_PER_MS);
}

function pointEvent(raw: unknown, type: ReadingType, nowMs: number, where: string): ParseEvent {
  const parsed = dataPoint.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = issue ? `${issue.path.map(String).join(".") || "point"}: ${issue.message}` : "invalid point";
    return rejected(where, `The data point is malformed (${detail}).`, "data point");
  }
  const point = parsed.data;
  const sampleType = SAMPLE_TYPE[type];
  const value = point.fitValue[0]?.value.fpVal ?? point.fitValue[0]?.value.intVal;
  if (value === undefined) return rejected(where, "The data point has no intVal or fpVal.", sampleType);
  const startMs = nanosToMs(point.startTimeNanos);
  const endMs = point.endTimeNanos === undefined ? startMs : nanosToMs(point.endTimeNanos);
  const problem = implausibility(sampleType, value, startMs, endMs, nowMs);
  if (problem) return rejected(where, `The value was not imported: ${problem}.`, sampleType);
  const source = sourceFromDataSourceId(point.originDataSourceId);
  return { kind: "sample", sample: { type: sampleType, startMs, endMs, utcOffsetMin: null, value, source } };
}

/** The events of a decoded file; a point's `where` is "data point N" (1-based), a whole file's is "file". */
export function* allDataEvents(file: AllDataFile, opts: GoogleFitParseOptions): Generator<ParseEvent> {
  const fileType = file.dataType;
  if (fileType === null) return;
  if (fileType === "calories") {
    // Google's "calories expended" is total energy with the BMR included; no active/basal split exists,
    // and storing it as active energy would count the BMR twice in the deficit.
    const reason = `Google Fit calories are total energy including resting burn, which is not imported; ${file.points.length} data points were skipped.`;
    yield rejected("file", reason, "calories");
    return;
  }
  for (const [i, raw] of file.points.entries()) {
    yield pointEvent(raw, fileType, opts.nowMs, `data point ${i + 1}`);
  }
}
