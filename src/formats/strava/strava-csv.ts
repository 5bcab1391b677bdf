// Strava's bulk export `activities.csv`: one row per activity, ~95 columns in English, some names twice. The first
// of a repeated name is in the account's display units (Distance in km or mi, Elapsed Time as shown), the second in
// SI units (Distance in metres, seconds), so values are read by position, never by a name-keyed object.
// `Activity Date` is UTC ("May 6, 2024, 4:02:34 AM"): real exports put a hike in Nepal at 04:02 in this column
// while its FIT file starts at 04:02:34Z.

import { draftEvents, NO_DEVICE_SUMMARY, type WorkoutDraft } from "../common/workout-draft.js";
import type { ParseEvent, SourceRef } from "../contract.js";

export const STRAVA_SOURCE: SourceRef = { name: "Strava", deviceType: "app", device: null };

/** The header cells Strava always writes first; enough to recognise the file. */
export const STRAVA_CSV_HEAD = ["activity id", "activity date", "activity name", "activity type"] as const;

export function isStravaHeader(cells: readonly string[]): boolean {
  return STRAVA_CSV_HEAD.every((name, i) => cells[i] === name);
}

// Strava's activity (sport) types as the CSV writes them, to this service's snake_case vocabulary.
const STRAVA_TYPES: Record<string, string> = {
  run: "running",
  "trail run": "trail_running",
  "virtual run": "virtual_running",
  ride: "cycling",
  "virtual ride": "virtual_cycling",
  "mountain bike ride": "mountain_biking",
  "gravel ride": "gravel_cycling",
  "e-bike ride": "e_biking",
  walk: "walking",
  hike: "hiking",
  swim: "swimming",
  "weight training": "strength_training",
  crossfit: "cross_training",
  "high intensity interval training": "hiit",
  hiit: "hiit",
  rowing: "rowing",
  "stair-stepper": "stair_climbing",
  elliptical: "elliptical",
  yoga: "yoga",
  workout: "workout",
};

export function stravaActivityType(type: string): string {
  const key = type.trim().toLowerCase();
  const known = STRAVA_TYPES[key];
  if (known !== undefined) return known;
  const snake = key.replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  return snake === "" ? "other" : snake;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ENGLISH_DATE = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})\s*([AaPp][Mm])$/;
const ISO_LIKE_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})Z?$/;

/** `Activity Date` as epoch ms (UTC), or null when it is neither of the two layouts Strava has written. */
export function parseStravaDate(text: string): number | null {
  const cell = text.trim().replace(/\u202f/g, " ");
  const english = ENGLISH_DATE.exec(cell);
  if (english) {
    const [, mon = "", day, year, hour, minute, second, ampm = ""] = english;
    const month = MONTHS.indexOf(mon.toLowerCase());
    if (month === -1) return null;
    const h12 = Number(hour) % 12;
    const h = ampm.toLowerCase() === "pm" ? h12 + 12 : h12;
    return Date.UTC(Number(year), month, Number(day), h, Number(minute), Number(second));
  }
  const iso = ISO_LIKE_DATE.exec(cell);
  if (iso) {
    const [, year, month, day, hour, minute, second] = iso;
    return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  }
  return null;
}

/** Positions of every column by name, in header order (a repeated name has several). */
export type StravaColumns = ReadonlyMap<string, readonly number[]>;

export function stravaColumns(header: readonly string[]): StravaColumns {
  const columns = new Map<string, number[]>();
  header.forEach((raw, i) => {
    const name = raw.replace(/\s+/g, " ").trim().toLowerCase();
    columns.set(name, [...(columns.get(name) ?? []), i]);
  });
  return columns;
}

function cellAt(cells: readonly string[], index: number | undefined): string {
  return index === undefined ? "" : (cells[index] ?? "").trim();
}

function numberIn(text: string): number | null {
  if (text === "") return null;
  const value = Number(text.replace(/,/g, ""));
  return Number.isFinite(value) ? value : null;
}

/** The SI copy of a repeated column (the second), or the only one when `singleIsSi`. */
function siNumber(cells: readonly string[], columns: StravaColumns, name: string, singleIsSi: boolean): number | null {
  const at = columns.get(name) ?? [];
  if (at.length >= 2) return numberIn(cellAt(cells, at[1]));
  return singleIsSi ? numberIn(cellAt(cells, at[0])) : null;
}

/** The last non-empty copy of a column (Strava leaves the second Max Heart Rate empty while the first is set). */
function lastNumber(cells: readonly string[], columns: StravaColumns, name: string): number | null {
  const values = (columns.get(name) ?? []).map((i) => numberIn(cellAt(cells, i))).filter((v): v is number => v !== null);
  return values.at(-1) ?? null;
}

export interface StravaRow {
  activityId: string;
  /** The original upload inside the export, e.g. "activities/8474917700.fit.gz"; empty for manual entries. */
  filename: string;
  activityType: string;
  line: number;
  cells: readonly string[];
}

export function stravaRow(cells: readonly string[], line: number, columns: StravaColumns): StravaRow {
  return {
    activityId: cellAt(cells, columns.get("activity id")?.[0]),
    filename: cellAt(cells, columns.get("filename")?.[0]),
    activityType: stravaActivityType(cellAt(cells, columns.get("activity type")?.[0])),
    line,
    cells,
  };
}

function positive(value: number | null): number | null {
  return value !== null && value > 0 ? value : null;
}

/**
 * A workout from the CSV row alone (an activity whose original file is not in the export, or an `activities.csv`
 * uploaded on its own): type, start, elapsed and moving time, distance (metres), Strava's calories and heart rate.
 */
export function stravaRowEvents(row: StravaRow, columns: StravaColumns, nowMs: number): ParseEvent[] {
  const where = `line ${row.line}`;
  const reject = (reason: string): ParseEvent[] => [{ kind: "rejected", rejection: { where, reason, recordType: "workout" } }];
  const startMs = parseStravaDate(cellAt(row.cells, columns.get("activity date")?.[0]));
  if (startMs === null) return reject('The activity\'s date is not one Strava writes (e.g. "May 6, 2024, 4:02:34 AM"); it was not imported.');
  // Elapsed Time: the second copy is seconds with a decimal ("979.0"); the first is also seconds in every export seen.
  const elapsedSec = siNumber(row.cells, columns, "elapsed time", true);
  if (elapsedSec === null || elapsedSec <= 0) return reject("The activity has no elapsed time; it was not imported.");
  const { cells } = row;
  const draft: WorkoutDraft = {
    externalId: row.activityId === "" ? null : `strava:${row.activityId}`,
    activityType: row.activityType,
    startMs,
    endMs: startMs + elapsedSec * 1000,
    utcOffsetMin: null,
    source: STRAVA_SOURCE,
    // Strava's Calories are a total metabolic estimate (from work done or heart rate), resting included.
    energyBasis: "gross",
    device: {
      ...NO_DEVICE_SUMMARY,
      durationSec: positive(numberIn(cellAt(cells, columns.get("moving time")?.[0]))) ?? elapsedSec,
      // Only the SI copy: a lone Distance column is in km or miles depending on the account.
      distanceM: positive(siNumber(cells, columns, "distance", false)),
      activeEnergyKcal: positive(numberIn(cellAt(cells, columns.get("calories")?.[0]))),
      avgHrBpm: positive(lastNumber(cells, columns, "average heart rate")),
      maxHrBpm: positive(lastNumber(cells, columns, "max heart rate")),
    },
    fromSamples: { durationSec: null, distanceM: null },
    points: [],
  };
  return draftEvents(draft, where, nowMs);
}
