import { ageYears } from "../../lib/calendar.js";
import type { Sex } from "../energy/bmr.js";
import { type BodyFatSource, bodyComposition } from "../energy/body-fat.js";

/** A body-fat reading older than this no longer describes the body (engineering default); Jackson 2002 is used instead. */
export const MEASURED_BODY_FAT_MAX_AGE_DAYS = 90;

export interface ProfileFacts {
  sex: Sex | null;
  birthDate: string | null;
  heightCm: number | null;
  /** The profile's starting weight, used only while no weigh-in exists. */
  weightKg: number | null;
}

export interface StartWeight {
  weightKg: number;
  source: "measured" | "profile";
}

/** The body a projection starts from: everything the Hall model needs, with where each value came from. */
export interface ProjectionPerson {
  sex: Sex;
  ageYears: number;
  heightCm: number;
  weightKg: number;
  weightSource: StartWeight["source"];
  bodyFatPercent: number;
  bodyFatSource: BodyFatSource;
  /** Passed to hallBaseline: the measured value, or null to let it seed Jackson 2002 itself. */
  measuredBodyFatPercent: number | null;
  fatMassKg: number;
}

export type PersonResolution = { ok: true; person: ProjectionPerson } | { ok: false; missing: string[] };

export function startWeight(latestMeasuredKg: number | null, profile: ProfileFacts): StartWeight | null {
  if (latestMeasuredKg !== null) return { weightKg: latestMeasuredKg, source: "measured" };
  return profile.weightKg === null ? null : { weightKg: profile.weightKg, source: "profile" };
}

/** Age on `onDate`; body fat measured if known, else Jackson 2002 (docs/science.md §3.2). */
export function resolvePerson(
  profile: ProfileFacts,
  weight: StartWeight | null,
  measuredBodyFatPercent: number | null,
  onDate: string,
): PersonResolution {
  const missing = [
    ...(profile.sex === null ? ["sex"] : []),
    ...(profile.birthDate === null ? ["birth_date"] : []),
    ...(profile.heightCm === null ? ["height_cm"] : []),
    ...(weight === null ? ["weight_kg"] : []),
  ];
  if (profile.sex === null || profile.birthDate === null || profile.heightCm === null || weight === null) {
    return { ok: false, missing };
  }
  const body = { sex: profile.sex, ageYears: ageYears(profile.birthDate, onDate), heightCm: profile.heightCm, weightKg: weight.weightKg };
  const composition = bodyComposition(body, measuredBodyFatPercent);
  return {
    ok: true,
    person: {
      ...body,
      weightSource: weight.source,
      bodyFatPercent: composition.bodyFatPercent,
      bodyFatSource: composition.source,
      measuredBodyFatPercent,
      fatMassKg: composition.fatMassKg,
    },
  };
}
