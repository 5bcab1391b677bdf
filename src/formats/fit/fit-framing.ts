// Splits a FIT upload into its chained files and repairs what can be repaired before decoding:
// fit-file-parser refuses a file whose header declares more data than is present, so a truncated
// file is cut back to its last complete message and given a header that says so.
import { ParseError } from "../contract.js";

const FIT_SIGNATURE = ".FIT";
const MIN_HEADER_BYTES = 12;
const CRC_BYTES = 2;
const DEFINITION_FIXED_BYTES = 6;
const FIELD_DEFINITION_BYTES = 3;

export interface FitSegment {
  /** Header + complete messages + CRC, ready for the decoder (a repaired copy when damage was found). */
  bytes: Uint8Array<ArrayBuffer>;
  /** Why this chained file is incomplete or untrustworthy, or null when it is intact. */
  damage: string | null;
  /** Complete messages (definitions and data) in `bytes`: what decoding it will allocate objects for. */
  messages: number;
}

interface Walk {
  /** Offset just past the last complete, well-formed message. */
  end: number;
  problem: string | null;
  messages: number;
}

/** CRC-16 as defined by the FIT protocol (nibble-table form). */
export function fitCrc(bytes: Uint8Array, start: number, end: number): number {
  const table = [0x0000, 0xcc01, 0xd801, 0x1400, 0xf001, 0x3c00, 0x2800, 0xe401, 0xa001, 0x6c00, 0x7800, 0xb401, 0x5000, 0x9c01, 0x8801, 0x4400];
  let crc = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] ?? 0;
    let tmp = table[crc & 0xf] ?? 0;
    crc = ((crc >> 4) & 0x0fff) ^ tmp ^ (table[byte & 0xf] ?? 0);
    tmp = table[crc & 0xf] ?? 0;
    crc = ((crc >> 4) & 0x0fff) ^ tmp ^ (table[(byte >> 4) & 0xf] ?? 0);
  }
  return crc;
}

function byteAt(buf: Uint8Array, offset: number): number {
  return buf[offset] ?? 0;
}

function definitionSize(buf: Uint8Array, offset: number, limit: number, hasDevFields: boolean) {
  if (offset + DEFINITION_FIXED_BYTES > limit) return null;
  const fieldCount = byteAt(buf, offset + 5);
  let next = offset + DEFINITION_FIXED_BYTES + fieldCount * FIELD_DEFINITION_BYTES;
  let dataBytes = 0;
  for (let i = 0; i < fieldCount; i++) dataBytes += byteAt(buf, offset + 7 + i * FIELD_DEFINITION_BYTES);
  if (hasDevFields) {
    if (next + 1 > limit) return null;
    const devCount = byteAt(buf, next);
    for (let i = 0; i < devCount; i++) dataBytes += byteAt(buf, next + 2 + i * FIELD_DEFINITION_BYTES);
    next += 1 + devCount * FIELD_DEFINITION_BYTES;
  }
  return { next, dataBytes };
}

/** Walks message boundaries (without decoding values) from `start` up to `limit`. */
function walkMessages(buf: Uint8Array, start: number, limit: number): Walk {
  const dataBytesByLocalType = new Map<number, number>();
  let offset = start;
  let messages = 0;
  while (offset < limit) {
    const header = byteAt(buf, offset);
    const isCompressedTimestamp = (header & 0x80) !== 0;
    const isDefinition = !isCompressedTimestamp && (header & 0x40) !== 0;
    let next: number;
    if (isDefinition) {
      if (byteAt(buf, offset + 2) > 1) return { end: offset, problem: `an invalid definition at byte ${offset}`, messages };
      const definition = definitionSize(buf, offset, limit, (header & 0x20) !== 0);
      if (!definition) return { end: offset, problem: `a message cut off at byte ${limit}`, messages };
      dataBytesByLocalType.set(header & 0x0f, definition.dataBytes);
      next = definition.next;
    } else {
      const localType = isCompressedTimestamp ? (header >> 5) & 0x03 : header & 0x0f;
      const dataBytes = dataBytesByLocalType.get(localType);
      if (dataBytes === undefined) return { end: offset, problem: `an undefined message at byte ${offset}`, messages };
      next = offset + 1 + dataBytes;
    }
    if (next > limit) return { end: offset, problem: `a message cut off at byte ${limit}`, messages };
    offset = next;
    messages++;
  }
  return { end: offset, problem: null, messages };
}

function readHeader(buf: Uint8Array, start: number) {
  if (buf.length - start < MIN_HEADER_BYTES) return null;
  const headerBytes = byteAt(buf, start);
  if (headerBytes !== 12 && headerBytes !== 14) return null;
  const signature = String.fromCharCode(...buf.subarray(start + 8, start + 12));
  if (signature !== FIT_SIGNATURE || buf.length - start < headerBytes) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return { headerBytes, dataBytes: view.getUint32(start + 4, true) };
}

function repairedCopy(buf: Uint8Array, start: number, headerBytes: number, end: number) {
  const copy = new Uint8Array(end - start + CRC_BYTES);
  copy.set(buf.subarray(start, end));
  new DataView(copy.buffer).setUint32(4, end - start - headerBytes, true);
  return copy;
}

function damageFor(walk: Walk, declaredEnd: number, buf: Uint8Array, start: number, declaredDataBytes: number) {
  const unfinalised = declaredDataBytes === 0;
  if (unfinalised && walk.problem) return `its header declares no data and reading stopped at ${walk.problem}`;
  if (unfinalised) return "the device never finalised the file (its header declares no data)";
  if (declaredEnd > buf.length) {
    const headerBytes = declaredEnd - start - declaredDataBytes;
    const presentBytes = buf.length - start - headerBytes;
    return `the file is truncated: it declares ${declaredDataBytes} bytes of data but only ${presentBytes} are present`;
  }
  if (walk.problem) return `the file is damaged: reading stopped at ${walk.problem}`;
  if (declaredEnd + CRC_BYTES > buf.length) return "the file is truncated (its checksum is missing)";
  const storedCrc = byteAt(buf, declaredEnd) | (byteAt(buf, declaredEnd + 1) << 8);
  if (storedCrc !== fitCrc(buf, start, declaredEnd)) return "the file's checksum does not match its contents";
  return null;
}

function frameOne(buf: Uint8Array, start: number, headerBytes: number, dataBytes: number) {
  const unfinalised = dataBytes === 0;
  const declaredEnd = unfinalised ? buf.length : start + headerBytes + dataBytes;
  const walk = walkMessages(buf, start + headerBytes, Math.min(declaredEnd, buf.length));
  const damage = damageFor(walk, declaredEnd, buf, start, dataBytes);
  const intact = damage === null || (!walk.problem && !unfinalised && declaredEnd + CRC_BYTES <= buf.length);
  const bytes = intact ? new Uint8Array(buf.subarray(start, declaredEnd + CRC_BYTES)) : repairedCopy(buf, start, headerBytes, walk.end);
  return { segment: { bytes, damage, messages: walk.messages }, nextStart: declaredEnd + CRC_BYTES };
}

/** Frames every chained FIT file in `buf`. Throws FIT_INVALID when the first header is not a FIT header. */
export function frameFitSegments(buf: Uint8Array): FitSegment[] {
  const segments: FitSegment[] = [];
  let start = 0;
  while (start < buf.length) {
    const header = readHeader(buf, start);
    if (!header) {
      if (segments.length === 0) {
        throw new ParseError("FIT_INVALID", "This is not a FIT file: its header is missing or malformed.");
      }
      segments.push({ bytes: new Uint8Array(0), damage: `${buf.length - start} bytes after the FIT data were ignored`, messages: 0 });
      break;
    }
    const { segment, nextStart } = frameOne(buf, start, header.headerBytes, header.dataBytes);
    segments.push(segment);
    start = nextStart;
  }
  return segments;
}
