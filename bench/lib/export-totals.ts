import { readFile, writeFile } from "node:fs/promises";
import type { ExportMix } from "./export-mix.js";

/** The canonical sample types the generator writes, named as wearsync stores them (samples.type). */
export const IMPORTED_TYPES = [
  "steps",
  "distance",
  "active_energy",
  "basal_energy",
  "heart_rate",
  "body_mass",
  "sleep_in_bed",
  "sleep_core",
  "sleep_deep",
  "sleep_rem",
  "sleep_awake",
] as const;
export type ImportedType = (typeof IMPORTED_TYPES)[number];

/** What a generated export contains, known exactly at generation time; saved next to the file for --reuse. */
export interface ExportTotals {
  /** 2 since sleep records are imported (and counted as samples) and the mixes exist. */
  version: 2;
  seed: number;
  mix: ExportMix;
  targetMb: number;
  format: "zip" | "xml";
  days: number;
  density: number;
  firstDay: string;
  lastDay: string;
  /** Bytes of export.xml (uncompressed). */
  xmlBytes: number;
  /** Bytes of the file uploaded (the zip, or the XML itself). */
  fileBytes: number;
  samplesByType: Record<ImportedType, number>;
  samples: number;
  workouts: number;
  /** Sum of StepCount values (integers, all sources). */
  stepsSum: number;
  /** Sum of ActiveEnergyBurned in kcal after unit conversion (kcal, Cal, kJ). */
  activeEnergyKcal: number;
  basalEnergyKcal: number;
  /** Sum of BodyMass in kg after unit conversion (kg, lb); each one also becomes a body measurement. */
  bodyMassKg: number;
  /** Top-level elements the importer skips by design (other record types, correlations, summaries). */
  skippedElements: number;
}

/** Accumulates the totals while the document is generated, one record at a time. */
export class TotalsCounter {
  readonly samplesByType: Record<ImportedType, number> = {
    steps: 0,
    distance: 0,
    active_energy: 0,
    basal_energy: 0,
    heart_rate: 0,
    body_mass: 0,
    sleep_in_bed: 0,
    sleep_core: 0,
    sleep_deep: 0,
    sleep_rem: 0,
    sleep_awake: 0,
  };
  workouts = 0;
  stepsSum = 0;
  activeEnergyKcal = 0;
  basalEnergyKcal = 0;
  bodyMassKg = 0;
  skippedElements = 0;

  addSample(type: ImportedType, canonicalValue: number): void {
    this.samplesByType[type] += 1;
    if (type === "steps") this.stepsSum += canonicalValue;
    else if (type === "active_energy") this.activeEnergyKcal += canonicalValue;
    else if (type === "basal_energy") this.basalEnergyKcal += canonicalValue;
    else if (type === "body_mass") this.bodyMassKg += canonicalValue;
  }

  get samples(): number {
    return IMPORTED_TYPES.reduce((sum, type) => sum + this.samplesByType[type], 0);
  }
}

export function totalsPathFor(exportPath: string): string {
  return `${exportPath}.totals.json`;
}

export async function saveTotals(exportPath: string, totals: ExportTotals): Promise<void> {
  await writeFile(totalsPathFor(exportPath), `${JSON.stringify(totals, null, 2)}\n`);
}

export async function loadTotals(exportPath: string): Promise<ExportTotals> {
  const path = totalsPathFor(exportPath);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new Error(`--reuse needs the totals file ${path} written when the export was generated (run once with --keep)`);
  }
  const totals = JSON.parse(text) as ExportTotals;
  // Version 1 counted sleep records as skipped, which the service now imports: its totals no longer hold.
  if (totals.version !== 2) throw new Error(`${path}: totals of an older generator (version ${totals.version}); generate the file again`);
  return totals;
}
