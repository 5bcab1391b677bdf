// TV-I protocols (docs/science.md §7.10) built on the reusable generator, plus stream manipulations for robustness cases.

import type { HrSample } from "../../../../src/domain/hiit/hr-cleaning.js";
import { repeatPhases, syntheticHeartRate, withWarmUpAndCoolDown } from "../../../helpers/synthetic-hr.js";

export const TV_I_MAX_HR_BPM = 185;

export const I1_TEN_BY_60_60 = (): HrSample[] =>
  syntheticHeartRate(
    withWarmUpAndCoolDown(
      repeatPhases(10, [
        { durationSec: 60, targetBpm: 178 },
        { durationSec: 60, targetBpm: 115 },
      ]),
    ),
  );
export const I2_STEADY_75_PERCENT = (): HrSample[] => syntheticHeartRate(withWarmUpAndCoolDown([{ durationSec: 2400, targetBpm: 139 }]));
export const I3_FOUR_BY_4_MIN = (): HrSample[] =>
  syntheticHeartRate(
    withWarmUpAndCoolDown(
      repeatPhases(4, [
        { durationSec: 240, targetBpm: 170 },
        { durationSec: 180, targetBpm: 125 },
      ]),
    ),
  );
export const I6_SUSTAINED_20_MIN = (): HrSample[] => syntheticHeartRate(withWarmUpAndCoolDown([{ durationSec: 1200, targetBpm: 166 }]));
export const I7_TABATA = (): HrSample[] =>
  syntheticHeartRate(
    withWarmUpAndCoolDown(
      repeatPhases(8, [
        { durationSec: 20, targetBpm: 185 },
        { durationSec: 10, targetBpm: 120 },
      ]),
    ),
  );

/** Bout windows in whole seconds from the session start (t = 0). */
export const I1_WINDOWS_SEC: ReadonlyArray<readonly [number, number]> = [
  [321, 388],
  [437, 508],
  [557, 628],
  [677, 748],
  [797, 868],
  [917, 988],
  [1037, 1108],
  [1157, 1228],
  [1277, 1348],
  [1397, 1468],
];
export const I3_WINDOWS_SEC: ReadonlyArray<readonly [number, number]> = [
  [328, 571],
  [745, 991],
  [1165, 1411],
  [1585, 1831],
];
export const I7_WINDOWS_SEC: ReadonlyArray<readonly [number, number]> = [[333, 555]];

/** Deterministic PRNG (mulberry32) so "random" sampling is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Keeps samples 1–7 s apart at random; the last sample is always kept so the stream ends where it did. */
export function irregularlySampled(samples: readonly HrSample[], seed: number): HrSample[] {
  const next = seededRandom(seed);
  const kept: HrSample[] = [];
  for (let i = 0; i < samples.length; i += 1 + Math.floor(next() * 7)) {
    const sample = samples[i];
    if (sample !== undefined) kept.push(sample);
  }
  const last = samples.at(-1);
  if (last !== undefined && kept.at(-1) !== last) kept.push(last);
  return kept;
}

export function everyNthSecond(samples: readonly HrSample[], n: number): HrSample[] {
  return samples.filter((s) => (s.tMs / 1000) % n === 0);
}

export function windowsSec(bouts: ReadonlyArray<{ startMs: number; endMs: number }>, originMs = 0): number[][] {
  return bouts.map((b) => [(b.startMs - originMs) / 1000, (b.endMs - originMs) / 1000]);
}
