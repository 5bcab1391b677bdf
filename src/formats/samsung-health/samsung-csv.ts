// Samsung Health "Download personal data": one CSV per data type, `<data type>.<export time>.csv`. Line 1 is not a
// header but metadata (`com.samsung.shealth.tracker.heart_rate,6156001,3`: the data type, its version, a count);
// line 2 is the header, whose names are sometimes prefixed with the data type
// (`com.samsung.health.heart_rate.start_time`) and sometimes not (`step_count`); every data row ends with a comma,
// so it has one cell more than the header. Instants are UTC (`2019-03-05 08:12:00.000`) with the offset of the place
// in a separate `time_offset` column (`UTC+0300`), as in Samsung's Health SDK.

import type { Readable } from "node:stream";
import { ParseError } from "../contract.js";
import { readCsvRecords } from "../food-log/csv-records.js";

/** The metadata line's first cell: the data type the file holds. */
export function isSamsungMetadataLine(cells: readonly string[]): boolean {
  return /^com\.samsung\.[a-z0-9_.]+$/i.test(cells[0] ?? "") && cells.length <= 4;
}

/** "com.samsung.health.heart_rate.start_time" → "start_time"; unprefixed names stay as they are. */
function columnName(cell: string): string {
  const name = cell.trim().toLowerCase();
  return name.startsWith("com.samsung.") ? name.slice(name.lastIndexOf(".") + 1) : name;
}

export interface SamsungRow {
  line: number;
  get(column: string): string;
}

export interface SamsungTable {
  dataType: string;
  rows: AsyncGenerator<SamsungRow>;
}

async function* rowsOf(records: AsyncGenerator<{ line: number; cells: string[] }>, header: readonly string[]): AsyncGenerator<SamsungRow> {
  const index = new Map<string, number>();
  header.forEach((cell, i) => {
    const name = columnName(cell);
    if (!index.has(name)) index.set(name, i);
  });
  for await (const record of records) {
    yield {
      line: record.line,
      get: (column) => {
        const at = index.get(column);
        return at === undefined ? "" : (record.cells[at] ?? "").trim();
      },
    };
  }
}

/** Reads the metadata line and the header; the rows stream from `rows`. */
export async function openSamsungTable(input: Readable, what: string): Promise<SamsungTable> {
  const records = readCsvRecords(input, { maxColumns: 400 });
  const meta = await records.next();
  if (meta.done === true) throw new ParseError("EMPTY_FILE", `${what} is empty.`);
  if (!isSamsungMetadataLine(meta.value.cells)) {
    await records.return(undefined);
    throw new ParseError(
      "CSV_INVALID",
      `${what} does not start with Samsung Health's data-type line (e.g. "com.samsung.shealth.tracker.heart_rate,6156001,3").`,
    );
  }
  const header = await records.next();
  if (header.done === true) throw new ParseError("EMPTY_FILE", `${what} has no header line.`);
  return { dataType: (meta.value.cells[0] ?? "").trim().toLowerCase(), rows: rowsOf(records, header.value.cells) };
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;
const OFFSET = /^UTC([+-])(\d{2}):?(\d{2})$/i;

/** `2019-03-05 08:12:00.000` (UTC) → epoch ms, or null. */
export function samsungInstant(text: string): number | null {
  const match = INSTANT.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = "0"] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, "0")));
  // Date.UTC rolls 25:61 over into the next day; a time that is not a real one is refused instead.
  const back = new Date(ms);
  const real =
    back.getUTCDate() === Number(day) &&
    back.getUTCHours() === Number(hour) &&
    back.getUTCMinutes() === Number(minute) &&
    back.getUTCSeconds() === Number(second);
  return real ? ms : null;
}

/** `UTC+0530` → 330 minutes east of UTC, or null when absent or malformed. */
export function samsungOffsetMin(text: string): number | null {
  const match = OFFSET.exec(text);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}
