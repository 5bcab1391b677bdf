import { withTransaction } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { instantProblem } from "../../domain/intake/intake-time.js";
import type { IntakeDayStatus, IntakeEvent, ParsedIntake, Rejection } from "../../formats/index.js";
import { newId } from "../../lib/ids.js";
import { utcOffsetMinAt, wallTimeToUtcMs } from "../../lib/zone.js";
import { insertMissingStatuses } from "./day-status.repo.js";
import { findByExternalIds, lockUserIntake, type NewIntakeEntry, upsertImportedEntries } from "./intake.repo.js";

// A batch is one short transaction: ~500 rows × 16 columns stays far below Postgres' 65,535 parameters.
const ENTRIES_PER_BATCH = 500;
/** Same cap as the import report's rejections: enough to act on, bounded for a file of bad rows. */
const MAX_KEPT_REJECTIONS = 100;
// Food logs without a time of day: local noon is on the right date in every zone and never in a DST gap.
const DEFAULT_LOCAL_TIME = "12:00";

export interface IntakeImportContext {
  userId: string;
  importId: string;
  timeZone: string;
}

export interface IntakeImportResult {
  /** Every local date whose intake or status changed: recompute these. */
  localDates: Set<string>;
  /** "intake" and "day_status" events seen (before de-duplication against stored rows). */
  parsedByType: Map<string, number>;
  rejectedByType: Map<string, number>;
  /** The first rejections, in file order. */
  rejected: Rejection[];
}

interface PendingBatch {
  entries: Map<string, NewIntakeEntry>;
  statuses: Map<string, IntakeDayStatus>;
}

/**
 * Writes a food-log parser's events for one user: entries upserted on (user_id, external_id) with origin
 * "import", so re-importing an overlapping export updates rows instead of adding them. Day statuses from the
 * export (Cronometer's Completed) only fill days without one; see applyBatch for why.
 */
export async function importIntakeEvents(deps: Deps, ctx: IntakeImportContext, events: AsyncIterable<IntakeEvent>): Promise<IntakeImportResult> {
  const result: IntakeImportResult = { localDates: new Set(), parsedByType: new Map(), rejectedByType: new Map(), rejected: [] };
  const now = deps.clock.now();
  let batch: PendingBatch = { entries: new Map(), statuses: new Map() };
  const reject = (rejection: Rejection) => {
    bump(result.rejectedByType, rejection.recordType);
    if (result.rejected.length < MAX_KEPT_REJECTIONS) result.rejected.push(rejection);
  };

  for await (const event of events) {
    if (event.kind === "rejected") {
      reject(event.rejection);
      continue;
    }
    if (event.kind === "day-status") {
      bump(result.parsedByType, "day_status");
      batch.statuses.set(event.localDate, event.status);
      continue;
    }
    bump(result.parsedByType, "intake");
    const row = toImportedEntry(event.intake, ctx, now);
    const problem = instantProblem(row.consumedAt, now);
    if (problem) reject({ where: `entry ${row.externalId}`, reason: `the date ${problem}`, recordType: "intake" });
    else batch.entries.set(event.intake.externalId, row);
    if (batch.entries.size >= ENTRIES_PER_BATCH) {
      await applyBatch(deps, ctx, batch, now, result.localDates);
      batch = { entries: new Map(), statuses: new Map() };
    }
  }
  await applyBatch(deps, ctx, batch, now, result.localDates);
  return result;
}

/**
 * The status table does not record who set a status, so a hand declaration and an earlier import's look alike:
 * an import therefore never overwrites one (insert-only). Fasted is only ever declared by hand and stays; food
 * imported onto such a day puts the declaration in abeyance (see deriveIntakeDay) rather than deleting it.
 */
async function applyBatch(deps: Deps, ctx: IntakeImportContext, batch: PendingBatch, now: Date, localDates: Set<string>): Promise<void> {
  if (batch.entries.size === 0 && batch.statuses.size === 0) return;
  const rows = [...batch.entries.values()];
  const statusRows = [...batch.statuses].map(([localDate, status]) => ({ userId: ctx.userId, localDate, status, updatedAt: now }));
  const touched = await withTransaction(deps.db, async (tx) => {
    await lockUserIntake(tx, ctx.userId);
    const externalIds = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
    const previous = (await findByExternalIds(tx, ctx.userId, externalIds)).filter((p) => p.origin === "import");
    const written = await upsertImportedEntries(tx, rows);
    const statusDates = await insertMissingStatuses(tx, statusRows);
    return [...previous.map((p) => p.localDate), ...written.map((w) => w.localDate), ...statusDates];
  });
  for (const date of touched) localDates.add(date);
}

/** CSV dates are already local: the offset is the user's zone at that local time. */
function toImportedEntry(intake: ParsedIntake, ctx: IntakeImportContext, now: Date): NewIntakeEntry {
  const wallMs = Date.parse(`${intake.localDate}T${intake.localTime ?? DEFAULT_LOCAL_TIME}:00Z`);
  const utcMs = wallTimeToUtcMs(wallMs, ctx.timeZone);
  return {
    id: newId("int", now.getTime()),
    userId: ctx.userId,
    consumedAt: new Date(utcMs),
    utcOffsetMin: utcOffsetMinAt(utcMs, ctx.timeZone),
    localDate: intake.localDate,
    energyKcal: intake.energyKcal,
    name: intake.name,
    meal: intake.meal,
    proteinG: intake.proteinG,
    carbsG: intake.carbsG,
    fatG: intake.fatG,
    externalId: intake.externalId,
    origin: "import",
    importId: ctx.importId,
    createdAt: now,
    updatedAt: now,
  };
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
