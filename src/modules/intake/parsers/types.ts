import type { Rejection } from "../../ingest/parsers/types.js";

export const INTAKE_MEALS = ["breakfast", "lunch", "dinner", "snack"] as const;
export type IntakeMeal = (typeof INTAKE_MEALS)[number];

/** One logged meal, day or serving as a food-log export states it. Values are per row, never summed by the parser. */
export interface ParsedIntake {
  /** The person's local calendar date, YYYY-MM-DD. */
  localDate: string;
  /** Local wall-clock time HH:MM (24 h), or null when the export has no time for the row. */
  localTime: string | null;
  meal: IntakeMeal | null;
  /** Food or entry name exactly as exported (literal text, never evaluated), or null when the export has none. */
  name: string | null;
  energyKcal: number;
  proteinG: number | null;
  carbsG: number | null;
  fatG: number | null;
  /** Deterministic from the row's natural identity, so re-importing the same export changes nothing. */
  externalId: string;
}

export type IntakeDayStatus = "complete" | "partial";

export type IntakeEvent =
  | { kind: "intake"; intake: ParsedIntake }
  /** The export's own "day finished logging" flag (Cronometer `Completed`): false makes the day partial. */
  | { kind: "day-status"; localDate: string; status: IntakeDayStatus; completed: boolean }
  | { kind: "rejected"; rejection: Rejection };

export interface IntakeCsvOptions {
  /** Largest accepted record (all its cells together), in characters. */
  maxRecordChars?: number;
  /** Widest accepted header, in columns. */
  maxColumns?: number;
}
