import type { UserRow } from "../../src/db/schema/index.js";
import { ageYears } from "../../src/lib/time.js";
import type { PersonForEstimates } from "../../src/modules/energy/workout-estimates.js";

/** The same person recomputeDay builds: profile plus the latest measured weight, or null without a full profile. */
export function personFor(user: UserRow, measuredWeightKg: number | null, localDate: string): PersonForEstimates | null {
  const weightKg = measuredWeightKg ?? user.weightKg;
  return user.sex && user.birthDate && user.heightCm && weightKg
    ? { sex: user.sex, ageYears: ageYears(user.birthDate, localDate), heightCm: user.heightCm, weightKg }
    : null;
}
