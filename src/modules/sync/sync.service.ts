import { createHash } from "node:crypto";
import type { Deps } from "../../deps.js";
import type { ParsedSample, ParsedWorkout } from "../../formats/index.js";
import { BadRequestError, ConflictError, UnprocessableError } from "../../lib/errors.js";
import { fieldErrorsFromZod } from "../../lib/validation.js";
import { claimIdempotencyKey, releaseIdempotencyKey, saveIdempotentResponse } from "./idempotency.repo.js";
import { type DroppedPointsItem, droppedPointsItem, type IngestResult, ingestItems, type RejectedItem } from "./ingest-items.service.js";
import { SyncSampleSchema, SyncWorkoutSchema } from "./sync.schemas.js";
import { normalizeSample, normalizeWorkout } from "./sync-normalize.js";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export interface SyncAnswer {
  status: 200;
  body: IngestResult;
  replayed: boolean;
}

function validateItems(body: { samples: unknown[]; workouts: unknown[] }, nowMs: number) {
  const samples: ParsedSample[] = [];
  const workouts: ParsedWorkout[] = [];
  const rejected: RejectedItem[] = [];
  const dropped: DroppedPointsItem[] = [];
  const reject = (index: number, prefix: string, path: string, reason: string) =>
    rejected.push({ index, path: path ? `${prefix}[${index}].${path}` : `${prefix}[${index}]`, reason });
  for (const [index, raw] of body.samples.entries()) {
    const parsed = SyncSampleSchema.safeParse(raw);
    if (!parsed.success) {
      const first = fieldErrorsFromZod(parsed.error)[0];
      reject(index, "samples", first?.path === "(body)" ? "" : (first?.path ?? ""), first?.message ?? "invalid sample");
      continue;
    }
    const normalized = normalizeSample(parsed.data, nowMs);
    if (normalized.ok) samples.push(normalized.value);
    else reject(index, "samples", normalized.path, normalized.reason);
  }
  for (const [index, raw] of body.workouts.entries()) {
    const parsed = SyncWorkoutSchema.safeParse(raw);
    if (!parsed.success) {
      const first = fieldErrorsFromZod(parsed.error)[0];
      reject(index, "workouts", first?.path === "(body)" ? "" : (first?.path ?? ""), first?.message ?? "invalid workout");
      continue;
    }
    const normalized = normalizeWorkout(parsed.data, nowMs);
    if (!normalized.ok) {
      reject(index, "workouts", normalized.path, normalized.reason);
      continue;
    }
    workouts.push(normalized.value);
    // An impossible set is left out with its reason; the workout and its other sets are kept.
    for (const p of normalized.setProblems ?? []) reject(index, "workouts", `sets[${p.index}]${p.field ? `.${p.field}` : ""}`, p.reason);
    const lost = droppedPointsItem(normalized.value, index, `workouts[${index}]`);
    if (lost) dropped.push(lost);
  }
  return { samples, workouts, rejected, dropped };
}

/**
 * Stripe-style idempotency: the first answer for a key is stored and replayed for the same body; the same key
 * with a different body is 422; a key whose first request is still running is 409.
 */
export async function syncBatch(
  deps: Deps,
  userId: string,
  idempotencyKey: string | undefined,
  body: { samples: unknown[]; workouts: unknown[] },
): Promise<SyncAnswer> {
  if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new BadRequestError("Send an Idempotency-Key header (1–255 printable characters, e.g. a UUID).", "IDEMPOTENCY_KEY_REQUIRED");
  }
  const requestHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  const claim = await claimIdempotencyKey(deps.db, userId, idempotencyKey, requestHash, deps.clock.now());
  if (!claim.claimed) {
    const existing = claim.existing;
    if (existing && existing.requestHash !== requestHash) {
      throw new UnprocessableError("This Idempotency-Key was already used with a different body.", "IDEMPOTENCY_KEY_REUSED");
    }
    if (!existing || existing.responseStatus === null) {
      throw new ConflictError("A request with this Idempotency-Key is still being processed; retry shortly.", "IDEMPOTENCY_IN_PROGRESS");
    }
    return { status: 200, body: JSON.parse(existing.responseBody ?? "{}") as IngestResult, replayed: true };
  }
  try {
    const result = await ingestItems(deps, userId, validateItems(body, deps.clock.now().getTime()));
    await saveIdempotentResponse(deps.db, userId, idempotencyKey, 200, JSON.stringify(result));
    return { status: 200, body: result, replayed: false };
  } catch (err) {
    await releaseIdempotencyKey(deps.db, userId, idempotencyKey).catch(() => undefined);
    throw err;
  }
}
