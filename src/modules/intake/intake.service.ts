import { pgErrorCode, UNIQUE_VIOLATION } from "../../db/errors.js";
import type { IntakeEntryRow } from "../../db/schema/index.js";
import { withTransaction } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { instantProblem, parseOffsetDateTime } from "../../domain/intake/intake-time.js";
import { kcalFromKj } from "../../domain/intake/intake-units.js";
import { markDaysDirty } from "../../jobs/dirty-days.js";
import { recomputeDaysBestEffort } from "../../jobs/recompute.js";
import { decodeCursor, paginate } from "../../lib/cursor.js";
import { assertRangeOrder } from "../../lib/date-range.js";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { fastedDatesAmong } from "./day-status.repo.js";
import {
  deleteEntry,
  findByExternalIds,
  findEntry,
  type IntakeEntryChanges,
  listEntries,
  lockUserIntake,
  type NewIntakeEntry,
  updateEntry,
  upsertApiEntries,
} from "./intake.repo.js";
import type { CreateIntakeInput, IntakeEntryInput, IntakePatch } from "./intake.schemas.js";

export type LoggedIntake = { kind: "single"; row: IntakeEntryRow } | { kind: "batch"; rows: IntakeEntryRow[] };

/**
 * Stores one entry or a batch, all or nothing. An entry whose external_id the user already has replaces that
 * entry (same id), so a client can re-post safely. Every day gained or left is queued for recompute.
 */
export async function logIntake(deps: Deps, userId: string, input: CreateIntakeInput): Promise<LoggedIntake> {
  const batch = "entries" in input;
  const inputs = batch ? input.entries : [input];
  const pathOf = (index: number, field: string) => (batch ? `entries.${index}.${field}` : field);
  const now = deps.clock.now();
  const rows = toNewEntries(inputs, userId, now, pathOf);
  const externalIds = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));

  const { stored, leftDates } = await withTransaction(deps.db, async (tx) => {
    await lockUserIntake(tx, userId);
    const previous = await findByExternalIds(tx, userId, externalIds);
    const withEnergyDates = rows.filter((r) => r.energyKcal > 0).map((r) => r.localDate);
    const fasted = await fastedDatesAmong(tx, userId, [...new Set(withEnergyDates)]);
    if (fasted.length > 0) throw fastedConflict(fasted);
    const stored = await upsertApiEntries(tx, rows);
    const leftDates = previous.map((p) => p.localDate);
    // The outbox row commits with the entries: no crash or Redis outage after this can lose the days' recompute.
    await markDaysDirty(tx, userId, [...leftDates, ...stored.map((r) => r.localDate)]);
    return { stored, leftDates };
  });
  await recomputeDaysBestEffort(deps, userId, [...leftDates, ...stored.map((r) => r.localDate)]);

  const ordered = inOrderOf(rows, stored);
  const [first] = ordered;
  if (!batch && first) return { kind: "single", row: first };
  return { kind: "batch", rows: ordered };
}

export async function listIntake(
  deps: Deps,
  userId: string,
  q: { from?: string | undefined; to?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: IntakeEntryRow[]; nextCursor: string | null }> {
  assertRangeOrder(q.from, q.to);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await listEntries(deps.db, userId, { from: q.from, to: q.to, limit: q.limit + 1, ...(after ? { after } : {}) });
  return paginate(rows, q.limit, (row) => ({ sortKey: row.consumedAt.toISOString(), id: row.id }));
}

export async function getIntakeEntry(deps: Deps, userId: string, entryId: string): Promise<IntakeEntryRow> {
  const row = await findEntry(deps.db, userId, entryId);
  if (!row) throw new NotFoundError("intake entry");
  return row;
}

/** Changes only the fields sent (the entry becomes origin "api"); moving it to another local day recomputes both. */
export async function updateIntakeEntry(deps: Deps, userId: string, entryId: string, patch: IntakePatch): Promise<IntakeEntryRow> {
  const now = deps.clock.now();
  const changes = toChanges(patch, now);
  let result: { before: IntakeEntryRow; after: IntakeEntryRow };
  try {
    result = await withTransaction(deps.db, async (tx) => {
      await lockUserIntake(tx, userId);
      const before = await findEntry(tx, userId, entryId);
      if (!before) throw new NotFoundError("intake entry");
      const localDate = changes.localDate ?? before.localDate;
      const energyKcal = changes.energyKcal ?? before.energyKcal;
      const moved = localDate !== before.localDate || energyKcal !== before.energyKcal;
      if (moved && energyKcal > 0 && (await fastedDatesAmong(tx, userId, [localDate])).length > 0) {
        throw fastedConflict([localDate]);
      }
      const after = await updateEntry(tx, userId, entryId, changes);
      if (!after) throw new NotFoundError("intake entry");
      await markDaysDirty(tx, userId, [before.localDate, after.localDate]);
      return { before, after };
    });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new ConflictError("Another of your intake entries already has this external_id.", "EXTERNAL_ID_TAKEN");
    }
    throw err;
  }
  await recomputeDaysBestEffort(deps, userId, [result.before.localDate, result.after.localDate]);
  return result.after;
}

export async function deleteIntakeEntry(deps: Deps, userId: string, entryId: string): Promise<void> {
  const deleted = await deleteEntry(deps.db, userId, entryId);
  if (!deleted) throw new NotFoundError("intake entry");
  await recomputeDaysBestEffort(deps, userId, [deleted.localDate]);
}

function toNewEntries(inputs: IntakeEntryInput[], userId: string, now: Date, pathOf: (index: number, field: string) => string): NewIntakeEntry[] {
  const errors: FieldError[] = [];
  const firstIndexOfExternalId = new Map<string, number>();
  const rows = inputs.map((input, index) => {
    const instant = parseOffsetDateTime(input.consumed_at);
    const problem = instant ? instantProblem(instant.at, now) : "is not a valid date-time";
    if (problem) errors.push({ path: pathOf(index, "consumed_at"), message: problem });
    const externalId = input.external_id ?? null;
    const earlier = externalId === null ? undefined : firstIndexOfExternalId.get(externalId);
    if (earlier !== undefined) {
      errors.push({ path: pathOf(index, "external_id"), message: `repeats ${pathOf(earlier, "external_id")}` });
    } else if (externalId !== null) firstIndexOfExternalId.set(externalId, index);
    return {
      id: newId("int", now.getTime()),
      userId,
      consumedAt: instant?.at ?? now,
      utcOffsetMin: instant?.utcOffsetMin ?? 0,
      localDate: instant?.localDate ?? "",
      energyKcal: input.energy_kcal ?? kcalFromKj(input.energy_kj ?? 0),
      name: input.name ?? null,
      meal: input.meal ?? null,
      proteinG: input.protein_g ?? null,
      carbsG: input.carbs_g ?? null,
      fatG: input.fat_g ?? null,
      externalId,
      origin: "api" as const,
      createdAt: now,
      updatedAt: now,
    };
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return rows;
}

/** An entry edited through the API is the person's from then on: re-importing its export no longer overwrites it. */
function toChanges(patch: IntakePatch, now: Date): IntakeEntryChanges {
  const changes: IntakeEntryChanges = { updatedAt: now, origin: "api", importId: null, sourceId: null };
  if (patch.consumed_at !== undefined) {
    const instant = parseOffsetDateTime(patch.consumed_at);
    const problem = instant ? instantProblem(instant.at, now) : "is not a valid date-time";
    if (problem || !instant) throw new ValidationError([{ path: "consumed_at", message: problem ?? "is invalid" }]);
    Object.assign(changes, { consumedAt: instant.at, utcOffsetMin: instant.utcOffsetMin, localDate: instant.localDate });
  }
  if (patch.energy_kcal !== undefined) changes.energyKcal = patch.energy_kcal;
  if (patch.energy_kj !== undefined) changes.energyKcal = kcalFromKj(patch.energy_kj);
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.meal !== undefined) changes.meal = patch.meal;
  if (patch.protein_g !== undefined) changes.proteinG = patch.protein_g;
  if (patch.carbs_g !== undefined) changes.carbsG = patch.carbs_g;
  if (patch.fat_g !== undefined) changes.fatG = patch.fat_g;
  if (patch.external_id !== undefined) changes.externalId = patch.external_id;
  return changes;
}

/** Stored rows in the order they were sent (an upserted row keeps its old id, so match it by external id). */
function inOrderOf(sent: NewIntakeEntry[], stored: IntakeEntryRow[]): IntakeEntryRow[] {
  const byId = new Map(stored.map((r) => [r.id, r]));
  const byExternalId = new Map(stored.flatMap((r) => (r.externalId ? [[r.externalId, r] as const] : [])));
  return sent.flatMap((r) => {
    const row = r.externalId ? byExternalId.get(r.externalId) : byId.get(r.id);
    return row ? [row] : [];
  });
}

function fastedConflict(localDates: string[]): ConflictError {
  const days = [...localDates].sort().join(", ");
  return new ConflictError(
    `Declared fasted, so no food can be logged on: ${days}. Clear the status first (DELETE /v1/days/{date}/intake-status).`,
    "DAY_DECLARED_FASTED",
  );
}
