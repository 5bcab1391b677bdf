// One activity, counted once: workouts that are the same session recorded or copied several times (the watch's
// FIT, the TCX and GPX exports, a Strava copy, a phone app's entry) are grouped, and one representative per group
// counts. Pure and deterministic: the same records in any order give the same grouping. docs/activities.md
// explains the rule and its thresholds.
import { compatibleKinds } from "./activity-kinds.js";

/**
 * A workout is a copy of a representative when the overlap covers at least this share of the copy's own time
 * span. Copies of one session overlap almost wholly (exports trim a few seconds at either end), so half leaves
 * room for a late start or an early stop while two sessions that merely touch stay apart. Measured against the
 * would-be copy, so a short record never swallows a longer session it covers less than half of.
 */
export const MIN_COVERED_SHARE = 0.5;

/** How a record came to us, best first: the recording device's own file, a platform's copy, an app's estimate. */
export const RECORD_TIERS = ["device", "platform_copy", "app_estimate"] as const;
export type RecordTier = (typeof RECORD_TIERS)[number];

/**
 * The tier's default on the source-priority scale (lower wins), used when the person set no priority for the
 * source: a priority below 0 puts a source ahead of every default, one above 5 behind them all.
 */
export const TIER_DEFAULT_PRIORITY: Readonly<Record<RecordTier, number>> = { device: 0, platform_copy: 3, app_estimate: 5 };

const WEARABLE_DEVICE_TYPES = new Set(["watch", "ring", "band"]);
/**
 * Formats that are exports of a recording made elsewhere: TCX and GPX carry the track, rarely the device's own
 * totals; Health Connect stores what other apps wrote to it.
 */
const COPY_FORMATS = new Set(["tcx", "gpx", "health_connect_zip", "health_connect_db"]);
/** Platforms that store and re-export what a device recorded. */
const PLATFORM_SOURCE = /\b(strava|garmin connect|polar flow|suunto app|trainingpeaks|training peaks|intervals\.icu|runalyze|sporttracks)\b/i;

export function recordTier(input: { format: string | null; deviceType: string; sourceName: string }): RecordTier {
  if (input.format !== null && COPY_FORMATS.has(input.format)) return "platform_copy";
  if (PLATFORM_SOURCE.test(input.sourceName)) return "platform_copy";
  return WEARABLE_DEVICE_TYPES.has(input.deviceType) ? "device" : "app_estimate";
}

export interface ActivityRecord {
  id: string;
  activityType: string;
  startMs: number;
  endMs: number;
  sourceId: number;
  /** The import that first wrote it; null for records sent through the sync API. */
  importId: string | null;
  /** The person's own priority for the source (lower wins), null when they set none. */
  sourcePriority: number | null;
  tier: RecordTier;
  hrSampleCount: number;
  hasDeviceEnergy: boolean;
  hasDistance: boolean;
}

/** Why the representative was preferred to a duplicate: the first rank key on which they differ. */
export const DUPLICATE_REASONS = ["source_priority", "record_tier", "richer_record", "stable_order"] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export interface ActivityGrouping {
  /** The representative's id; null on a representative. */
  duplicateOf: string | null;
  reason: DuplicateReason | null;
}

type RankKey = [priority: number, tier: number, hrPoints: number, energy: number, distance: number];

function rankKey(r: ActivityRecord): RankKey {
  return [
    r.sourcePriority ?? TIER_DEFAULT_PRIORITY[r.tier],
    RECORD_TIERS.indexOf(r.tier),
    -r.hrSampleCount,
    r.hasDeviceEnergy ? 0 : 1,
    r.hasDistance ? 0 : 1,
  ];
}

/** Index of the first differing rank key, or -1 when the ranks are equal (the id decides). */
function firstDifference(a: RankKey, b: RankKey): number {
  return a.findIndex((value, i) => value !== b[i]);
}

/** Total order, best first: rank keys, then the id (ids are unique), so the sort never depends on input order. */
export function compareRank(a: ActivityRecord, b: ActivityRecord): number {
  const ka = rankKey(a);
  const kb = rankKey(b);
  const i = firstDifference(ka, kb);
  if (i !== -1) return (ka[i] ?? 0) - (kb[i] ?? 0);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function duplicateReason(representative: ActivityRecord, duplicate: ActivityRecord): DuplicateReason {
  const i = firstDifference(rankKey(representative), rankKey(duplicate));
  if (i === -1) return "stable_order";
  if (i === 0) return representative.sourcePriority !== null || duplicate.sourcePriority !== null ? "source_priority" : "record_tier";
  return i === 1 ? "record_tier" : "richer_record";
}

/** The share of `copy`'s time span that `representative` covers (an instantaneous record: 1 inside, else 0). */
export function coveredShare(copy: Pick<ActivityRecord, "startMs" | "endMs">, representative: Pick<ActivityRecord, "startMs" | "endMs">): number {
  const spanMs = copy.endMs - copy.startMs;
  if (spanMs <= 0) return copy.startMs >= representative.startMs && copy.startMs <= representative.endMs ? 1 : 0;
  const overlapMs = Math.min(copy.endMs, representative.endMs) - Math.max(copy.startMs, representative.startMs);
  return Math.max(0, overlapMs) / spanMs;
}

/** The legs of one multisport file (one import, one source) are distinct activities, never copies of each other. */
function sameRecording(a: ActivityRecord, b: ActivityRecord): boolean {
  return a.importId !== null && a.importId === b.importId && a.sourceId === b.sourceId;
}

export function isCopyOf(copy: ActivityRecord, representative: ActivityRecord): boolean {
  return (
    !sameRecording(copy, representative) &&
    compatibleKinds(copy.activityType, representative.activityType) &&
    coveredShare(copy, representative) >= MIN_COVERED_SHARE
  );
}

/** Records whose time spans chain together (touching counts): only records of one such run can be grouped. */
function overlappingRuns(records: readonly ActivityRecord[]): ActivityRecord[][] {
  const byStart = [...records].sort((a, b) => a.startMs - b.startMs || compareRank(a, b));
  const runs: ActivityRecord[][] = [];
  let current: ActivityRecord[] = [];
  let currentEndMs = Number.NEGATIVE_INFINITY;
  for (const record of byStart) {
    if (current.length > 0 && record.startMs > currentEndMs) {
      runs.push(current);
      current = [];
    }
    current.push(record);
    currentEndMs = current.length === 1 ? record.endMs : Math.max(currentEndMs, record.endMs);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/**
 * Best-ranked first, each record not yet claimed becomes a representative and claims every lower-ranked,
 * unclaimed record that is a copy of it. A copy therefore always overlaps its own representative directly: in a
 * chain A~B~C where A and C do not overlap, a best-ranked A claims B, and C stays an activity of its own.
 */
export function groupActivities(records: readonly ActivityRecord[]): Map<string, ActivityGrouping> {
  const result = new Map<string, ActivityGrouping>();
  for (const run of overlappingRuns(records)) {
    const ranked = [...run].sort(compareRank);
    for (const [i, representative] of ranked.entries()) {
      if (result.has(representative.id)) continue;
      result.set(representative.id, { duplicateOf: null, reason: null });
      for (const candidate of ranked.slice(i + 1)) {
        if (result.has(candidate.id) || !isCopyOf(candidate, representative)) continue;
        result.set(candidate.id, { duplicateOf: representative.id, reason: duplicateReason(representative, candidate) });
      }
    }
  }
  return result;
}
