// Sets as they arrive (a push, Health Auto Export, a FIT file), checked one by one: an impossible set is left out with
// its reason and the others kept; an exercise the catalogue lacks is kept as free text, priced by the MET class the
// sender chose or the documented default (src/domain/training).

import { z } from "zod";
import { MET_CLASS_NAMES, type MetClass, resolveExercise } from "../../domain/training/exercise-catalogue.js";
import { MAX_SETS_PER_WORKOUT, setProblem } from "../../domain/training/set-rules.js";
import type { ParsedSet } from "../contract.js";

export interface RawSet {
  exercise: string;
  metClass: MetClass | null;
  reps: number | null;
  weightKg: number | null;
  durationS: number | null;
  rpe: number | null;
  startOffsetS: number | null;
}

export interface SetProblem {
  /** Position of the set in the input. */
  index: number;
  field: string;
  reason: string;
}

export function checkSets(raw: readonly RawSet[]): { sets: ParsedSet[]; problems: SetProblem[] } {
  const sets: ParsedSet[] = [];
  const problems: SetProblem[] = [];
  for (const [index, set] of raw.entries()) {
    if (index >= MAX_SETS_PER_WORKOUT) {
      problems.push({ index, field: "", reason: `a workout holds at most ${MAX_SETS_PER_WORKOUT} sets` });
      continue;
    }
    const problem = setProblem(set);
    if (problem) {
      problems.push({ index, ...problem });
      continue;
    }
    const resolved = resolveExercise(set.exercise, set.metClass);
    sets.push({
      exercise: resolved.exercise,
      metClass: resolved.metClass,
      reps: set.reps,
      weightKg: set.weightKg,
      durationS: set.durationS,
      rpe: set.rpe,
      startOffsetS: set.startOffsetS,
    });
  }
  return { sets, problems };
}

/**
 * One set as /v1/sync and Health Auto Export send it. Only the shape is checked here; the bounds are the domain's
 * (src/domain/training/set-rules.ts), so each impossible set gets the same reason wherever it came from.
 */
export const pushedSetSchema = z
  .object({
    exercise: z.string().trim().min(1).max(100),
    met_class: z.enum(MET_CLASS_NAMES).optional(),
    reps: z.number().optional(),
    weight_kg: z.number().optional(),
    duration_s: z.number().optional(),
    rpe: z.number().optional(),
  })
  .strict();

/** Pushed sets (JSON), each checked alone: a malformed or impossible set is a problem, the others are kept. */
export function checkPushedSets(raw: readonly unknown[]): { sets: ParsedSet[]; problems: SetProblem[] } {
  const shaped: { index: number; set: RawSet }[] = [];
  const problems: SetProblem[] = [];
  for (const [index, item] of raw.entries()) {
    const parsed = pushedSetSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({ index, field: issue?.path.map(String).join(".") ?? "", reason: issue?.message ?? "invalid set" });
      continue;
    }
    const set = parsed.data;
    shaped.push({
      index,
      set: {
        exercise: set.exercise,
        metClass: set.met_class ?? null,
        reps: set.reps ?? null,
        weightKg: set.weight_kg ?? null,
        durationS: set.duration_s ?? null,
        rpe: set.rpe ?? null,
        startOffsetS: null,
      },
    });
  }
  const checked = checkSets(shaped.map((s) => s.set));
  for (const p of checked.problems) problems.push({ ...p, index: shaped[p.index]?.index ?? p.index });
  return { sets: checked.sets, problems: problems.sort((a, b) => a.index - b.index) };
}
