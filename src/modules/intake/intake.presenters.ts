import type { IntakeEntryRow } from "../../db/schema/index.js";
import { roundUnit } from "../../lib/precision.js";
import { isoWithOffset } from "../../lib/zone.js";
import type { IntakeDay } from "./day-status.service.js";

export function presentIntakeEntry(row: IntakeEntryRow) {
  return {
    id: row.id,
    consumed_at: isoWithOffset(row.consumedAt.getTime(), row.utcOffsetMin),
    utc_offset_min: row.utcOffsetMin,
    local_date: row.localDate,
    // An entry reads back as it was logged (stored to 0.01 kcal, what a kJ conversion keeps); totals are rounded.
    energy_kcal: row.energyKcal,
    name: row.name,
    meal: row.meal,
    protein_g: row.proteinG,
    carbs_g: row.carbsG,
    fat_g: row.fatG,
    external_id: row.externalId,
    origin: row.origin,
    import_id: row.importId,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function presentIntakeDay(day: IntakeDay) {
  return {
    date: day.localDate,
    status: day.status,
    declared: day.declared,
    entries: day.entries.length,
    intake_kcal: roundUnit(day.intakeKcal, "kcal"),
    possibly_partial: day.possiblyPartial,
  };
}
