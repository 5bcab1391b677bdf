import { implausibility } from "../../domain/records/sample-plausibility.js";
import { checkPushedSets, draftEvents, type ParsedSample, type ParsedWorkout, type SetProblem } from "../../formats/index.js";
import type { SampleType } from "../../lib/vocabulary.js";
import { SYNC_UNITS, type SyncSample, type SyncWorkout } from "./sync.schemas.js";

const KJ_PER_KCAL = 4.184;
const KG_PER_LB = 0.45359237;
const M_PER_KM = 1000;
const M_PER_MI = 1609.344;

const TO_CANONICAL: Record<string, (v: number) => number> = {
  kJ: (v) => v / KJ_PER_KCAL,
  lb: (v) => v * KG_PER_LB,
  km: (v) => v * M_PER_KM,
  mi: (v) => v * M_PER_MI,
};

/**
 * Offset in minutes of an ISO 8601 string with a numeric offset. "Z" says the instant was written in UTC, not that
 * the person was at UTC: it is null, so the record takes the profile zone, as the file parsers treat "Z"
 * (docs/science.md §1.1).
 */
export function offsetMinOf(iso: string): number | null {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

export type Normalized<T> = { ok: true; value: T } | { ok: false; path: string; reason: string };

export function normalizeSample(item: SyncSample, nowMs: number): Normalized<ParsedSample> {
  const allowed: readonly string[] = SYNC_UNITS[item.type];
  if (!allowed.includes(item.unit)) return { ok: false, path: "unit", reason: `unit for ${item.type} must be one of ${allowed.join(", ")}` };
  const value = (TO_CANONICAL[item.unit] ?? ((v: number) => v))(item.value);
  const startMs = Date.parse(item.start);
  const endMs = Date.parse(item.end);
  const problem = implausibility(item.type as SampleType, value, startMs, endMs, nowMs);
  if (problem) return { ok: false, path: problem.includes("value") ? "value" : "end", reason: problem };
  return {
    ok: true,
    value: {
      type: item.type,
      startMs,
      endMs,
      utcOffsetMin: offsetMinOf(item.start),
      value,
      source: { name: item.source.name, deviceType: item.source.device_type, device: item.source.device ?? null },
    },
  };
}

/**
 * A pushed workout goes through the same rules as an imported one: rejected only when its own time is broken,
 * impossible heart-rate points dropped and counted, the summary values the client sent kept as the device's.
 */
export function normalizeWorkout(item: SyncWorkout, nowMs: number): Normalized<ParsedWorkout> & { setProblems?: SetProblem[] } {
  const startMs = Date.parse(item.start);
  const strength = checkPushedSets(item.sets ?? []);
  const endMs = Date.parse(item.end);
  const events = draftEvents(
    {
      externalId: item.external_id ?? null,
      activityType: item.activity_type.toLowerCase().replace(/[^a-z0-9]+/g, "_"),
      startMs,
      endMs,
      utcOffsetMin: offsetMinOf(item.start),
      source: { name: item.source.name, deviceType: item.source.device_type, device: item.source.device ?? null },
      // the sync API's workout energy is active energy by definition (documented on the schema).
      energyBasis: "net",
      device: {
        durationSec: item.duration_s ?? (endMs - startMs) / 1000,
        activeEnergyKcal: item.active_energy_kcal ?? null,
        distanceM: item.distance_m ?? null,
        avgHrBpm: item.avg_hr_bpm ?? null,
        maxHrBpm: item.max_hr_bpm ?? null,
      },
      fromSamples: { durationSec: null, distanceM: null },
      points: (item.heart_rate ?? []).map((p) => ({ tMs: Date.parse(p.t), hrBpm: p.bpm, speedMps: null, powerW: null })),
      sets: strength.sets,
    },
    "workout",
    nowMs,
  );
  const [first] = events;
  if (first?.kind === "workout") return { ok: true, value: first.workout, setProblems: strength.problems };
  const reason = first?.kind === "rejected" ? first.rejection.reason : "the workout is invalid";
  return { ok: false, path: "end", reason };
}
