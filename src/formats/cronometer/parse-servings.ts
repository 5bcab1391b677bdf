import type { Readable } from "node:stream";
import { type IntakeEvent, type ParsedIntake, ParseError } from "../contract.js";
import { findColumn, idPart, isTotalsRow, OccurrenceCounter, readLocalTime, readMeal } from "../food-log/cells.js";
import { type IntakeCsvOptions, openCsvTable } from "../food-log/csv-records.js";
import type { RowFields, RowOutcome } from "../food-log/intake-row.js";
import { columnCountProblem, findEnergyColumn, readIntakeValues, rejection } from "../food-log/intake-row.js";

const RECORD_TYPE = "cronometer_serving";

interface ServingColumns extends RowFields {
  timeIndex: number | null;
  groupIndex: number | null;
  foodNameIndex: number;
}

function resolveColumns(header: readonly string[]): ServingColumns {
  const dateIndex = findColumn(header, ["Day"]);
  const foodNameIndex = findColumn(header, ["Food Name"]);
  const energy = findEnergyColumn(header, ["Energy (kcal)"], ["Energy (kJ)"]);
  if (dateIndex === null || foodNameIndex === null || energy === null) {
    throw new ParseError("CSV_INVALID", "This is not a Cronometer servings export: the header needs Day, Food Name and Energy (kcal).");
  }
  const macros = {
    proteinG: findColumn(header, ["Protein (g)"]),
    carbsG: findColumn(header, ["Carbs (g)"]),
    fatG: findColumn(header, ["Fat (g)"]),
  };
  const timeIndex = findColumn(header, ["Time"]);
  return { dateIndex, energy, macros, foodNameIndex, timeIndex, groupIndex: findColumn(header, ["Group"]) };
}

type ServingValues = Omit<ParsedIntake, "externalId">;

function readServing(cells: readonly string[], columns: ServingColumns): RowOutcome<ServingValues> {
  const values = readIntakeValues(cells, columns);
  if (!values.ok) return values;
  const time = readLocalTime(columns.timeIndex === null ? undefined : cells[columns.timeIndex]);
  if (time.kind === "invalid") {
    return { ok: false, reason: `the time ${JSON.stringify(cells[columns.timeIndex ?? -1] ?? "")} is not HH:MM or h:mm AM/PM` };
  }
  const name = (cells[columns.foodNameIndex] ?? "").trim();
  const meal = readMeal(columns.groupIndex === null ? undefined : cells[columns.groupIndex]);
  return {
    ok: true,
    value: { ...values.value, localTime: time.kind === "time" ? time.value : null, meal, name: name === "" ? null : name },
  };
}

/**
 * Streams Cronometer's servings.csv (one row per food eaten). The external id is day, time and food name plus the
 * n-th repeat of that triple in the file, so two identical servings at the same minute both import, once.
 */
export async function* parseCronometerServingsCsv(input: Readable, opts: IntakeCsvOptions = {}): AsyncGenerator<IntakeEvent> {
  const table = await openCsvTable(input, "Cronometer servings", opts);
  const columns = resolveColumns(table.header);
  const counter = new OccurrenceCounter();
  for await (const { line, cells } of table.rows) {
    if (isTotalsRow(cells)) continue;
    const shifted = columnCountProblem(cells, table.header.length);
    const serving = shifted === null ? readServing(cells, columns) : { ok: false as const, reason: shifted };
    if (!serving.ok) {
      yield { kind: "rejected", rejection: rejection(line, RECORD_TYPE, serving.reason) };
      continue;
    }
    const { localDate, localTime, name } = serving.value;
    const base = `cronometer-serving:${localDate}:${localTime ?? ""}:${idPart(name ?? "")}`;
    yield { kind: "intake", intake: { ...serving.value, externalId: `${base}:${counter.next(base)}` } };
  }
}
