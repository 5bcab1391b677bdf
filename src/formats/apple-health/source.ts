import type { SourceRef } from "../contract.js";
import { inferDeviceType } from "./infer-device-type.js";

const UNKNOWN_SOURCE_NAME = "Unknown source";

/** Apple names carry U+00A0 ("Apple\u00a0Watch") and U+202F; both become plain spaces. */
export function normalizeName(text: string): string {
  return text
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

// "<<HKDevice: 0x283a6c0f0>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch2,4, software:4.3.1>"
// Values may contain commas ("Watch2,4"), so fields are split only where ", key:" follows.
const HK_DEVICE_PREFIX = /^<<HKDevice: 0x[0-9a-fA-F]+>,?\s*/;
const FIELD_SEPARATOR = /,\s+(?=[A-Za-z]+:)/;

function parseDeviceFields(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of body.split(FIELD_SEPARATOR)) {
    const colon = part.indexOf(":");
    if (colon > 0) fields.set(part.slice(0, colon).trim(), normalizeName(part.slice(colon + 1)));
  }
  return fields;
}

/** A stable device label without the memory address, e.g. "Apple Watch (Watch2,4)"; null when absent. */
export function normalizeDevice(device: string | undefined): string | null {
  if (device === undefined || device.trim() === "") return null;
  if (!HK_DEVICE_PREFIX.test(device)) return normalizeName(device.replace(/0x[0-9a-fA-F]+/g, "")) || null;
  const body = device.replace(HK_DEVICE_PREFIX, "").replace(/>\s*$/, "");
  const fields = parseDeviceFields(body);
  const name = fields.get("name") || fields.get("model") || fields.get("manufacturer") || "";
  const hardware = fields.get("hardware") ?? "";
  if (name === "") return hardware === "" ? null : hardware;
  return hardware === "" || hardware === name ? name : `${name} (${hardware})`;
}

function buildSourceRef(sourceName: string | undefined, device: string | undefined, userEntered: boolean): SourceRef {
  const name = normalizeName(sourceName ?? "") || UNKNOWN_SOURCE_NAME;
  const normalizedDevice = normalizeDevice(device);
  const deviceType = userEntered ? "manual" : inferDeviceType(name, normalizedDevice);
  return Object.freeze({ name, deviceType, device: normalizedDevice });
}

const HK_DEVICE_ADDRESS_AT = "<<HKDevice: 0x".length;

function isHexCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/**
 * What a device description means without its memory address: an "<<HKDevice: 0x…>" description normalizes to
 * the same device whatever the address (normalizeDevice drops that whole prefix), so only the text after it counts.
 */
function deviceKey(device: string | undefined): string {
  if (device === undefined) return "";
  if (device.startsWith("<<HKDevice: 0x")) {
    const end = device.indexOf(">", HK_DEVICE_ADDRESS_AT);
    let hex = end > HK_DEVICE_ADDRESS_AT;
    for (let i = HK_DEVICE_ADDRESS_AT; hex && i < end; i++) hex = isHexCode(device.charCodeAt(i));
    if (hex) return `H${device.slice(end)}`;
  }
  return `R${device}`;
}

// An export has a handful of sources, each writing hundreds of thousands of records with a fresh device address:
// normalizing names and device fields per record (regexes, splits) was a fifth of reading one. Bounded, so a file
// with endless distinct sources cannot grow it.
const MAX_CACHED_SOURCES = 1024;
const sourceRefCache = new Map<string, SourceRef>();

/** Builds the SourceRef for an Apple record or workout (the same frozen object for the same source). */
export function toSourceRef(sourceName: string | undefined, device: string | undefined, userEntered: boolean): SourceRef {
  const key = `${userEntered ? "1" : "0"}${sourceName ?? "\u0000"}\u0000${deviceKey(device)}`;
  const cached = sourceRefCache.get(key);
  if (cached !== undefined) return cached;
  const ref = buildSourceRef(sourceName, device, userEntered);
  if (sourceRefCache.size >= MAX_CACHED_SOURCES) sourceRefCache.clear();
  sourceRefCache.set(key, ref);
  return ref;
}
