import { formatAppleDate, hkDevice } from "./apple-format.js";
import type { DayInfo } from "./export-plan.js";
import type { Prng } from "./prng.js";

/** A writer of records: name and version as Apple prints them, and its device description (null for apps). */
export interface SourceSpec {
  name: string;
  version(day: DayInfo): string;
  device(rng: Prng, day: DayInfo): string | null;
}

function byEra<T>(day: DayInfo, eras: readonly T[]): T {
  const era = eras[Math.min(eras.length - 1, Math.floor(day.fraction * eras.length))];
  if (era === undefined) throw new Error("no era");
  return era;
}

// U+2019 in the names, as Apple writes them; the watch is replaced halfway, so there are two watch sources.
export const WATCH: SourceSpec = {
  name: "Jane\u2019s Apple\u00a0Watch",
  version: (day) => byEra(day, ["5.3", "6.2.8", "7.6.2", "8.7", "9.1", "10.2"]),
  device: (rng, day) =>
    hkDevice(rng.hex(9), {
      name: "Apple Watch",
      model: "Watch",
      hardware: day.fraction < 0.5 ? "Watch4,2" : "Watch6,2",
      software: byEra(day, ["5.3", "6.2.8", "7.6.2", "8.7", "9.1", "10.2"]),
    }),
};

export const IPHONE: SourceSpec = {
  name: "Jane\u2019s iPhone",
  version: (day) => byEra(day, ["12.4", "13.5.1", "14.8", "15.7", "16.1.1", "17.2"]),
  device: (rng, day) =>
    hkDevice(rng.hex(9), {
      name: "iPhone",
      model: "iPhone",
      hardware: day.fraction < 0.6 ? "iPhone10,4" : "iPhone14,2",
      software: byEra(day, ["12.4", "13.5.1", "14.8", "15.7", "16.1.1", "17.2"]),
    }),
};

export const STRAVA: SourceSpec = { name: "Strava", version: () => "34610", device: () => null };
export const SCALE: SourceSpec = { name: "Withings", version: () => "6.3.1", device: () => null };
export const OMRON: SourceSpec = { name: "OMRON connect", version: () => "2.3.1", device: () => null };

export interface RecordText {
  hkType: string;
  source: SourceSpec;
  unit: string | null;
  value: string;
  startMs: number;
  endMs: number;
  creationMs: number;
  /** Child elements (MetadataEntry, HRV lists), already indented; "" for none. */
  children: string;
}

/** One top-level <Record> line exactly as Apple indents it. */
export function recordXml(r: RecordText, rng: Prng, day: DayInfo, indent = " "): string {
  const device = r.source.device(rng, day);
  const off = day.offsetMin;
  const head =
    `${indent}<Record type="${r.hkType}" sourceName="${r.source.name}" sourceVersion="${r.source.version(day)}"` +
    (device === null ? "" : ` device="${device}"`) +
    (r.unit === null ? "" : ` unit="${r.unit}"`) +
    ` creationDate="${formatAppleDate(r.creationMs, off)}" startDate="${formatAppleDate(r.startMs, off)}"` +
    ` endDate="${formatAppleDate(r.endMs, off)}" value="${r.value}"`;
  return r.children === "" ? `${head}/>\n` : `${head}>\n${r.children}${indent}</Record>\n`;
}

export function metadataXml(key: string, value: string, indent = "  "): string {
  return `${indent}<MetadataEntry key="${key}" value="${value}"/>\n`;
}
