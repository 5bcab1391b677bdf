import type { ParsedIntake, Rejection } from "../contract.js";
import { findColumn, readLocalDate, readNumberCell } from "./cells.js";

// Above ~20,000 kcal in one row is a typo or unit mix-up, not a meal; same bound as dietary_energy samples.
export const MAX_INTAKE_ENERGY_KCAL = 20_000;
// Thermochemical calorie: 1 kcal = 4.184 kJ (the factor food labels use).
export const KJ_PER_KCAL = 4.184;
// One row's macronutrient cannot exceed the mass of food a person could log in a row; this catches mg/g mix-ups.
const MAX_MACRO_G = 5_000;

export interface EnergyColumn {
  index: number;
  unit: "kcal" | "kJ";
}

/** Finds the energy column: kcal headers first, then kJ ones (some locales export kilojoules). */
export function findEnergyColumn(header: readonly string[], kcalNames: readonly string[], kjNames: readonly string[]): EnergyColumn | null {
  const kcalIndex = findColumn(header, kcalNames);
  if (kcalIndex !== null) return { index: kcalIndex, unit: "kcal" };
  const kjIndex = findColumn(header, kjNames);
  return kjIndex === null ? null : { index: kjIndex, unit: "kJ" };
}

export interface MacroColumns {
  proteinG: number | null;
  carbsG: number | null;
  fatG: number | null;
}

export type RowOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };

function readEnergyKcal(cell: string | undefined, unit: EnergyColumn["unit"]): RowOutcome<number> {
  const parsed = readNumberCell(cell);
  if (parsed.kind === "empty") return { ok: false, reason: "the energy cell is empty" };
  if (parsed.kind === "invalid") return { ok: false, reason: `the energy cell ${JSON.stringify(parsed.text)} is not a number` };
  const energyKcal = unit === "kJ" ? Math.round((parsed.value / KJ_PER_KCAL) * 100) / 100 : parsed.value;
  if (!(energyKcal >= 0 && energyKcal <= MAX_INTAKE_ENERGY_KCAL)) {
    return { ok: false, reason: `energy ${energyKcal} kcal is outside 0..${MAX_INTAKE_ENERGY_KCAL} kcal` };
  }
  return { ok: true, value: energyKcal };
}

function readMacroG(cells: readonly string[], index: number | null, label: string): RowOutcome<number | null> {
  if (index === null) return { ok: true, value: null };
  const parsed = readNumberCell(cells[index]);
  if (parsed.kind === "empty") return { ok: true, value: null };
  if (parsed.kind === "number" && parsed.value >= 0 && parsed.value <= MAX_MACRO_G) return { ok: true, value: parsed.value };
  return { ok: false, reason: `${label} ${JSON.stringify(cells[index] ?? "")} is not a number of grams in 0..${MAX_MACRO_G}` };
}

export interface RowFields {
  dateIndex: number;
  energy: EnergyColumn;
  macros: MacroColumns;
}

export type IntakeValues = Pick<ParsedIntake, "localDate" | "energyKcal" | "proteinG" | "carbsG" | "fatG">;

/** The date, energy and macros every food-log row has; the reason when one of them is unusable. */
export function readIntakeValues(cells: readonly string[], fields: RowFields): RowOutcome<IntakeValues> {
  const localDate = readLocalDate(cells[fields.dateIndex]);
  if (localDate === null) {
    return { ok: false, reason: `the date ${JSON.stringify(cells[fields.dateIndex] ?? "")} is not a valid YYYY-MM-DD date` };
  }
  const energy = readEnergyKcal(cells[fields.energy.index], fields.energy.unit);
  if (!energy.ok) return energy;
  const proteinG = readMacroG(cells, fields.macros.proteinG, "protein");
  const carbsG = readMacroG(cells, fields.macros.carbsG, "carbohydrates");
  const fatG = readMacroG(cells, fields.macros.fatG, "fat");
  for (const macro of [proteinG, carbsG, fatG]) if (!macro.ok) return macro;
  return {
    ok: true,
    value: {
      localDate,
      energyKcal: energy.value,
      proteinG: proteinG.ok ? proteinG.value : null,
      carbsG: carbsG.ok ? carbsG.value : null,
      fatG: fatG.ok ? fatG.value : null,
    },
  };
}

/** A row with more cells than the header has lost its column alignment (an unquoted comma in a cell). */
export function columnCountProblem(cells: readonly string[], headerLength: number): string | null {
  if (cells.length <= headerLength) return null;
  if (cells.slice(headerLength).every((cell) => cell.trim() === "")) return null;
  return `the row has ${cells.length} cells but the header has ${headerLength}: a cell probably contains an unquoted comma`;
}

export function rejection(line: number, recordType: string, reason: string): Rejection {
  return { where: `line ${line}`, reason, recordType };
}
