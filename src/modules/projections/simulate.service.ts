import type { UserRow } from "../../db/schema/users.js";
import type { Deps } from "../../deps.js";
import { jacksonBodyFatPercent } from "../../domain/energy/body-fat.js";
import { MODEL_VERSION } from "../../domain/projections/hall-model.js";
import type { MaintenanceSource } from "../../domain/projections/maintenance.js";
import { type SimulationGoal, type SimulationPerson, simulate } from "../../domain/projections/simulation.js";
import { MEASURED_BODY_FAT_MAX_AGE_DAYS } from "../../domain/projections/week-person.js";
import { addDays, ageYears } from "../../lib/calendar.js";
import { type FieldError, NotFoundError, UnprocessableError, ValidationError } from "../../lib/errors.js";
import { roundByFieldUnits } from "../../lib/precision.js";
import { localDateIn } from "../../lib/zone.js";
import { findUser } from "../accounts/index.js";
import { resolveMaintenance } from "./maintenance.service.js";
import { latestBodyFatPctBetween, latestWeightKgOnOrBefore } from "./projections.repo.js";
import type { SimulateBody } from "./projections.schemas.js";

type Source<T extends string> = T | "request";

interface ResolvedInputs {
  person: SimulationPerson;
  maintenanceSource: MaintenanceSource;
  weightSource: Source<"measured" | "profile">;
  bodyFatSource: Source<"measured" | "jackson-2002">;
}

const MISSING = "required: not in the request and not in your profile";

/** Every omitted body field comes from the caller: profile, latest weigh-in, and body fat only for their own weight. */
async function resolveInputs(deps: Deps, user: UserRow, body: SimulateBody): Promise<ResolvedInputs> {
  const today = localDateIn(deps.clock.now(), user.timeZone);
  const measuredWeightKg = body.weight_kg === undefined ? await latestWeightKgOnOrBefore(deps.db, user.id, today) : null;
  const weightKg = body.weight_kg ?? measuredWeightKg ?? user.weightKg;
  const sex = body.sex ?? user.sex;
  const age = body.age_years ?? (user.birthDate === null ? null : ageYears(user.birthDate, today));
  const heightCm = body.height_cm ?? user.heightCm;
  const errors: FieldError[] = [];
  if (sex === null) errors.push({ path: "sex", message: MISSING });
  if (age === null) errors.push({ path: "age_years", message: `${MISSING} (birth_date)` });
  if (heightCm === null) errors.push({ path: "height_cm", message: MISSING });
  if (weightKg === null) errors.push({ path: "weight_kg", message: `${MISSING} (nor a weigh-in)` });
  if (sex === null || age === null || heightCm === null || weightKg === null) throw new ValidationError(errors);
  // A measured body-fat share describes the caller's own body, so it is only used with their own weight.
  const measuredBodyFat =
    body.body_fat_pct === undefined && body.weight_kg === undefined
      ? await latestBodyFatPctBetween(deps.db, user.id, addDays(today, -MEASURED_BODY_FAT_MAX_AGE_DAYS), today)
      : null;
  const bodyFatPercent = body.body_fat_pct ?? measuredBodyFat;
  const maintenance = await resolveMaintenance(deps, user.id, body, today);
  return {
    person: { sex, ageYears: age, heightCm, weightKg, bodyFatPercent, energy: maintenance.energy },
    maintenanceSource: maintenance.source,
    weightSource: body.weight_kg !== undefined ? "request" : measuredWeightKg !== null ? "measured" : "profile",
    bodyFatSource: body.body_fat_pct !== undefined ? "request" : measuredBodyFat !== null ? "measured" : "jackson-2002",
  };
}

function goalOf(body: SimulateBody): SimulationGoal {
  if (body.intake_change_kcal !== undefined) return { kind: "change", intakeChangeKcal: body.intake_change_kcal };
  if (body.intake_kcal !== undefined) return { kind: "intake", intakeKcal: body.intake_kcal };
  if (body.target_weight_kg !== undefined && body.target_days !== undefined) {
    return { kind: "target", targetWeightKg: body.target_weight_kg, targetDays: body.target_days };
  }
  throw new ValidationError([{ path: "(body)", message: "send exactly one goal" }]);
}

const UNREACHABLE_REASONS = {
  "needs-negative-intake": "even eating nothing would not get there in time",
  "needs-intake-above-limit": "it would take eating more than 3 × maintenance",
} as const;

/** Hall model next to the 3,500-kcal rule for a what-if; 422 when the model cannot start or the target is out of reach. */
export async function simulateProjection(deps: Deps, userId: string, body: SimulateBody) {
  const user = await findUser(deps, userId);
  if (!user) throw new NotFoundError("user");
  const goal = goalOf(body);
  const { person, weightSource, bodyFatSource, maintenanceSource } = await resolveInputs(deps, user, body);
  let outcome: ReturnType<typeof simulate>;
  try {
    outcome = simulate(person, goal, body.weeks);
  } catch (err) {
    if (err instanceof RangeError) throw new UnprocessableError(`The model cannot run with these inputs: ${err.message}.`, "MODEL_OUT_OF_RANGE");
    throw err;
  }
  if (!outcome.ok) {
    const closest = outcome.closestWeightKg.toFixed(1);
    throw new UnprocessableError(
      `target_weight_kg cannot be reached in target_days: ${UNREACHABLE_REASONS[outcome.reason]} (closest reachable: ${closest} kg).`,
      "TARGET_UNREACHABLE",
    );
  }
  const r = outcome.result;
  // Rounded by field unit like every answer (kcal to 1, kg to 0.01): the model's full precision stays internal.
  return roundByFieldUnits({
    rmr_kcal: r.rmrKcal,
    maintenance_intake_kcal: r.maintenanceIntakeKcal,
    intake_kcal: r.intakeKcal,
    inputs: {
      sex: person.sex,
      age_years: person.ageYears,
      height_cm: person.heightCm,
      weight_kg: person.weightKg,
      weight_source: weightSource,
      body_fat_pct: person.bodyFatPercent ?? jacksonBodyFatPercent(person),
      body_fat_source: bodyFatSource,
      pal: r.physicalActivityLevel,
      maintenance_source: maintenanceSource,
      weeks: body.weeks,
    },
    models: { dynamic: r.dynamic, rule3500: r.rule3500 },
    flags: r.flags.map((f) => f.replaceAll("-", "_")),
    ...(r.target
      ? {
          required_intake_kcal: r.target.requiredIntakeKcal,
          maintenance_after_kcal: r.target.maintenanceAfterKcal,
          weight_at_target_kg: r.target.weightAtTargetKg,
        }
      : {}),
    model_version: MODEL_VERSION,
  });
}
