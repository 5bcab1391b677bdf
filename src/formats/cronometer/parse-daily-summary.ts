import type { Readable } from "node:stream";
import { type IntakeEvent, ParseError } from "../contract.js";
import { findColumn, isTotalsRow } from "../food-log/cells.js";
import { type IntakeCsvOptions, openCsvTable } from "../food-log/csv-records.js";
import type { RowFields } from "../food-log/intake-row.js";
import { columnCountProblem, findEnergyColumn, readIntakeValues, rejection } from "../food-log/intake-row.js";

const RECORD_TYPE = "cronometer_day";

interface DailySummaryColumns extends RowFields {
  completedIndex: number | null;
}

function resolveColumns(header: readonly string[]): DailySummaryColumns {
  const dateIndex = findColumn(header, ["Date"]);
  const energy = findEnergyColumn(header, ["Energy (kcal)"], ["Energy (kJ)"]);
  if (dateIndex === null || energy === null) {
    throw new ParseError("CSV_INVALID", "This is not a Cronometer daily summary: the header needs Date and Energy (kcal) columns.");
  }
  const macros = {
    proteinG: findColumn(header, ["Protein (g)"]),
    carbsG: findColumn(header, ["Carbs (g)"]),
    fatG: findColumn(header, ["Fat (g)"]),
  };
  return { dateIndex, energy, macros, completedIndex: findColumn(header, ["Completed"]) };
}

/** Cronometer writes `true`/`false`; anything else means the export did not say. */
function readCompleted(cells: readonly string[], index: number | null): boolean | null {
  if (index === null) return null;
  const text = (cells[index] ?? "").trim().toLowerCase();
  if (text === "true") return true;
  if (text === "false") return false;
  return null;
}

/**
 * Streams Cronometer's dailysummary.csv: one intake per local day (`cronometer-day:<date>`) followed by that day's
 * status from the `Completed` column ("partial" when false). A second row for the same date is rejected.
 */
export async function* parseCronometerDailySummaryCsv(input: Readable, opts: IntakeCsvOptions = {}): AsyncGenerator<IntakeEvent> {
  const table = await openCsvTable(input, "Cronometer daily summary", opts);
  const columns = resolveColumns(table.header);
  const seenDates = new Set<string>();
  for await (const { line, cells } of table.rows) {
    if (isTotalsRow(cells)) continue;
    const shifted = columnCountProblem(cells, table.header.length);
    const values = shifted === null ? readIntakeValues(cells, columns) : { ok: false as const, reason: shifted };
    const duplicate = values.ok && seenDates.has(values.value.localDate);
    if (!values.ok || duplicate) {
      const reason = values.ok ? `the date ${values.value.localDate} already appeared earlier in the file` : values.reason;
      yield { kind: "rejected", rejection: rejection(line, RECORD_TYPE, reason) };
      continue;
    }
    const { localDate } = values.value;
    seenDates.add(localDate);
    const externalId = `cronometer-day:${localDate}`;
    yield { kind: "intake", intake: { ...values.value, localTime: null, meal: null, name: null, externalId } };
    const completed = readCompleted(cells, columns.completedIndex);
    if (completed !== null) {
      yield { kind: "day-status", localDate, status: completed ? "complete" : "partial", completed };
    }
  }
}
