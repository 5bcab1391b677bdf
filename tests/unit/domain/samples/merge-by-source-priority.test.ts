import { describe, expect, it } from "vitest";
import { measureDays } from "../../../../src/domain/days/day-measures.js";
import { LocalDayCalendar } from "../../../../src/domain/days/day-rule.js";
import type { MergedSegment, MergeSample } from "../../../../src/domain/samples/merge-by-source-priority.js";
import { mergeBySourcePriority } from "../../../../src/domain/samples/merge-by-source-priority.js";
import { createRankOf, DEVICE_TYPE_PRIORITY } from "../../../../src/domain/samples/source-priority.js";
import { datesBetween } from "../../../../src/lib/calendar.js";
import type { DeviceType } from "../../../../src/lib/vocabulary.js";
import { localDayWindow, ZoneCache } from "../../../../src/lib/zone.js";

const WATCH = "Alice’s Apple\u00a0Watch";
const PHONE = "Alice’s iPhone";
const DEVICE_BY_SOURCE: Record<string, DeviceType> = {
  [WATCH]: "watch",
  [PHONE]: "phone",
  ring: "ring",
  scale: "scale",
  app: "app",
  manual: "manual",
};
const rankOf = createRankOf({ deviceTypeOf: (sourceId) => DEVICE_BY_SOURCE[sourceId] ?? null });

const total = (values: readonly { value: number }[]): number => values.reduce((sum, v) => sum + v.value, 0);
const ms = (iso: string): number => Date.parse(iso);
const sample = (sourceId: string, startIso: string, endIso: string, value: number): MergeSample => ({
  sourceId,
  startMs: ms(startIso),
  endMs: ms(endIso),
  value,
});

// docs/formats.md §8 gives only the four results of its overlap example, not the records, so these are built to
// reproduce them: an iPhone and a Watch counting steps over the same late evening (Pacific time, -07:00).
const OVERLAP_EXAMPLE: MergeSample[] = [
  sample(WATCH, "2019-06-11T22:00-07:00", "2019-06-11T23:00-07:00", 800),
  sample(WATCH, "2019-06-11T23:00-07:00", "2019-06-11T23:30-07:00", 500),
  sample(WATCH, "2019-06-11T23:45-07:00", "2019-06-12T00:15-07:00", 100),
  sample(PHONE, "2019-06-11T21:50-07:00", "2019-06-11T23:30-07:00", 1000),
  sample(PHONE, "2019-06-11T23:30-07:00", "2019-06-11T23:45-07:00", 30),
  sample(PHONE, "2019-06-11T23:45-07:00", "2019-06-12T00:15-07:00", 200),
];
const ZONE = "America/Los_Angeles";

describe("the docs/formats.md §8 overlap example (records reconstructed to match its numbers)", () => {
  it("naive sum 2630 and per-source max 1400: the two wrong answers", () => {
    expect(total(OVERLAP_EXAMPLE)).toBe(2630);
    const bySource = [WATCH, PHONE].map((id) => total(OVERLAP_EXAMPLE.filter((s) => s.sourceId === id)));
    expect(Math.max(...bySource)).toBe(1400);
  });

  it("watch-priority merge keeps the watch and only the phone's uncovered minutes", () => {
    const segments = mergeBySourcePriority(OVERLAP_EXAMPLE, rankOf);
    expect(segments.map((s) => [s.sourceId, new Date(s.startMs).toISOString(), new Date(s.endMs).toISOString(), s.value])).toEqual([
      [PHONE, "2019-06-12T04:50:00.000Z", "2019-06-12T05:00:00.000Z", 100],
      [WATCH, "2019-06-12T05:00:00.000Z", "2019-06-12T06:00:00.000Z", 800],
      [WATCH, "2019-06-12T06:00:00.000Z", "2019-06-12T06:30:00.000Z", 500],
      [PHONE, "2019-06-12T06:30:00.000Z", "2019-06-12T06:45:00.000Z", 30],
      [WATCH, "2019-06-12T06:45:00.000Z", "2019-06-12T07:15:00.000Z", 100],
    ]);
  });

  it("a day's steps: 1530 merged, of which 1480 on 2019-06-11 and 50 on the 12th (the watch's last half hour crosses midnight)", () => {
    const zone = new ZoneCache(ZONE);
    const calendar = new LocalDayCalendar(
      datesBetween("2019-06-11", "2019-06-12").map((d) => localDayWindow(d, ZONE)),
      (t) => zone.offsetMinAt(t),
    );
    const ids: Record<string, number> = { [WATCH]: 1, [PHONE]: 2 };
    const rows = OVERLAP_EXAMPLE.map((s) => ({
      type: "steps" as const,
      sourceId: ids[s.sourceId] ?? 0,
      deviceType: DEVICE_BY_SOURCE[s.sourceId] ?? "app",
      sourceName: s.sourceId,
      priority: null,
      startMs: s.startMs,
      endMs: s.endMs,
      value: s.value,
      utcOffsetMin: -420,
    }));
    expect(measureDays(calendar, rows, []).map((d) => d.steps.total)).toEqual([1480, 50]);
  });

  it("does not depend on input order", () => {
    const reversed = mergeBySourcePriority([...OVERLAP_EXAMPLE].reverse(), rankOf);
    expect(total(reversed)).toBe(1530);
  });
});

describe("mergeBySourcePriority on overlap shapes", () => {
  it("identical samples (a re-import, or two equally ranked sources) count once", () => {
    const once = sample(WATCH, "2024-01-01T10:00Z", "2024-01-01T11:00Z", 600);
    expect(total(mergeBySourcePriority([once, { ...once }], rankOf))).toBe(600);
    const twin = { ...once, sourceId: "Other Apple Watch" };
    const twinRank = createRankOf({ deviceTypeOf: () => "watch" });
    const kept = mergeBySourcePriority([once, twin], twinRank);
    expect(kept.map((s) => [s.sourceId, s.value])).toEqual([[WATCH, 600]]);
  });

  it("a better sample nested inside a worse one splits it; the worse keeps both uncovered ends", () => {
    const phone = sample(PHONE, "2024-01-01T10:00Z", "2024-01-01T11:00Z", 600);
    const watch = sample(WATCH, "2024-01-01T10:20Z", "2024-01-01T10:30Z", 100);
    expect(mergeBySourcePriority([phone, watch], rankOf).map((s) => [s.sourceId, s.value])).toEqual([
      [PHONE, 200],
      [WATCH, 100],
      [PHONE, 300],
    ]);
  });

  it("a worse sample nested inside a better one disappears", () => {
    const watch = sample(WATCH, "2024-01-01T10:00Z", "2024-01-01T11:00Z", 600);
    const phone = sample(PHONE, "2024-01-01T10:20Z", "2024-01-01T10:30Z", 999);
    expect(mergeBySourcePriority([phone, watch], rankOf).map((s) => [s.sourceId, s.value])).toEqual([[WATCH, 600]]);
  });

  it("a partial overlap keeps the worse sample's uncovered fraction, pro-rated by duration", () => {
    const phone = sample(PHONE, "2024-01-01T10:00Z", "2024-01-01T10:40Z", 400);
    const watch = sample(WATCH, "2024-01-01T10:30Z", "2024-01-01T11:00Z", 300);
    const merged = mergeBySourcePriority([watch, phone], rankOf);
    expect(merged.map((s) => [s.sourceId, s.value])).toEqual([
      [PHONE, 300],
      [WATCH, 300],
    ]);
  });

  it("ranks watch > ring > band > phone > scale > app > manual, with a per-source override", () => {
    expect(DEVICE_TYPE_PRIORITY).toEqual(["watch", "ring", "band", "phone", "scale", "app", "manual"]);
    const spans = ["manual", "app", "ring", PHONE].map((id) => sample(id, "2024-01-01T10:00Z", "2024-01-01T11:00Z", 60));
    expect(mergeBySourcePriority(spans, rankOf).map((s) => s.sourceId)).toEqual(["ring"]);
    const phoneFirst = createRankOf({ deviceTypeOf: (id) => DEVICE_BY_SOURCE[id] ?? null, sourceOrder: [PHONE] });
    expect(mergeBySourcePriority(spans, phoneFirst).map((s) => s.sourceId)).toEqual([PHONE]);
    expect(createRankOf({ deviceTypeOf: () => null })("unknown")).toBe(DEVICE_TYPE_PRIORITY.length);
  });

  it("rejects spans that end before they start or are not finite", () => {
    expect(() => mergeBySourcePriority([sample(PHONE, "2024-01-01T11:00Z", "2024-01-01T10:00Z", 1)], rankOf)).toThrow(RangeError);
    expect(() => mergeBySourcePriority([{ sourceId: PHONE, startMs: 0, endMs: 1, value: Number.NaN }], rankOf)).toThrow(RangeError);
  });
});

describe("mergeBySourcePriority on instantaneous samples", () => {
  const at = (sourceId: string, iso: string, value: number): MergeSample => sample(sourceId, iso, iso, value);

  it("drops a point already covered by a span ranked at least as well, keeps it otherwise", () => {
    const phoneSpan = sample(PHONE, "2024-01-01T10:00Z", "2024-01-01T11:00Z", 60);
    const watchSpan = sample(WATCH, "2024-01-01T12:00Z", "2024-01-01T13:00Z", 60);
    const points = [at(PHONE, "2024-01-01T12:30Z", 5), at(WATCH, "2024-01-01T10:30Z", 7), at(PHONE, "2024-01-01T14:00Z", 9)];
    const merged = mergeBySourcePriority([phoneSpan, watchSpan, ...points], rankOf);
    expect(merged.map((s) => [s.sourceId, s.value, s.endMs - s.startMs])).toEqual([
      [PHONE, 30, 30 * 60_000],
      [WATCH, 7, 0],
      [PHONE, 30, 30 * 60_000],
      [WATCH, 60, 60 * 60_000],
      [PHONE, 9, 0],
    ]);
    expect(total(merged)).toBe(60 + 7 + 60 + 9);
  });

  it("keeps one point per instant (the best ranked), and a point at a span's exclusive end", () => {
    const span = sample(WATCH, "2024-01-01T10:00Z", "2024-01-01T11:00Z", 60);
    const merged = mergeBySourcePriority(
      [at(PHONE, "2024-01-01T11:00Z", 4), at(WATCH, "2024-01-01T11:00Z", 3), at(WATCH, "2024-01-01T10:00Z", 2), span],
      rankOf,
    );
    expect(merged.map((s) => [s.sourceId, s.value])).toEqual([
      [WATCH, 60],
      [WATCH, 3],
    ]);
  });
});

/** Reference implementation: for each elementary interval, scan every sample for the best one (O(n²)). */
function bruteForceKept(samples: readonly MergeSample[], rank: (id: string) => number): number[] {
  const kept = samples.map(() => 0);
  const times = [...new Set(samples.flatMap((s) => [s.startMs, s.endMs]))].sort((a, b) => a - b);
  for (let k = 0; k + 1 < times.length; k += 1) {
    const [a = 0, b = 0] = [times[k], times[k + 1]];
    let best = -1;
    samples.forEach((s, i) => {
      if (s.startMs > a || s.endMs < b || s.endMs === s.startMs) return;
      const current = samples[best];
      const better =
        current === undefined ||
        rank(s.sourceId) < rank(current.sourceId) ||
        (rank(s.sourceId) === rank(current.sourceId) && s.sourceId < current.sourceId);
      if (better) best = i;
    });
    const winner = samples[best];
    if (winner !== undefined) kept[best] = (kept[best] ?? 0) + (winner.value * (b - a)) / (winner.endMs - winner.startMs);
  }
  return kept;
}

function keptBySample(segments: readonly MergedSegment[], n: number): number[] {
  const kept = Array.from({ length: n }, () => 0);
  for (const s of segments) kept[s.sampleIndex] = (kept[s.sampleIndex] ?? 0) + s.value;
  return kept;
}

describe("mergeBySourcePriority against a brute-force reference", () => {
  it("agrees sample by sample on a day of minute-level data from 3 sources with random gaps and overlaps", () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const dayStartMs = ms("2024-01-01T00:00Z");
    const samples: MergeSample[] = [];
    for (const sourceId of [WATCH, "ring", PHONE]) {
      for (let minute = 0; minute < 1440; minute += 1 + Math.floor(random() * 3)) {
        const startMs = dayStartMs + minute * 60_000 + Math.floor(random() * 30_000);
        samples.push({ sourceId, startMs, endMs: startMs + Math.floor(random() * 180_000), value: Math.floor(random() * 120) });
      }
    }
    const merged = mergeBySourcePriority(samples, rankOf);
    const expected = bruteForceKept(samples, rankOf);
    const actual = keptBySample(merged, samples.length);
    actual.forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i] ?? Number.NaN, 6);
    });
    for (let i = 1; i < merged.length; i += 1) expect(merged[i]?.startMs).toBeGreaterThanOrEqual(merged[i - 1]?.endMs ?? Infinity);
  });
});
