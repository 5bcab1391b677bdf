import type { Deps } from "../../deps.js";
import { workoutDates } from "../../domain/activities/activity-span.js";
import { workoutWindowProblem } from "../../domain/records/point-validity.js";
import { implausibility } from "../../domain/records/sample-plausibility.js";
import { checkPushedSets, draftEvents, type ParsedSet, type SetProblem, type SourceRef } from "../../formats/index.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "../../lib/errors.js";
import { localDateAtOffset } from "../../lib/zone.js";
import { findUser } from "../accounts/index.js";
import { enqueueWorkoutDetections } from "../hiit/index.js";
import { IngestWriter, replaceWorkoutSets } from "../ingest/index.js";
import { regroupAfterWrite } from "./grouping.service.js";
import { findWorkout, updateWorkout } from "./workouts.repo.js";
import type { CreateWorkoutBody, PatchWorkoutBody } from "./workouts.schemas.js";

/** Hand-logged workouts are app estimates (docs/activities.md): a device's recording of the same session counts first. */
export const MANUAL_SOURCE: SourceRef = { name: "wearsync (logged by hand)", deviceType: "manual", device: null };

/** "2026-11-24T07:30:00+01:00" → 60; "Z" → 0 (a hand log in UTC is at UTC). */
function offsetMinOf(iso: string): number {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

function checkedSets(raw: readonly unknown[] | undefined): ParsedSet[] {
  const { sets, problems } = checkPushedSets(raw ?? []);
  if (problems.length > 0) throw new ValidationError(problems.map(setError), "One or more sets are impossible; each is named with its reason.");
  return sets;
}

function setError(p: SetProblem): FieldError {
  return { path: `sets[${p.index}]${p.field ? `.${p.field}` : ""}`, message: p.reason };
}

/** After a write: regroup around it, recompute its days, and redo its HIIT (a hand log has no heart rate). */
async function afterWrite(deps: Deps, userId: string, workoutId: string, dates: Iterable<string>): Promise<void> {
  await regroupAfterWrite(deps, userId, [workoutId]);
  try {
    await enqueueDayRecomputes(deps, userId, dates);
    await enqueueWorkoutDetections(deps, userId, [workoutId]);
  } catch (err) {
    // The write stands; the days catch up on their next recompute.
    deps.logger.warn({ error: { message: (err as Error).message } }, "workouts.manual-effects-not-enqueued");
  }
}

/** Logs a workout by hand. Idempotent on its natural key; answers the stored workout's id and whether it is new. */
export async function createManualWorkout(deps: Deps, userId: string, body: CreateWorkoutBody): Promise<{ id: string; created: boolean }> {
  const user = await findUser(deps, userId);
  if (!user) throw new NotFoundError("user");
  const nowMs = deps.clock.now().getTime();
  const startMs = Date.parse(body.start);
  if (body.end === undefined && body.duration_s === undefined) throw new ValidationError([{ path: "end", message: "give end or duration_s" }]);
  const endMs = body.end !== undefined ? Date.parse(body.end) : startMs + (body.duration_s ?? 0) * 1000;
  const sets = checkedSets(body.sets);
  const events = draftEvents(
    {
      externalId: body.external_id ?? null,
      activityType: body.activity_type.toLowerCase().replace(/[^a-z0-9]+/g, "_"),
      startMs,
      endMs,
      utcOffsetMin: offsetMinOf(body.start),
      source: MANUAL_SOURCE,
      // The schema asks for active energy (documented on active_energy_kcal).
      energyBasis: "net",
      device: {
        durationSec: body.duration_s ?? (endMs - startMs) / 1000,
        activeEnergyKcal: body.active_energy_kcal ?? null,
        distanceM: null,
        avgHrBpm: null,
        maxHrBpm: null,
      },
      fromSamples: { durationSec: null, distanceM: null },
      points: [],
      sets,
    },
    "workout",
    nowMs,
  );
  const [first, ...rest] = events;
  const problems = [...(first?.kind === "workout" ? [] : events), ...rest].flatMap((e) => (e.kind === "rejected" ? [e.rejection.reason] : []));
  if (first?.kind !== "workout" || problems.length > 0) {
    throw new ValidationError(problems.map((message) => ({ path: message.includes("energy") ? "active_energy_kcal" : "end", message })));
  }
  const writer = new IngestWriter(deps, { userId, importId: null, timeZone: user.timeZone, nowMs });
  const effects = await writer.write({ samples: [], workouts: [first.workout] });
  const id = effects.workoutIds[0];
  if (!id) throw new Error("the workout write returned no id");
  await afterWrite(deps, userId, id, effects.localDates);
  return { id, created: effects.insertedWorkouts === 1 };
}

function isUniqueViolation(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } }).cause;
  return (err as { code?: string }).code === "23505" || cause?.code === "23505";
}

/** Edits one of the user's workouts; its old and new days are recomputed and its grouping redone. */
export async function patchWorkout(deps: Deps, userId: string, workoutId: string, body: PatchWorkoutBody): Promise<void> {
  const user = await findUser(deps, userId);
  const found = user ? await findWorkout(deps.db, userId, workoutId) : undefined;
  if (!user || !found) throw new NotFoundError("workout");
  const w = found.workout;
  const startMs = body.start !== undefined ? Date.parse(body.start) : w.startAt.getTime();
  const endMs = body.end !== undefined ? Date.parse(body.end) : w.endAt.getTime() + (body.start !== undefined ? startMs - w.startAt.getTime() : 0);
  const utcOffsetMin = body.start !== undefined ? offsetMinOf(body.start) : w.utcOffsetMin;
  const errors: FieldError[] = [];
  const timeProblem = workoutWindowProblem(startMs, endMs, deps.clock.now().getTime());
  if (timeProblem) errors.push({ path: body.end !== undefined ? "end" : "start", message: timeProblem });
  if (body.active_energy_kcal !== undefined && body.active_energy_kcal !== null) {
    const problem = implausibility("active_energy", body.active_energy_kcal, startMs, endMs, deps.clock.now().getTime());
    if (problem) errors.push({ path: "active_energy_kcal", message: problem });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  const sets = body.sets === undefined ? undefined : checkedSets(body.sets);
  const timesChanged = body.start !== undefined || body.end !== undefined;
  const before = { startMs: w.startAt.getTime(), endMs: w.endAt.getTime(), localDate: w.localDate };
  const localDate = localDateAtOffset(startMs, utcOffsetMin);
  try {
    await deps.db.transaction(async (tx) => {
      await updateWorkout(tx, userId, workoutId, {
        ...(body.activity_type !== undefined ? { activityType: body.activity_type.toLowerCase().replace(/[^a-z0-9]+/g, "_") } : {}),
        ...(timesChanged
          ? {
              startAt: new Date(startMs),
              endAt: new Date(endMs),
              utcOffsetMin,
              localDate,
              durationS: (endMs - startMs) / 1000,
              durationSource: "device" as const,
            }
          : {}),
        ...(body.active_energy_kcal !== undefined
          ? { activeEnergyKcal: body.active_energy_kcal, energySource: body.active_energy_kcal === null ? null : ("device" as const) }
          : {}),
      });
      if (sets !== undefined) await replaceWorkoutSets(tx, workoutId, sets);
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new ConflictError("Another workout of this source already starts at that time with that type.", "WORKOUT_EXISTS");
    throw err;
  }
  const dates = new Set([...workoutDates(before, user.timeZone), ...workoutDates({ startMs, endMs, localDate }, user.timeZone)]);
  await afterWrite(deps, userId, workoutId, dates);
}
