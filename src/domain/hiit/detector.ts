import type { AcsmBand } from "../energy/hr-zones.js";
import { acsmBandByPercentHrr, acsmBandByPercentMaxHr } from "../energy/hr-zones.js";
import type { AssistInput } from "./assist.js";
import { classifyAssistStream } from "./assist.js";
import type { Block, Chain, ChainRule, Classified } from "./bouts.js";
import { classifyBlocks, findHighBlocks } from "./bouts.js";
import type { HrSample } from "./hr-cleaning.js";
import { prepareHrSegments } from "./hr-cleaning.js";
import type { Segment } from "./series.js";
import { secToMs } from "./series.js";

// HR reacts 20–45 s late (docs/science.md §7.6): a power/speed bout this close to HR-detected work belongs to it.
const HR_LAG_ALLOWANCE_SEC = 60;

/** Stored with every detected session: bump it whenever a rule or constant below changes, then recompute. */
// v2: power/speed bouts count only inside heart-rate work stretches (v1 let road-ride surges read as HIIT).
export const METHOD_VERSION = "hiit-hr-hysteresis/2";

// docs/science.md §7.3 and §7.5. Work ≥ 85 % HRmax: Gibala's HIIT runs at ~90 % HRmax, and the usual definition is
// "≥ 80 %, often 85–95 % of HRmax" (docs/science.md §7.3); the 5 %-of-HRmax hysteresis keeps brief dips inside a bout.
export const WORK_FRACTION_OF_MAX_HR = 0.85;
/** With a known resting HR, ≥ 80 % of HR reserve instead (docs/science.md §7.3); the exit stays 5 % of HRmax lower. */
export const WORK_FRACTION_OF_HRR = 0.8;
export const HYSTERESIS_FRACTION_OF_MAX_HR = 0.05;
/** Seconds above (below) the threshold needed to enter (leave) a HIGH block. */
export const ENTER_AFTER_SEC = 10;
export const EXIT_AFTER_SEC = 10;

/** Bouts 10 s–8 min, recoveries 10 s–5 min, ≥ 3 chained bouts; longer blocks are sustained work, not intervals. */
export const HR_CHAIN_RULE: ChainRule = {
  minBoutSec: 10,
  maxBoutSec: 480,
  minRecoverySec: 10,
  maxRecoverySec: 300,
  minBoutsPerSession: 3,
};

export type IntensityBasis = "percent-max" | "percent-reserve";

export interface HiitOptions {
  maxHrBpm: number;
  restingHrBpm?: number | null;
  /** "percent-reserve" needs restingHrBpm and also switches the ACSM bands to % of HR reserve. */
  intensityBasis?: IntensityBasis;
  assist?: AssistInput | null;
}

export interface HiitBout {
  startMs: number;
  endMs: number;
  durationSec: number;
  /** From the smoothed HR inside the bout; null when HR is missing there (assisted bouts). */
  meanHrBpm: number | null;
  peakHrBpm: number | null;
}

export interface HiitSession {
  startMs: number;
  endMs: number;
  bouts: HiitBout[];
  workSec: number;
  recoverySec: number;
  workRestRatio: number;
}

export interface HiitAnalysis {
  methodVersion: string;
  maxHrBpm: number;
  workThresholdBpm: number;
  exitThresholdBpm: number;
  /** Heart-rate bouts (10 s–8 min). */
  bouts: HiitBout[];
  /** Heart-rate HIGH blocks longer than 8 min: vigorous, but not interval training. */
  sustainedBlocks: HiitBout[];
  /** Bouts found from power or speed, null without an assist stream. */
  assistedBouts: HiitBout[] | null;
  sessions: HiitSession[];
  isHiit: boolean;
  /** Which stream the sessions come from. */
  basis: "heart-rate" | "power" | "speed";
  secondsAtOrAboveWorkThreshold: number;
  /** Seconds with a smoothed HR value: low coverage means "not enough data", not "no HIIT". */
  validSeconds: number;
  timeInBandSec: Record<AcsmBand, number>;
  bandBasis: IntensityBasis;
}

export function detectHiit(samples: readonly HrSample[], options: HiitOptions): HiitAnalysis {
  const thresholds = workThresholds(options);
  const segments = prepareHrSegments(samples);
  const hrBlocks = segments.flatMap((segment) =>
    findHighBlocks(segment, {
      enterAtOrAbove: thresholds.workBpm,
      exitAtOrBelow: thresholds.exitBpm,
      enterAfterSec: ENTER_AFTER_SEC,
      exitAfterSec: EXIT_AFTER_SEC,
    }),
  );
  const hr = classifyBlocks(hrBlocks, HR_CHAIN_RULE);
  const assist = options.assist ?? null;
  const hrWorkWindows = hrBlocks.map((b) => ({ startSec: b.startSec - HR_LAG_ALLOWANCE_SEC, endSec: b.endSec + HR_LAG_ALLOWANCE_SEC }));
  const assisted = assist === null ? null : classifyAssistStream(assist, hrWorkWindows);
  const assistWins = assist !== null && assisted !== null && assisted.sessions.length > 0;
  const chosen: Classified = assistWins ? assisted : hr;
  const toBout = (block: Block): HiitBout => hiitBout(block, segments);
  return {
    methodVersion: METHOD_VERSION,
    maxHrBpm: options.maxHrBpm,
    workThresholdBpm: thresholds.workBpm,
    exitThresholdBpm: thresholds.exitBpm,
    bouts: hr.bouts.map(toBout),
    sustainedBlocks: hr.sustained.map(toBout),
    assistedBouts: assisted === null ? null : assisted.bouts.map(toBout),
    sessions: chosen.sessions.map((chain) => hiitSession(chain, toBout)),
    isHiit: chosen.sessions.length > 0,
    basis: assistWins ? assist.kind : "heart-rate",
    ...intensitySummary(segments, options, thresholds.workBpm),
  };
}

function workThresholds(options: HiitOptions): { workBpm: number; exitBpm: number } {
  const { maxHrBpm } = options;
  if (!(maxHrBpm > 0)) throw new RangeError(`maxHrBpm must be positive, got ${maxHrBpm}`);
  const hysteresisBpm = HYSTERESIS_FRACTION_OF_MAX_HR * maxHrBpm;
  if ((options.intensityBasis ?? "percent-max") === "percent-max") {
    const workBpm = WORK_FRACTION_OF_MAX_HR * maxHrBpm;
    return { workBpm, exitBpm: workBpm - hysteresisBpm };
  }
  const restingHrBpm = options.restingHrBpm ?? Number.NaN;
  if (!(restingHrBpm > 0 && restingHrBpm < maxHrBpm)) {
    throw new RangeError("intensityBasis 'percent-reserve' needs a restingHrBpm below maxHrBpm");
  }
  const workBpm = restingHrBpm + WORK_FRACTION_OF_HRR * (maxHrBpm - restingHrBpm);
  return { workBpm, exitBpm: workBpm - hysteresisBpm };
}

function intensitySummary(
  segments: readonly Segment[],
  options: HiitOptions,
  workBpm: number,
): Pick<HiitAnalysis, "secondsAtOrAboveWorkThreshold" | "validSeconds" | "timeInBandSec" | "bandBasis"> {
  const bandBasis = options.intensityBasis ?? "percent-max";
  const restingHrBpm = options.restingHrBpm ?? Number.NaN;
  const timeInBandSec: Record<AcsmBand, number> = {
    "very-light": 0,
    light: 0,
    moderate: 0,
    vigorous: 0,
    "near-maximal": 0,
  };
  let secondsAtOrAboveWorkThreshold = 0;
  let validSeconds = 0;
  for (const bpm of segments.flatMap((s) => s.values)) {
    if (Number.isNaN(bpm)) continue;
    validSeconds += 1;
    if (bpm >= workBpm) secondsAtOrAboveWorkThreshold += 1;
    const band =
      bandBasis === "percent-max" ? acsmBandByPercentMaxHr(bpm, options.maxHrBpm) : acsmBandByPercentHrr(bpm, restingHrBpm, options.maxHrBpm);
    timeInBandSec[band] += 1;
  }
  return { secondsAtOrAboveWorkThreshold, validSeconds, timeInBandSec, bandBasis };
}

function hiitBout(block: Block, segments: readonly Segment[]): HiitBout {
  let sum = 0;
  let n = 0;
  let peak = Number.NEGATIVE_INFINITY;
  for (const segment of segments) {
    const from = Math.max(0, block.startSec - segment.startSec);
    const to = Math.min(segment.values.length, block.endSec - segment.startSec);
    for (let i = from; i < to; i += 1) {
      const bpm = segment.values[i] ?? Number.NaN;
      if (Number.isNaN(bpm)) continue;
      sum += bpm;
      n += 1;
      peak = Math.max(peak, bpm);
    }
  }
  return {
    startMs: secToMs(block.startSec),
    endMs: secToMs(block.endSec),
    durationSec: block.endSec - block.startSec,
    meanHrBpm: n === 0 ? null : sum / n,
    peakHrBpm: n === 0 ? null : peak,
  };
}

function hiitSession(chain: Chain, toBout: (block: Block) => HiitBout): HiitSession {
  const bouts = chain.bouts.map(toBout);
  return {
    startMs: bouts[0]?.startMs ?? Number.NaN,
    endMs: bouts.at(-1)?.endMs ?? Number.NaN,
    bouts,
    workSec: chain.workSec,
    recoverySec: chain.recoverySec,
    workRestRatio: chain.workRestRatio,
  };
}
