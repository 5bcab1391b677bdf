// FIT strength `set` messages → checked sets. A Garmin strength activity writes one `set` message per active set and
// per rest (set_type "active" | "rest"): its start_time, duration (s, scale 1000), repetitions, weight (kg, scale 16)
// and up to three guessed exercise categories, best first (FIT SDK Profile, message "set"). Rests are not sets: the
// gap between two active sets' starts is what src/domain/training/strength-energy.ts counts as rest.

import { exerciseOfFitCategory } from "../../domain/training/exercise-catalogue.js";
import { checkSets, type RawSet } from "../common/strength-sets.js";
import type { ParsedSet, ParseEvent } from "../contract.js";
import type { FitSet } from "./fit-decode.js";
import type { FitClock } from "./fit-time.js";

/** FIT's "invalid" for a uint16 weight at scale 16 (0xFFFF / 16): the device wrote no load. */
const FIT_INVALID_WEIGHT_KG = 0xffff / 16;

function present(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}

/** The exercise a set's first category names: the catalogue key it maps to, else the FIT name ("unknown" included). */
function exerciseOf(set: FitSet): string {
  const category = set.category?.[0];
  if (typeof category !== "string") return "unknown";
  return exerciseOfFitCategory(category)?.key ?? category;
}

function rawSet(set: FitSet, startMs: number, clock: FitClock): RawSet {
  const weight = present(set.weight);
  const setStartMs = set.start_time instanceof Date ? clock.toUtcMs(set.start_time.getTime()) : null;
  return {
    exercise: exerciseOf(set),
    metClass: null,
    reps: present(set.repetitions),
    weightKg: weight === null || weight >= FIT_INVALID_WEIGHT_KG ? null : weight,
    durationS: present(set.duration),
    rpe: null,
    startOffsetS: setStartMs === null ? null : (setStartMs - startMs) / 1000,
  };
}

/** The active sets of one session, in order, with a rejection event for each impossible one. */
export function sessionSets(
  fitSets: readonly FitSet[],
  startMs: number,
  clock: FitClock,
  where: string,
): { sets: ParsedSet[]; events: ParseEvent[] } {
  const active = fitSets.filter((set) => set.set_type === "active");
  const { sets, problems } = checkSets(active.map((set) => rawSet(set, startMs, clock)));
  const events: ParseEvent[] = problems.map((p) => ({
    kind: "rejected",
    rejection: { where: `${where} set ${p.index + 1}`, reason: `The set was left out: ${p.reason}.`, recordType: "set" },
  }));
  return { sets, events };
}
