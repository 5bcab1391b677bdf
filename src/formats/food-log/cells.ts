import { createHash } from "node:crypto";
import type { IntakeMeal } from "../contract.js";

/** Trimmed, lower-case header name with NBSPs as spaces and runs of spaces collapsed. */
export function normalizeHeader(name: string): string {
  return name.replace(/\s+/g, " ").trim().toLowerCase();
}

/** Index of the first header cell equal (after normalizing) to one of `names`, or null. */
export function findColumn(header: readonly string[], names: readonly string[]): number | null {
  const wanted = new Set(names.map(normalizeHeader));
  const index = header.findIndex((cell) => wanted.has(normalizeHeader(cell)));
  return index === -1 ? null : index;
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
// "1,050" and "12,345.6": exports quote numbers formatted with thousands separators. "1,5" is not one of them.
const THOUSANDS_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

export type NumberCell = { kind: "empty" } | { kind: "number"; value: number } | { kind: "invalid"; text: string };

/** Reads a numeric cell as data: plain decimals and comma thousands separators only, never an expression. */
export function readNumberCell(cell: string | undefined): NumberCell {
  const text = (cell ?? "").replace(/\s+/g, "");
  if (text === "") return { kind: "empty" };
  if (PLAIN_NUMBER.test(text)) return { kind: "number", value: Number(text) };
  if (THOUSANDS_NUMBER.test(text)) return { kind: "number", value: Number(text.replaceAll(",", "")) };
  return { kind: "invalid", text: cell ?? "" };
}

// Food logs go back to the 1990s at most; dates outside this window are typos or garbage.
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** The cell as a real calendar date YYYY-MM-DD, or null. */
export function readLocalDate(cell: string | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec((cell ?? "").trim());
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  const isReal = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isReal ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

const TIME_24H = /^(\d{1,2}):(\d{2})(?::\d{2})?$/;
// "9:15 AM", "9:15 pm", "9:15 a.m."; ICU 72+ puts a narrow no-break space (U+202F, matched by \s) before it.
const TIME_12H = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap])\.?m\.?$/i;

export type TimeCell = { kind: "empty" } | { kind: "time"; value: string } | { kind: "invalid" };

/** A local wall-clock time as HH:MM (24 h) from "08:00", "8:00:00" or "9:15 AM". */
export function readLocalTime(cell: string | undefined): TimeCell {
  const text = (cell ?? "").trim();
  if (text === "") return { kind: "empty" };
  const h24 = TIME_24H.exec(text);
  const h12 = h24 === null ? TIME_12H.exec(text) : null;
  const match = h24 ?? h12;
  if (match === null) return { kind: "invalid" };
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  if (h12 !== null) {
    if (hour < 1 || hour > 12) return { kind: "invalid" };
    const isPm = (match[3] ?? "").toLowerCase() === "p";
    hour = (hour % 12) + (isPm ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return { kind: "invalid" };
  return { kind: "time", value: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}` };
}

const MEAL_BY_LABEL: ReadonlyMap<string, IntakeMeal> = new Map([
  ["breakfast", "breakfast"],
  ["lunch", "lunch"],
  ["dinner", "dinner"],
  ["snack", "snack"],
  ["snacks", "snack"],
]);

/** The standard meal a label names; custom meal names ("Meal 5", "Pre-workout") give null. */
export function readMeal(cell: string | undefined): IntakeMeal | null {
  return MEAL_BY_LABEL.get((cell ?? "").trim().toLowerCase()) ?? null;
}

/** True for a summary row ("Total", "Totals") that some exports append after the data. */
export function isTotalsRow(cells: readonly string[]): boolean {
  const first = cells.find((cell) => cell.trim() !== "");
  return first !== undefined && /^totals?:?$/i.test(first.trim());
}

// Free text inside an external id is percent-encoded (so ":" cannot fake another id part) and long text is
// replaced by a hash: ids stay unambiguous and bounded whatever a food is called.
const MAX_ID_PART_CHARS = 120;

/** A free-text part of an external id: deterministic, unambiguous, at most ~120 characters. */
export function idPart(text: string): string {
  const encoded = encodeURIComponent(text.trim().toLowerCase());
  if (encoded.length <= MAX_ID_PART_CHARS) return encoded;
  return `sha256-${createHash("sha256").update(text.trim().toLowerCase()).digest("hex")}`;
}

/** Counts how often each key has been seen: the n-th duplicate of a natural key gets n (1-based). */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  next(key: string): number {
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return n;
  }
}

/** True when a sniffed header (lower-cased cells) has an energy column in kcal or kJ. */
export function hasEnergyHeader(cells: readonly string[]): boolean {
  return cells.includes("energy (kcal)") || cells.includes("energy (kj)");
}
