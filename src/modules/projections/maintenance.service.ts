import type { Deps } from "../../deps.js";
import { flagsCleared } from "../../domain/days/day-plausibility.js";
import { chooseMaintenance, MAINTENANCE_LOOKBACK_DAYS, type MaintenanceChoice } from "../../domain/projections/maintenance.js";
import { addDays, weekStartOf } from "../../lib/calendar.js";
import { dynamicInputsBetween, energyDays } from "./projections.repo.js";
import type { SimulateBody } from "./projections.schemas.js";
import { calibrationFromInputs } from "./stored-calibration.js";

/**
 * The maintenance a what-if starts from: the PAL sent; else, for the caller's own body, the latest calibrated
 * maintenance of the last 28 days, else the mean burn of their recent whole days; else PAL 1.6 × RMR.
 */
export async function resolveMaintenance(deps: Deps, userId: string, body: SimulateBody, today: string): Promise<MaintenanceChoice> {
  const ownBody = body.sex === undefined && body.age_years === undefined && body.height_cm === undefined && body.weight_kg === undefined;
  if (body.pal !== undefined || !ownBody) {
    return chooseMaintenance({ requestedPal: body.pal ?? null, ownBody, calibratedTdeeKcal: null, measuredBurnsKcal: [] });
  }
  const from = addDays(today, -MAINTENANCE_LOOKBACK_DAYS);
  const yesterday = addDays(today, -1);
  const [inputs, days] = await Promise.all([
    dynamicInputsBetween(deps.db, userId, weekStartOf(from), weekStartOf(today)),
    energyDays(deps.db, userId, from, yesterday),
  ]);
  const latest =
    inputs
      .map(calibrationFromInputs)
      .filter((c) => c !== null && c.windowTo >= from)
      .at(-1) ?? null;
  const measuredBurnsKcal = days.flatMap((d) =>
    (d.status === "complete" || d.status === "no_intake") && flagsCleared(d) && d.burnedKcal !== null ? [d.burnedKcal] : [],
  );
  return chooseMaintenance({ requestedPal: null, ownBody, calibratedTdeeKcal: latest?.adaptiveTdeeKcal ?? null, measuredBurnsKcal });
}
