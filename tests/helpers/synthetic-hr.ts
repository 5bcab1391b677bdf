import type { HrSample } from "../../src/domain/hiit/hr-cleaning.js";

// The deterministic heart-rate generator of the TV-I vectors (docs/science.md §7.10), reusable for detector tests and benchmarks.
/** Starting heart rate of every synthetic session, bpm. */
export const SYNTHETIC_START_BPM = 80;
/** First-order HR kinetics: rises with τ = 20 s, recovers with τ = 45 s (the 20–45 s lag of docs/science.md §7.6). */
export const SYNTHETIC_RISE_TAU_SEC = 20;
export const SYNTHETIC_FALL_TAU_SEC = 45;
const MS_PER_SEC = 1000;

export interface HrPhase {
  durationSec: number;
  targetBpm: number;
}

export const SYNTHETIC_WARM_UP: HrPhase = { durationSec: 300, targetBpm: 120 };
export const SYNTHETIC_COOL_DOWN: HrPhase = { durationSec: 300, targetBpm: 100 };

export function withWarmUpAndCoolDown(main: readonly HrPhase[]): HrPhase[] {
  return [SYNTHETIC_WARM_UP, ...main, SYNTHETIC_COOL_DOWN];
}

export function repeatPhases(times: number, phases: readonly HrPhase[]): HrPhase[] {
  return Array.from({ length: times }, () => phases).flat();
}

/**
 * One sample per second at t = 0, 1, …, total: HR(0) = start, HR(t + 1) = target + (HR(t) − target)·e^(−1/τ),
 * where target is the phase containing second t. Values are rounded to 0.1 bpm; the state is not.
 */
export function syntheticHeartRate(phases: readonly HrPhase[], startMs = 0): HrSample[] {
  let bpm = SYNTHETIC_START_BPM;
  const samples: HrSample[] = [{ tMs: startMs, bpm }];
  let second = 0;
  for (const phase of phases) {
    for (let i = 0; i < phase.durationSec; i += 1) {
      const tauSec = phase.targetBpm > bpm ? SYNTHETIC_RISE_TAU_SEC : SYNTHETIC_FALL_TAU_SEC;
      bpm = phase.targetBpm + (bpm - phase.targetBpm) * Math.exp(-1 / tauSec);
      second += 1;
      samples.push({ tMs: startMs + second * MS_PER_SEC, bpm: Math.round(bpm * 10) / 10 });
    }
  }
  return samples;
}
