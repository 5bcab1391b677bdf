import type { Block, ChainRule, Classified, HysteresisRule } from "./bouts.js";
import { classifyBlocks, findHighBlocks } from "./bouts.js";
import type { TimedValue } from "./series.js";
import { resampleToSegments, smoothSegment, sortAndMerge } from "./series.js";

// HR lags effort by 20–45 s, so 20 s/10 s sets merge into one block; power and speed respond at once and can
// resolve them (docs/science.md §7.6, TV-I7). Thresholds and timings are those of that section; the timings are engineering
// defaults aligned with GoldenCheetah's ≥ 5 s sprint windows.

export type AssistInput =
  | { kind: "power"; samples: readonly TimedValue[]; criticalPowerW: number }
  | { kind: "speed"; samples: readonly TimedValue[]; criticalSpeedMps: number };

/** Severe domain starts above critical power / FTP (Coates et al., Sports Med 2023): work ≥ 1.05 × CP. */
export const POWER_WORK_FRACTION_OF_CP = 1.05;
/** Severe domain for running: at or above critical speed. */
export const SPEED_WORK_FRACTION_OF_CS = 1;
/** A bout ends only once output drops below 90 % of the work level, so pedalling noise does not split it. */
export const ASSIST_EXIT_FRACTION_OF_WORK = 0.9;
/** Raw power/speed gaps interpolated up to this long, seconds. */
export const ASSIST_MAX_GAP_SEC = 15;
/** 3-s centred average (at least 2 of 3 seconds present): removes stroke-to-stroke noise, keeps 10-s rests. */
export const ASSIST_SMOOTHING_WINDOW_SEC = 3;
export const ASSIST_SMOOTHING_MIN_VALID_SEC = 2;

export const ASSIST_HYSTERESIS_SEC = { enterAfterSec: 5, exitAfterSec: 3 } as const;

export const ASSIST_CHAIN_RULE: ChainRule = {
  minBoutSec: 5,
  maxBoutSec: 480,
  minRecoverySec: 5,
  maxRecoverySec: 300,
  minBoutsPerSession: 3,
};

export function assistWorkThreshold(input: AssistInput): number {
  const level = input.kind === "power" ? POWER_WORK_FRACTION_OF_CP * input.criticalPowerW : SPEED_WORK_FRACTION_OF_CS * input.criticalSpeedMps;
  if (!(level > 0)) throw new RangeError(`critical ${input.kind} must be positive`);
  return level;
}

/**
 * Power/speed bouts, kept only where they overlap `within` when given: the stretches heart rate already calls
 * work. They resolve intervals HR smears; on their own, the surges of an ordinary road ride would read as HIIT.
 */
export function classifyAssistStream(input: AssistInput, within?: readonly Block[]): Classified {
  const workLevel = assistWorkThreshold(input);
  const rule: HysteresisRule = {
    enterAtOrAbove: workLevel,
    exitAtOrBelow: ASSIST_EXIT_FRACTION_OF_WORK * workLevel,
    ...ASSIST_HYSTERESIS_SEC,
  };
  const valid = input.samples.filter((s) => Number.isFinite(s.tMs) && Number.isFinite(s.value) && s.value >= 0);
  const blocks = resampleToSegments(sortAndMerge(valid), ASSIST_MAX_GAP_SEC)
    .map((segment) => smoothSegment(segment, ASSIST_SMOOTHING_WINDOW_SEC, ASSIST_SMOOTHING_MIN_VALID_SEC))
    .flatMap((segment) => findHighBlocks(segment, rule))
    .filter((block) => within === undefined || within.some((w) => block.startSec < w.endSec && w.startSec < block.endSec));
  return classifyBlocks(blocks, ASSIST_CHAIN_RULE);
}
