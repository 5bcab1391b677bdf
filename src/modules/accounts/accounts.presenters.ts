import type { ApiKeyRow, UserRow } from "../../db/schema/index.js";
import { lbFromKg, roundKg } from "../../domain/body/weight-units.js";

export function presentUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    sex: user.sex,
    birth_date: user.birthDate,
    height_cm: user.heightCm,
    weight_kg: user.weightKg === null ? null : roundKg(user.weightKg),
    ...(user.unitSystem === "imperial" ? { weight_lb: user.weightKg === null ? null : lbFromKg(user.weightKg) } : {}),
    unit_system: user.unitSystem,
    time_zone: user.timeZone,
    hr_max_bpm: user.hrMaxBpm,
    hr_rest_bpm: user.hrRestBpm,
    activity_level: user.activityLevel,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

export function presentApiKey(key: ApiKeyRow) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
  };
}
