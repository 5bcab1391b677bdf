import { describe, expect, it } from "vitest";
import {
  type ActivityGrouping,
  type ActivityRecord,
  compareRank,
  coveredShare,
  groupActivities,
  isCopyOf,
  MIN_COVERED_SHARE,
  recordTier,
} from "../../../../src/domain/activities/activity-grouping.js";
import { activityFamily, compatibleKinds } from "../../../../src/domain/activities/activity-kinds.js";
import { duplicateReasonText } from "../../../../src/domain/activities/duplicate-reasons.js";

const ms = (iso: string) => Date.parse(iso);
const MIN = 60_000;

let nextSource = 1;
function record(id: string, over: Partial<ActivityRecord> & { start: string; minutes: number }): ActivityRecord {
  const { start, minutes, ...rest } = over;
  return {
    id,
    activityType: "running",
    startMs: ms(start),
    endMs: ms(start) + minutes * MIN,
    sourceId: nextSource++,
    importId: null,
    sourcePriority: null,
    tier: "device",
    hrSampleCount: 0,
    hasDeviceEnergy: false,
    hasDistance: false,
    ...rest,
  };
}

/** The grouping as plain data, for toEqual. */
function plain(grouping: Map<string, ActivityGrouping>): Record<string, ActivityGrouping> {
  return Object.fromEntries([...grouping].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const REP = { duplicateOf: null, reason: null };

/** Every ordering of a small list (Heap's algorithm). */
function permutations<T>(items: readonly T[]): T[][] {
  const a = [...items];
  const out: T[][] = [[...a]];
  const c = a.map(() => 0);
  let i = 1;
  while (i < a.length) {
    if ((c[i] ?? 0) < i) {
      const j = i % 2 === 0 ? 0 : (c[i] ?? 0);
      [a[j], a[i]] = [a[i] as T, a[j] as T];
      out.push([...a]);
      c[i] = (c[i] ?? 0) + 1;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
  return out;
}

describe("the same run uploaded three ways", () => {
  // The watch's FIT (1,681 heart-rate points, energy, distance), the TCX export and Strava's GPX of the same run.
  const fit = record("wkt_fit", {
    start: "2018-06-14T14:55:22Z",
    minutes: 28,
    tier: "device",
    importId: "imp_a",
    hrSampleCount: 1681,
    hasDeviceEnergy: true,
    hasDistance: true,
  });
  const tcx = record("wkt_tcx", {
    start: "2018-06-14T14:55:22Z",
    minutes: 28,
    tier: "platform_copy",
    importId: "imp_b",
    hrSampleCount: 1681,
    hasDeviceEnergy: true,
    hasDistance: true,
  });
  const gpx = record("wkt_gpx", {
    start: "2018-06-14T14:55:25Z",
    minutes: 27.9,
    tier: "platform_copy",
    importId: "imp_c",
    hrSampleCount: 1600,
    hasDistance: true,
    activityType: "other",
  });

  it("is one activity: the device file counts, the exports are duplicates of it", () => {
    expect(plain(groupActivities([gpx, tcx, fit]))).toEqual({
      wkt_fit: REP,
      wkt_gpx: { duplicateOf: "wkt_fit", reason: "record_tier" },
      wkt_tcx: { duplicateOf: "wkt_fit", reason: "record_tier" },
    });
  });

  it("gives the same rows whatever order the imports arrived in", () => {
    const expected = plain(groupActivities([fit, tcx, gpx]));
    for (const order of permutations([fit, tcx, gpx])) expect(plain(groupActivities(order))).toEqual(expected);
  });

  it("without the device file, the richer export counts (more heart-rate points)", () => {
    expect(plain(groupActivities([gpx, tcx]))).toEqual({ wkt_tcx: REP, wkt_gpx: { duplicateOf: "wkt_tcx", reason: "richer_record" } });
  });
});

describe("device workout plus a phone app's copy", () => {
  const watch = record("wkt_watch", { start: "2026-11-20T18:00:00Z", minutes: 45, tier: "device", hrSampleCount: 2700, hasDeviceEnergy: true });
  const phone = record("wkt_phone", { start: "2026-11-20T18:01:00Z", minutes: 44, tier: "app_estimate", hasDeviceEnergy: true, hasDistance: true });

  it("the watch counts by default", () => {
    expect(plain(groupActivities([phone, watch]))).toEqual({ wkt_watch: REP, wkt_phone: { duplicateOf: "wkt_watch", reason: "record_tier" } });
  });

  it("a priority the person set decides before the tier", () => {
    const preferred = { ...phone, sourcePriority: -1 };
    expect(plain(groupActivities([watch, preferred]))).toEqual({
      wkt_phone: REP,
      wkt_watch: { duplicateOf: "wkt_phone", reason: "source_priority" },
    });
  });

  it("demoting the watch's source below every default (6) hands the count to the phone", () => {
    const demoted = { ...watch, sourcePriority: 6 };
    expect(groupActivities([demoted, phone]).get("wkt_watch")).toEqual({ duplicateOf: "wkt_phone", reason: "source_priority" });
  });

  it("a priority equal to the tier default leaves the tier to decide", () => {
    const same = { ...phone, sourcePriority: 0 };
    expect(groupActivities([watch, same]).get("wkt_phone")).toEqual({ duplicateOf: "wkt_watch", reason: "record_tier" });
  });
});

describe("chains", () => {
  // A 9:00-9:30 and C 9:30-10:00 are two runs; B 9:00-10:00 is a platform copy that spans both.
  const a = record("wkt_a", { start: "2026-05-01T09:00:00Z", minutes: 30, tier: "device" });
  const b = record("wkt_b", { start: "2026-05-01T09:00:00Z", minutes: 60, tier: "platform_copy" });
  const c = record("wkt_c", { start: "2026-05-01T09:30:00Z", minutes: 30, tier: "device" });

  it("A~B~C with A best: A claims B (half of B), C stays its own activity: the hour counts once", () => {
    expect(plain(groupActivities([a, b, c]))).toEqual({ wkt_a: REP, wkt_b: { duplicateOf: "wkt_a", reason: "record_tier" }, wkt_c: REP });
  });

  it("A~B~C with B best: B claims both halves", () => {
    const bBest = { ...b, sourcePriority: -5 };
    expect(plain(groupActivities([c, a, bBest]))).toEqual({
      wkt_a: { duplicateOf: "wkt_b", reason: "source_priority" },
      wkt_b: REP,
      wkt_c: { duplicateOf: "wkt_b", reason: "source_priority" },
    });
  });

  it("is stable under every input order", () => {
    const records = [a, b, c, record("wkt_d", { start: "2026-05-01T09:10:00Z", minutes: 40, tier: "app_estimate" })];
    const expected = plain(groupActivities(records));
    for (const order of permutations(records)) expect(plain(groupActivities(order))).toEqual(expected);
  });
});

describe("ties", () => {
  it("identical records: the smaller id (the first stored) counts", () => {
    const x = record("wkt_01", { start: "2026-05-01T09:00:00Z", minutes: 30 });
    const y = { ...x, id: "wkt_02", sourceId: x.sourceId + 100 };
    expect(plain(groupActivities([y, x]))).toEqual({ wkt_01: REP, wkt_02: { duplicateOf: "wkt_01", reason: "stable_order" } });
  });

  it("equal heart rate: device energy, then distance decide", () => {
    const base = { start: "2026-05-01T09:00:00Z", minutes: 30, hrSampleCount: 100 };
    const energy = record("wkt_z_energy", { ...base, hasDeviceEnergy: true });
    const distance = record("wkt_y_distance", { ...base, hasDistance: true });
    const bare = record("wkt_x_bare", base);
    expect(plain(groupActivities([bare, distance, energy]))).toEqual({
      wkt_z_energy: REP,
      wkt_y_distance: { duplicateOf: "wkt_z_energy", reason: "richer_record" },
      wkt_x_bare: { duplicateOf: "wkt_z_energy", reason: "richer_record" },
    });
  });

  it("compareRank is a total order consistent with the grouping", () => {
    const x = record("wkt_1", { start: "2026-05-01T09:00:00Z", minutes: 30 });
    expect(compareRank(x, x)).toBe(0);
    expect(compareRank(x, { ...x, id: "wkt_2" })).toBeLessThan(0);
    expect(compareRank({ ...x, tier: "app_estimate" }, x)).toBeGreaterThan(0);
  });
});

describe("different kinds", () => {
  const at = { start: "2026-05-01T09:00:00Z", minutes: 60 };

  it("a run and a ride at the same time are two activities", () => {
    const grouping = groupActivities([record("wkt_run", at), record("wkt_ride", { ...at, activityType: "cycling" })]);
    expect([...grouping.values()].every((g) => g.duplicateOf === null)).toBe(true);
  });

  it("related types are one family: trail and treadmill running, hiking and walking, road and indoor cycling", () => {
    expect(compatibleKinds("Trail Running", "treadmill_running")).toBe(true);
    expect(compatibleKinds("hiking", "walking")).toBe(true);
    expect(compatibleKinds("road_biking", "indoor_cycling")).toBe(true);
    expect(compatibleKinds("open_water_swimming", "lap_swimming")).toBe(true);
    expect(compatibleKinds("running", "walking")).toBe(false);
    expect(compatibleKinds("yoga", "strength_training")).toBe(false);
  });

  it("'other' and unknown labels go with anything; two different specific sports do not", () => {
    expect(activityFamily("other")).toBe("generic");
    expect(compatibleKinds("other", "swimming")).toBe(true);
    expect(compatibleKinds("workout", "yoga")).toBe(true);
    expect(compatibleKinds("tennis", "tennis")).toBe(true);
    expect(compatibleKinds("tennis", "squash")).toBe(false);
    const grouping = groupActivities([
      record("wkt_yoga", { ...at, activityType: "yoga" }),
      record("wkt_other", { ...at, activityType: "other", tier: "platform_copy" }),
    ]);
    expect(grouping.get("wkt_other")).toEqual({ duplicateOf: "wkt_yoga", reason: "record_tier" });
  });
});

describe("partial overlaps", () => {
  const rep = record("wkt_rep", { start: "2026-05-01T09:00:00Z", minutes: 60, tier: "device" });

  it(`a copy covered for at least ${MIN_COVERED_SHARE * 100} % of its span is grouped, less is not`, () => {
    const half = record("wkt_half", { start: "2026-05-01T09:30:00Z", minutes: 60, tier: "app_estimate" });
    const less = record("wkt_less", { start: "2026-05-01T09:31:00Z", minutes: 60, tier: "app_estimate" });
    expect(coveredShare(half, rep)).toBe(0.5);
    expect(groupActivities([rep, half]).get("wkt_half")?.duplicateOf).toBe("wkt_rep");
    expect(groupActivities([rep, less]).get("wkt_less")?.duplicateOf).toBeNull();
  });

  it("a short, better record inside a long session does not swallow it", () => {
    const shortDevice = record("wkt_short", { start: "2026-05-01T09:10:00Z", minutes: 10, tier: "device", activityType: "walking" });
    const longHike = record("wkt_long", { start: "2026-05-01T09:00:00Z", minutes: 120, tier: "app_estimate", activityType: "hiking" });
    expect(plain(groupActivities([shortDevice, longHike]))).toEqual({ wkt_long: REP, wkt_short: REP });
  });

  it("a short, worse record inside a long session is a copy of it", () => {
    const longDevice = record("wkt_long", { start: "2026-05-01T09:00:00Z", minutes: 120, tier: "device", activityType: "hiking" });
    const shortApp = record("wkt_short", { start: "2026-05-01T09:10:00Z", minutes: 10, tier: "app_estimate", activityType: "walking" });
    expect(groupActivities([shortApp, longDevice]).get("wkt_short")?.duplicateOf).toBe("wkt_long");
  });

  it("touching sessions (one ends as the next starts) stay apart; an instant inside a session is covered", () => {
    const next = record("wkt_next", { start: "2026-05-01T10:00:00Z", minutes: 30, tier: "app_estimate" });
    expect(groupActivities([rep, next]).get("wkt_next")?.duplicateOf).toBeNull();
    const instant = record("wkt_instant", { start: "2026-05-01T09:20:00Z", minutes: 0, tier: "app_estimate" });
    expect(groupActivities([rep, instant]).get("wkt_instant")?.duplicateOf).toBe("wkt_rep");
  });
});

describe("multisport", () => {
  // The legs of a real triathlon FIT (python-fitparse's sample_mulitple_header.fit): the swim ends 0.521 s after
  // the first transition starts.
  const leg = (id: string, activityType: string, startIso: string, endIso: string, hr: number): ActivityRecord => ({
    ...record(id, { start: startIso, minutes: 0, importId: "imp_tri", sourceId: 7, activityType, hrSampleCount: hr }),
    endMs: ms(endIso),
  });
  const legs = [
    leg("wkt_swim", "swimming", "2018-05-27T07:33:01Z", "2018-05-27T08:06:08.521Z", 349),
    leg("wkt_t1", "transition", "2018-05-27T08:06:08Z", "2018-05-27T08:08:58.269Z", 38),
    leg("wkt_bike", "cycling", "2018-05-27T08:08:58Z", "2018-05-27T09:22:40.140Z", 854),
    leg("wkt_t2", "transition", "2018-05-27T09:22:40Z", "2018-05-27T09:23:40.724Z", 14),
    leg("wkt_run", "running", "2018-05-27T09:23:41Z", "2018-05-27T10:11:12Z", 518),
  ];

  it("every leg of one file counts, even a generic transition that overlaps its neighbour", () => {
    const overlappingT1 = { ...legs[1], startMs: ms("2018-05-27T08:05:00Z") } as ActivityRecord; // half inside the swim
    const grouping = groupActivities([...legs.slice(0, 1), overlappingT1, ...legs.slice(2)]);
    expect([...grouping.values()].every((g) => g.duplicateOf === null)).toBe(true);
  });

  it("a Strava copy of the run leg is grouped with that leg only", () => {
    const stravaRun = record("wkt_strava", {
      start: "2018-05-27T09:23:41Z",
      minutes: 47.5,
      tier: "platform_copy",
      importId: "imp_gpx",
      hrSampleCount: 500,
    });
    const grouping = groupActivities([stravaRun, ...legs]);
    expect(grouping.get("wkt_strava")).toEqual({ duplicateOf: "wkt_run", reason: "record_tier" });
    expect(legs.every((l) => grouping.get(l.id)?.duplicateOf === null)).toBe(true);
  });

  it("an Apple Watch triathlon recorded as one workout counts once against the legs' file", () => {
    const whole = record("wkt_whole", {
      start: "2018-05-27T07:33:00Z",
      minutes: 159,
      activityType: "swim_bike_run",
      hrSampleCount: 9000,
      importId: "imp_apple",
    });
    const grouping = groupActivities([...legs, whole]);
    expect(grouping.get("wkt_whole")?.duplicateOf).toBeNull();
    expect(legs.every((l) => grouping.get(l.id)?.duplicateOf === "wkt_whole")).toBe(true);
  });
});

describe("record tiers", () => {
  it("device file, platform copy, app estimate", () => {
    expect(recordTier({ format: "fit", deviceType: "watch", sourceName: "Garmin Fenix 5 X" })).toBe("device");
    expect(recordTier({ format: "apple_health_zip", deviceType: "watch", sourceName: "Alice's Apple Watch" })).toBe("device");
    expect(recordTier({ format: null, deviceType: "band", sourceName: "Charge 5" })).toBe("device");
    expect(recordTier({ format: "tcx", deviceType: "watch", sourceName: "Forerunner 935" })).toBe("platform_copy");
    expect(recordTier({ format: "gpx", deviceType: "app", sourceName: "StravaGPX" })).toBe("platform_copy");
    expect(recordTier({ format: null, deviceType: "app", sourceName: "Strava" })).toBe("platform_copy");
    expect(recordTier({ format: "apple_health_zip", deviceType: "app", sourceName: "Garmin Connect" })).toBe("platform_copy");
    expect(recordTier({ format: null, deviceType: "phone", sourceName: "Alice's iPhone" })).toBe("app_estimate");
    expect(recordTier({ format: null, deviceType: "manual", sourceName: "Typed in" })).toBe("app_estimate");
    expect(recordTier({ format: "fit", deviceType: "app", sourceName: "Zwift" })).toBe("app_estimate");
  });
});

describe("reasons in words", () => {
  it("names the representative and why it counts", () => {
    expect(duplicateReasonText("wkt_abc", "source_priority")).toBe("duplicate of wkt_abc (same activity from a higher-priority source)");
    expect(duplicateReasonText("wkt_abc", null)).toBe("duplicate of wkt_abc (same activity)");
  });
});

describe("invariants over many random days", () => {
  /** A small deterministic generator (mulberry32), so a failure names a reproducible seed. */
  function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }
  const TYPES = ["running", "trail_running", "cycling", "walking", "hiking", "other", "yoga"];
  const TIERS = ["device", "platform_copy", "app_estimate"] as const;

  function randomDay(random: () => number): ActivityRecord[] {
    const count = 2 + Math.floor(random() * 7);
    return Array.from({ length: count }, (_, i) => {
      const startMin = Math.floor(random() * 180);
      return {
        ...record(`wkt_${String(i).padStart(2, "0")}`, { start: "2026-05-01T08:00:00Z", minutes: 5 + Math.floor(random() * 90) }),
        startMs: ms("2026-05-01T08:00:00Z") + startMin * MIN,
        activityType: TYPES[Math.floor(random() * TYPES.length)] ?? "other",
        tier: TIERS[Math.floor(random() * TIERS.length)] ?? "device",
        importId: random() < 0.3 ? "imp_same" : null,
        sourceId: random() < 0.3 ? 1 : 2 + i,
        sourcePriority: random() < 0.2 ? Math.floor(random() * 9) - 2 : null,
        hrSampleCount: Math.floor(random() * 3) * 500,
        hasDeviceEnergy: random() < 0.5,
        hasDistance: random() < 0.5,
      };
    }).map((r) => ({ ...r, endMs: r.startMs + (r.endMs - ms("2026-05-01T08:00:00Z")) }));
  }

  function shuffled<T>(items: readonly T[], random: () => number): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  }

  it("every record is grouped, duplicates point at representatives they are copies of, and no order changes it", () => {
    let duplicates = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const random = rng(seed);
      const records = randomDay(random);
      const grouping = groupActivities(records);
      const byId = new Map(records.map((r) => [r.id, r]));
      expect(grouping.size, `seed ${seed}`).toBe(records.length);
      for (const [id, g] of grouping) {
        if (g.duplicateOf === null) continue;
        const rep = byId.get(g.duplicateOf);
        const copy = byId.get(id);
        expect(rep && copy && grouping.get(rep.id)?.duplicateOf === null, `seed ${seed}: ${id} points at a representative`).toBe(true);
        expect(rep && copy && isCopyOf(copy, rep) && compareRank(rep, copy) < 0, `seed ${seed}: ${id} is a lower-ranked copy`).toBe(true);
      }
      // Maximal: no representative is a copy of a better-ranked representative.
      const reps = records.filter((r) => grouping.get(r.id)?.duplicateOf === null);
      for (const a of reps) for (const b of reps) if (compareRank(a, b) < 0) expect(isCopyOf(b, a), `seed ${seed}: ${b.id} vs ${a.id}`).toBe(false);
      const expected = plain(grouping);
      for (let k = 0; k < 5; k++) expect(plain(groupActivities(shuffled(records, random))), `seed ${seed}`).toEqual(expected);
      duplicates += records.length - reps.length;
    }
    // The generated days do hold copies: the invariants are exercised, not vacuous.
    expect(duplicates).toBeGreaterThan(200);
  });
});
