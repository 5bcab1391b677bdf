import { isAppleExportXmlEntry } from "./parsers/apple-health/parse-export-zip.js";

export const DETECTABLE_FORMATS = [
  "apple_health_zip",
  "apple_health_xml",
  "fit",
  "tcx",
  "gpx",
  "health_auto_export_json",
  "fitbit_json",
  "google_fit_zip",
  "fitbit_takeout_zip",
  "myfitnesspal_csv",
  "cronometer_dailysummary_csv",
  "cronometer_servings_csv",
] as const;
export type DetectedFormat = (typeof DETECTABLE_FORMATS)[number];

// Enough to get past Apple's internal DTD (~10 KB) to the root element, small enough to read before storing.
export const DETECT_HEAD_BYTES = 64 * 1024;

export interface DetectOptions {
  /** Entry names of the archive when the head is a zip; without them a zip cannot be told apart. */
  zipEntryNames?: readonly string[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const FIT_SIGNATURE = Buffer.from(".FIT", "ascii");
// A FIT file header is 12 bytes (old) or 14 bytes (with header CRC); byte 0 says which.
const FIT_HEADER_SIZES = new Set([12, 14]);

function isFit(head: Buffer): boolean {
  const size = head[0];
  return size !== undefined && FIT_HEADER_SIZES.has(size) && head.length >= size && head.subarray(8, 12).equals(FIT_SIGNATURE);
}

function detectZip(entryNames: readonly string[]): DetectedFormat | null {
  if (entryNames.some(isAppleExportXmlEntry)) return "apple_health_zip";
  if (entryNames.some((name) => name.startsWith("Takeout/Fit/"))) return "google_fit_zip";
  const isFitbit = (name: string): boolean => name.startsWith("Takeout/Fitbit/") || name.startsWith("MyFitbitData/");
  return entryNames.some(isFitbit) ? "fitbit_takeout_zip" : null;
}

/** The head as text: UTF-8 (BOM stripped) or UTF-16 when it starts with a UTF-16 BOM. */
function decodeHead(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder("utf-16le").decode(head.subarray(2));
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder("utf-16be").decode(head.subarray(2));
  const text = new TextDecoder("utf-8").decode(head);
  return text.startsWith("\ufeff") ? text.slice(1) : text;
}

// XML prolog items that may precede the root element, with the text that closes each.
const PROLOG_ITEMS: readonly (readonly [string, string])[] = [
  ["<?", "?>"],
  ["<!--", "-->"],
];

/** Index just past a `<!DOCTYPE …>` (internal subset included), or -1 when the head ends inside it. */
function skipDoctype(text: string, start: number): number {
  const close = text.indexOf(">", start);
  const subset = text.indexOf("[", start);
  if (subset !== -1 && (close === -1 || subset < close)) {
    const end = /\]\s*>/.exec(text.slice(subset));
    return end === null ? -1 : subset + end.index + end[0].length;
  }
  return close === -1 ? -1 : close + 1;
}

/** The local name of the root element, past declarations, comments and the DOCTYPE; the DOCTYPE name as fallback. */
function xmlRootName(text: string): string | null {
  let pos = 0;
  let doctypeName: string | null = null;
  for (;;) {
    while (pos < text.length && /\s/.test(text.charAt(pos))) pos += 1;
    const item = PROLOG_ITEMS.find(([open]) => text.startsWith(open, pos));
    if (item !== undefined) {
      const end = text.indexOf(item[1], pos + item[0].length);
      if (end === -1) return doctypeName;
      pos = end + item[1].length;
      continue;
    }
    if (text.startsWith("<!DOCTYPE", pos)) {
      doctypeName = /^<!DOCTYPE\s+([\w.:-]+)/.exec(text.slice(pos, pos + 200))?.[1] ?? null;
      pos = skipDoctype(text, pos);
      if (pos === -1) return doctypeName;
      continue;
    }
    const root = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(pos, pos + 200));
    return root?.[2] ?? null;
  }
}

const XML_ROOTS: ReadonlyMap<string, DetectedFormat> = new Map([
  ["HealthData", "apple_health_xml"],
  ["TrainingCenterDatabase", "tcx"],
  ["gpx", "gpx"],
]);

interface JsonFrame {
  isObject: boolean;
  path: string;
  key: string | null;
}

/** Index just past the JSON string starting at `start` (a quote), and its raw content. */
function readJsonString(text: string, start: number): { end: number; value: string } {
  let pos = start + 1;
  while (pos < text.length && text.charAt(pos) !== '"') pos += text.charAt(pos) === "\\" ? 2 : 1;
  return { end: pos + 1, value: text.slice(start + 1, pos) };
}

function childPath(parent: JsonFrame | undefined): string {
  if (parent === undefined) return "$";
  return parent.isObject ? `${parent.path}.${parent.key ?? ""}` : `${parent.path}[]`;
}

// Only the first levels decide the format; deeper keys are skipped (brackets are still matched).
const MAX_JSON_KEY_DEPTH = 3;

/**
 * Object keys by path ("$.data.metrics", "$[].dateTime") in a possibly truncated JSON head. A tolerant scan,
 * not a parser: it needs no complete document and never builds values.
 */
function jsonKeyPaths(text: string): Set<string> {
  const keys = new Set<string>();
  const stack: JsonFrame[] = [];
  let expectingKey = false;
  let pos = 0;
  while (pos < text.length) {
    const ch = text.charAt(pos);
    const top = stack.at(-1);
    if (ch === '"') {
      const str = readJsonString(text, pos);
      if (top?.isObject === true && expectingKey) {
        top.key = str.value;
        expectingKey = false;
        if (stack.length <= MAX_JSON_KEY_DEPTH) keys.add(`${top.path}.${str.value}`);
      }
      pos = str.end;
      continue;
    }
    if (ch === "{" || ch === "[") {
      stack.push({ isObject: ch === "{", path: childPath(top), key: null });
      expectingKey = ch === "{";
    } else if (ch === "}" || ch === "]") {
      stack.pop();
      expectingKey = false;
    } else if (ch === ",") {
      expectingKey = top?.isObject === true;
    }
    pos += 1;
  }
  return keys;
}

function detectJson(text: string): DetectedFormat | null {
  const keys = jsonKeyPaths(text);
  if (text.startsWith("{") && (keys.has("$.data.metrics") || keys.has("$.data.workouts"))) return "health_auto_export_json";
  if (text.startsWith("[") && /^\[\s*\{/.test(text) && keys.has("$[].dateTime")) return "fitbit_json";
  return null;
}

// Real headers are under 1 KB (Cronometer's ~55 columns); longer first lines are not a header we know.
const MAX_HEADER_CHARS = 16 * 1024;

/** The cells of the first line, split like CSV (quoted cells may hold commas), normalized for comparison. */
function csvHeaderCells(text: string): string[] {
  const firstLine = text.slice(0, MAX_HEADER_CHARS).split(/\r\n|\n|\r/, 1)[0] ?? "";
  const cells = firstLine.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [];
  return cells
    .map((cell) => cell.replace(/,$/, "").trim())
    .map((cell) => (cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell))
    .map((cell) => cell.replace(/\s+/g, " ").trim().toLowerCase());
}

function detectCsv(text: string): DetectedFormat | null {
  const cells = csvHeaderCells(text);
  const has = (name: string): boolean => cells.includes(name);
  const hasEnergy = has("energy (kcal)") || has("energy (kj)");
  if (cells.slice(0, 4).join(",") === "day,time,group,food name") return "cronometer_servings_csv";
  if (has("date") && hasEnergy && has("completed")) return "cronometer_dailysummary_csv";
  const isMfp = cells[0] === "date" && cells[1] === "meal" && (has("calories") || has("kilojoules") || hasEnergy);
  return isMfp ? "myfitnesspal_csv" : null;
}

/**
 * Names the format of an upload from its first bytes (≤ DETECT_HEAD_BYTES), never from its file name. Zips are
 * told apart by `zipEntryNames`. Null means "not a format wearsync reads"; a match is only a sniff, and the
 * parser still validates the whole file.
 */
export function detectFormat(head: Buffer, opts: DetectOptions = {}): DetectedFormat | null {
  if (head.length === 0) return null;
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return opts.zipEntryNames === undefined ? null : detectZip(opts.zipEntryNames);
  if (isFit(head)) return "fit";
  const text = decodeHead(head.subarray(0, DETECT_HEAD_BYTES)).trimStart();
  if (text.includes("\u0000")) return null;
  if (text.startsWith("<")) {
    const root = xmlRootName(text);
    return root === null ? null : (XML_ROOTS.get(root) ?? null);
  }
  if (text.startsWith("{") || text.startsWith("[")) return detectJson(text);
  return detectCsv(text);
}
