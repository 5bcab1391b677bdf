import type { Readable } from "node:stream";
import { type IntakeEvent, ParseError } from "../contract.js";
import { findColumn, idPart, isTotalsRow, OccurrenceCounter, readMeal } from "../food-log/cells.js";
import { type IntakeCsvOptions, openCsvTable } from "../food-log/csv-records.js";
import type { RowFields } from "../food-log/intake-row.js";
import { columnCountProblem, findEnergyColumn, readIntakeValues, rejection } from "../food-log/intake-row.js";

const RECORD_TYPE = "myfitnesspal_row";

interface MfpColumns extends RowFields {
  mealIndex: number;
  /** Present in per-food logs (Date,Meal,Food Name,Calories); absent from the Nutrition Summary. */
  foodNameIndex: number | null;
}

function resolveColumns(header: readonly string[]): MfpColumns {
  const dateIndex = findColumn(header, ["Date"]);
  const mealIndex = findColumn(header, ["Meal"]);
  const energy = findEnergyColumn(header, ["Calories", "Energy (kcal)"], ["Kilojoules", "Energy (kJ)"]);
  if (dateIndex === null || mealIndex === null || energy === null) {
    throw new ParseError("CSV_INVALID", "This is not a MyFitnessPal export: the header needs Date, Meal and Calories columns.");
  }
  const macros = {
    proteinG: findColumn(header, ["Protein (g)", "Protein"]),
    carbsG: findColumn(header, ["Carbohydrates (g)", "Carbohydrates"]),
    fatG: findColumn(header, ["Fat (g)", "Fat"]),
  };
  return { dateIndex, mealIndex, energy, macros, foodNameIndex: findColumn(header, ["Food Name", "Food"]) };
}

function externalIdFor(localDate: string, mealLabel: string, foodName: string | null, counter: OccurrenceCounter): string {
  const base = foodName === null ? `mfp:${localDate}:${idPart(mealLabel)}` : `mfp-food:${localDate}:${idPart(mealLabel)}:${idPart(foodName)}`;
  const n = counter.next(base);
  // The Nutrition Summary has one row per meal per day, so the bare key is the common case; food logs always count.
  if (foodName === null) return n === 1 ? base : `${base}:${n}`;
  return `${base}:${n}`;
}

/**
 * Streams a MyFitnessPal "Nutrition Summary" CSV (one row per meal per day) or a per-food log with the same
 * leading columns. Rows with a bad date, energy outside 0..20,000 kcal or shifted columns are rejected one by one;
 * a trailing Totals row is ignored. Cells are literal text.
 */
export async function* parseMyFitnessPalCsv(input: Readable, opts: IntakeCsvOptions = {}): AsyncGenerator<IntakeEvent> {
  const table = await openCsvTable(input, "MyFitnessPal", opts);
  const columns = resolveColumns(table.header);
  const counter = new OccurrenceCounter();
  for await (const { line, cells } of table.rows) {
    if (isTotalsRow(cells)) continue;
    const shifted = columnCountProblem(cells, table.header.length);
    const values = shifted === null ? readIntakeValues(cells, columns) : { ok: false as const, reason: shifted };
    if (!values.ok) {
      yield { kind: "rejected", rejection: rejection(line, RECORD_TYPE, values.reason) };
      continue;
    }
    const mealLabel = (cells[columns.mealIndex] ?? "").trim();
    const name = columns.foodNameIndex === null ? null : (cells[columns.foodNameIndex] ?? "").trim();
    const externalId = externalIdFor(values.value.localDate, mealLabel, name, counter);
    yield {
      kind: "intake",
      intake: { ...values.value, localTime: null, meal: readMeal(mealLabel), name: name === "" ? null : name, externalId },
    };
  }
}
