// Documented patches of real files from tests/fixtures, for defects no permissively licensed public file shows.
// Each patch changes only the bytes named here; everything else (every record, every heart-rate reading) is the
// original device's. Regenerate with `npx tsx tests/helpers/fixture-patches.ts`; a unit test checks that the
// committed files equal what these functions produce.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fitCrc } from "../../src/formats/fit/fit-framing.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** FIT profile global message numbers and session field numbers used below. */
const SESSION_MESSAGE = 18;
const RECORD_MESSAGE = 20;
const SESSION_START_TIME_FIELD = 2;
const SESSION_ELAPSED_FIELD = 7;
const SESSION_TIMER_FIELD = 8;

interface FieldLayout {
  fieldNumber: number;
  offset: number;
  size: number;
}

interface Definition {
  globalNumber: number;
  littleEndian: boolean;
  dataBytes: number;
  fields: FieldLayout[];
}

export interface FitMessage {
  /** Byte offset of the record header. */
  offset: number;
  /** Offset just past the message. */
  end: number;
  isDefinition: boolean;
  globalNumber: number;
  littleEndian: boolean;
  fields: FieldLayout[];
}

function readDefinition(buf: Buffer, offset: number, hasDeveloperFields: boolean): { definition: Definition; end: number } {
  const littleEndian = buf[offset + 2] === 0;
  const globalNumber = littleEndian ? buf.readUInt16LE(offset + 3) : buf.readUInt16BE(offset + 3);
  const fieldCount = buf[offset + 5] ?? 0;
  const fields: FieldLayout[] = [];
  let dataBytes = 0;
  for (let i = 0; i < fieldCount; i++) {
    const at = offset + 6 + i * 3;
    const size = buf[at + 1] ?? 0;
    fields.push({ fieldNumber: buf[at] ?? 0, offset: dataBytes, size });
    dataBytes += size;
  }
  let end = offset + 6 + fieldCount * 3;
  if (hasDeveloperFields) {
    const developerCount = buf[end] ?? 0;
    for (let i = 0; i < developerCount; i++) dataBytes += buf[end + 2 + i * 3] ?? 0;
    end += 1 + developerCount * 3;
  }
  return { definition: { globalNumber, littleEndian, dataBytes, fields }, end };
}

/** Walks the messages of a single (not chained) FIT file: normal and compressed-timestamp headers. */
export function fitMessages(buf: Buffer): FitMessage[] {
  const headerBytes = buf[0] ?? 0;
  const dataEnd = headerBytes + buf.readUInt32LE(4);
  const definitions = new Map<number, Definition>();
  const messages: FitMessage[] = [];
  let offset = headerBytes;
  while (offset < dataEnd) {
    const header = buf[offset] ?? 0;
    if ((header & 0x80) === 0 && (header & 0x40) !== 0) {
      const { definition, end } = readDefinition(buf, offset, (header & 0x20) !== 0);
      definitions.set(header & 0x0f, definition);
      messages.push({
        offset,
        end,
        isDefinition: true,
        globalNumber: definition.globalNumber,
        littleEndian: definition.littleEndian,
        fields: definition.fields,
      });
      offset = end;
      continue;
    }
    const localType = (header & 0x80) !== 0 ? (header >> 5) & 0x03 : header & 0x0f;
    const definition = definitions.get(localType);
    if (!definition) throw new Error(`undefined local message type ${localType} at byte ${offset}`);
    const end = offset + 1 + definition.dataBytes;
    messages.push({
      offset,
      end,
      isDefinition: false,
      globalNumber: definition.globalNumber,
      littleEndian: definition.littleEndian,
      fields: definition.fields,
    });
    offset = end;
  }
  return messages;
}

/** Rewrites the header's data size (and header CRC) and appends the file CRC over the new content. */
function finishFit(header: Buffer, data: Buffer): Buffer {
  const out = Buffer.concat([header, data, Buffer.alloc(2)]);
  out.writeUInt32LE(data.length, 4);
  if (header.length === 14) out.writeUInt16LE(fitCrc(out, 0, 12), 12);
  out.writeUInt16LE(fitCrc(out, 0, out.length - 2), out.length - 2);
  return out;
}

function fieldAt(message: FitMessage, fieldNumber: number): FieldLayout {
  const field = message.fields.find((f) => f.fieldNumber === fieldNumber && f.size === 4);
  if (!field) throw new Error(`session message at byte ${message.offset} has no 4-byte field ${fieldNumber}`);
  return field;
}

/**
 * Breaks the session header the way real devices do, leaving every record intact:
 * - swaps total_elapsed_time and total_timer_time (a timer longer than the elapsed time is impossible);
 * - moves start_time `startShiftSec` seconds (after the last record when the shift is larger than the activity).
 */
export function breakSessionTimes(original: Buffer, startShiftSec: number): Buffer {
  const buf = Buffer.from(original);
  const sessions = fitMessages(buf).filter((m) => !m.isDefinition && m.globalNumber === SESSION_MESSAGE);
  if (sessions.length !== 1) throw new Error(`expected one session message, found ${sessions.length}`);
  for (const session of sessions) {
    const read = (field: FieldLayout) =>
      session.littleEndian ? buf.readUInt32LE(session.offset + 1 + field.offset) : buf.readUInt32BE(session.offset + 1 + field.offset);
    const write = (field: FieldLayout, value: number) =>
      session.littleEndian
        ? buf.writeUInt32LE(value, session.offset + 1 + field.offset)
        : buf.writeUInt32BE(value, session.offset + 1 + field.offset);
    const start = fieldAt(session, SESSION_START_TIME_FIELD);
    const elapsed = fieldAt(session, SESSION_ELAPSED_FIELD);
    const timer = fieldAt(session, SESSION_TIMER_FIELD);
    const [elapsedValue, timerValue] = [read(elapsed), read(timer)];
    write(elapsed, timerValue);
    write(timer, elapsedValue);
    write(start, read(start) + startShiftSec);
  }
  const headerBytes = buf[0] ?? 0;
  return finishFit(buf.subarray(0, headerBytes), buf.subarray(headerBytes, headerBytes + buf.readUInt32LE(4)));
}

/** Keeps only the messages before the first record: a watch that was started and stopped before recording anything. */
export function dropEverythingFromFirstRecord(original: Buffer): Buffer {
  const messages = fitMessages(original);
  const firstRecord = messages.find((m) => !m.isDefinition && m.globalNumber === RECORD_MESSAGE);
  if (!firstRecord) throw new Error("the file has no record message");
  const headerBytes = original[0] ?? 0;
  return finishFit(original.subarray(0, headerBytes), original.subarray(headerBytes, firstRecord.offset));
}

/** GPX: replaces the heart rate of the `index`-th track point (0-based) with `bpm`. */
export function withHeartRateAt(gpx: string, replacements: ReadonlyMap<number, number>): string {
  let index = -1;
  return gpx.replace(/<gpxtpx:hr>(\d+)<\/gpxtpx:hr>/g, (match) => {
    index++;
    const bpm = replacements.get(index);
    return bpm === undefined ? match : `<gpxtpx:hr>${bpm}</gpxtpx:hr>`;
  });
}

/** The patched fixtures, by path under tests/fixtures, and how each is made from its real source file. */
export const PATCHED_FIXTURES: Record<string, () => Buffer> = {
  // Session start moved 4 h later (past the last record) and elapsed/timer swapped; 10,686 real records.
  "fit/patched__garmin-edge-500-inverted-session-times.fit": () =>
    breakSessionTimes(readFileSync(`${FIXTURES}fit/pyfitparse__garmin-edge-500-activity.fit`), 4 * 3600),
  // file_id, device and settings messages only: the watch never wrote a record or a session.
  "fit/patched__garmin-fenix-5-run-no-records.fit": () =>
    dropEverythingFromFirstRecord(readFileSync(`${FIXTURES}fit/pyfitparse__garmin-fenix-5-run.fit`)),
  // A 5-second optical dropout (points 12-16 read 0 bpm) and one saturated 255 bpm reading (point 30).
  "gpx/patched__togeojson-run_gpxtpx-hr-dropouts.gpx": () =>
    Buffer.from(
      withHeartRateAt(
        readFileSync(`${FIXTURES}gpx/togeojson__run_gpxtpx.gpx`, "utf8"),
        new Map([
          [12, 0],
          [13, 0],
          [14, 0],
          [15, 0],
          [16, 0],
          [30, 255],
        ]),
      ),
      "utf8",
    ),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [path, make] of Object.entries(PATCHED_FIXTURES)) {
    writeFileSync(`${FIXTURES}${path}`, make());
    process.stdout.write(`wrote tests/fixtures/${path}\n`);
  }
}
