import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { ParseError } from "../contract.js";

export interface IntakeCsvOptions {
  /** Largest accepted record (all its cells together), in characters. */
  maxRecordChars?: number;
  /** Widest accepted header, in columns. */
  maxColumns?: number;
}

// A food-log row is a few hundred characters (Cronometer's ~55 nutrient columns are ~800); 64 KiB leaves wide
// margin yet stops a quote-less multi-MB "record" from being buffered whole.
export const DEFAULT_MAX_RECORD_CHARS = 64 * 1024;
// Cronometer's servings export is the widest known (~60 columns); 200 allows future nutrients, not abuse.
export const DEFAULT_MAX_COLUMNS = 200;

export interface CsvRecord {
  /** 1-based line on which the record starts (quoted cells may span several lines). */
  line: number;
  cells: string[];
}

interface ParsedWithInfo {
  record: string[];
  info: { lines: number };
}

function isParsedWithInfo(chunk: unknown): chunk is ParsedWithInfo {
  if (typeof chunk !== "object" || chunk === null || !("record" in chunk) || !("info" in chunk)) return false;
  const { record, info } = chunk;
  return Array.isArray(record) && typeof info === "object" && info !== null && "lines" in info && typeof info.lines === "number";
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}

function toParseError(err: unknown): Error {
  if (err instanceof ParseError) return err;
  if (err instanceof CsvError) {
    return new ParseError("CSV_INVALID", `The CSV file could not be read (${err.code}): ${err.message}`);
  }
  return err instanceof Error ? err : new ParseError("CSV_INVALID", "The CSV file could not be read.");
}

/**
 * Streams the records of a CSV file with bounded memory: strips a BOM, accepts CRLF/LF, keeps every cell as
 * literal text, and skips blank lines. Quotes inside unquoted cells are kept literally (relax_quotes), so one
 * sloppy cell costs one row, not the file. Failures of the file as a whole throw ParseError("CSV_INVALID").
 */
export async function* readCsvRecords(input: Readable, opts: IntakeCsvOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    encoding: "utf8",
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
  });
  // pipeline destroys the input when the parser stops early (the consumer broke out), and vice versa.
  pipeline(input, parser, () => undefined);
  let previousEndLine = 0;
  try {
    for await (const chunk of parser as AsyncIterable<unknown>) {
      if (!isParsedWithInfo(chunk)) throw new ParseError("CSV_INVALID", "The CSV reader returned an unexpected record.");
      const line = previousEndLine + 1;
      previousEndLine = chunk.info.lines;
      if (!isBlank(chunk.record)) yield { line, cells: chunk.record };
    }
  } catch (err) {
    throw toParseError(err);
  } finally {
    parser.destroy();
  }
}

export interface CsvTable {
  header: string[];
  rows: AsyncGenerator<CsvRecord>;
}

/** Reads the header row and checks its width; the remaining records stream from `rows`. */
export async function openCsvTable(input: Readable, formatName: string, opts: IntakeCsvOptions = {}): Promise<CsvTable> {
  const rows = readCsvRecords(input, opts);
  const first = await rows.next();
  if (first.done === true) {
    throw new ParseError("EMPTY_FILE", `The ${formatName} file is empty.`);
  }
  const maxColumns = opts.maxColumns ?? DEFAULT_MAX_COLUMNS;
  if (first.value.cells.length > maxColumns) {
    await rows.return(undefined);
    throw new ParseError("CSV_INVALID", `The ${formatName} header has ${first.value.cells.length} columns (limit ${maxColumns}).`);
  }
  return { header: first.value.cells, rows };
}
