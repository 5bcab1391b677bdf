import type { Sql } from "postgres";
import type { ImportView } from "./api-client.js";
import { type ExportTotals, IMPORTED_TYPES } from "./export-totals.js";

export interface Check {
  what: string;
  expected: number;
  actual: number;
  ok: boolean;
}

// Energy values are float8 sums over hundreds of thousands of rows, added in another order than the generator
// did: allow only rounding-level differences. Counts and step sums (integers) must be exact.
const ENERGY_TOLERANCE_RELATIVE = 1e-9;

function exact(what: string, expected: number, actual: number): Check {
  return { what, expected, actual, ok: expected === actual };
}

function close(what: string, expected: number, actual: number): Check {
  const ok = Math.abs(expected - actual) <= ENERGY_TOLERANCE_RELATIVE * Math.max(1, Math.abs(expected));
  return { what, expected, actual, ok };
}

/** Compares what landed in Postgres for the user with the generator's totals. */
export async function verifyDatabase(sql: Sql, userId: string, totals: ExportTotals): Promise<Check[]> {
  const rows = await sql<{ type: string; n: string; total: number | null }[]>`
    select type::text as type, count(*)::bigint as n, sum(value) as total from samples where user_id = ${userId} group by type`;
  const byType = new Map(rows.map((r) => [r.type, { n: Number(r.n), total: r.total ?? 0 }]));
  const [workouts] = await sql<{ n: string }[]>`select count(*)::bigint as n from workouts where user_id = ${userId}`;
  const checks = IMPORTED_TYPES.map((type) => exact(`samples ${type}`, totals.samplesByType[type], byType.get(type)?.n ?? 0));
  const unexpected = rows.filter((r) => !(IMPORTED_TYPES as readonly string[]).includes(r.type));
  for (const r of unexpected) checks.push(exact(`samples ${r.type} (not generated)`, 0, Number(r.n)));
  checks.push(exact("workouts", totals.workouts, Number(workouts?.n ?? 0)));
  checks.push(exact("sum of steps", totals.stepsSum, byType.get("steps")?.total ?? 0));
  checks.push(close("sum of active energy (kcal)", totals.activeEnergyKcal, byType.get("active_energy")?.total ?? 0));
  checks.push(close("sum of basal energy (kcal)", totals.basalEnergyKcal, byType.get("basal_energy")?.total ?? 0));
  checks.push(close("sum of body mass (kg)", totals.bodyMassKg, byType.get("body_mass")?.total ?? 0));
  // Every weight is also a body measurement (one per instant), projected in the same statement batch.
  const [body] = await sql<{ n: string }[]>`select count(*)::bigint as n from body_measurements where user_id = ${userId}`;
  checks.push(exact("body measurements (one per weight)", totals.samplesByType.body_mass, Number(body?.n ?? 0)));
  return checks;
}

/** The import's own report must agree: every generated record parsed and inserted, none rejected or duplicate. */
export function verifyImportCounts(view: ImportView, totals: ExportTotals): Check[] {
  const checks: Check[] = [
    exact("import status completed", 1, view.status === "completed" ? 1 : 0),
    exact("import partial", 0, view.partial ? 1 : 0),
  ];
  const expected: Record<string, number> = { ...totals.samplesByType, workout: totals.workouts };
  const names = new Set([...Object.keys(expected), ...Object.keys(view.counts)]);
  for (const name of [...names].sort()) {
    const got = view.counts[name];
    const want = expected[name] ?? 0;
    checks.push(exact(`import counts.${name}.parsed`, want, got?.parsed ?? 0));
    checks.push(exact(`import counts.${name}.inserted`, want, got?.inserted ?? 0));
    checks.push(exact(`import counts.${name}.duplicate+rejected`, 0, (got?.duplicate ?? 0) + (got?.rejected ?? 0)));
  }
  // progress.records counts every record read, the skipped types' too (the service reports them, never drops them).
  const skipped = Object.values(view.skipped).reduce((sum, n) => sum + n, 0);
  checks.push(exact("import progress.records (imported + skipped)", totals.samples + totals.workouts + skipped, view.progress.records));
  checks.push(exact("import skipped > 0 (the export holds types not read)", 1, skipped > 0 && totals.skippedElements > 0 ? 1 : 0));
  return checks;
}

/** The service must live through the work the import sets off, not only through the import. */
export function verifyWorkerLived(workerDied: string | null): Check {
  return exact("worker alive through the derived work", 1, workerDied === null ? 1 : 0);
}
