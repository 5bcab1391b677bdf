import type { Segment } from "./series.js";

export interface HysteresisRule {
  enterAtOrAbove: number;
  exitAtOrBelow: number;
  /** Consecutive seconds at or above the entry level before a block opens at the first of them. */
  enterAfterSec: number;
  /** Consecutive seconds at or below the exit level before the block closes at the first of them. */
  exitAfterSec: number;
}

/** A HIGH stretch on the 1 Hz grid: [startSec, endSec) in epoch seconds. */
export interface Block {
  startSec: number;
  endSec: number;
}

export interface ChainRule {
  minBoutSec: number;
  maxBoutSec: number;
  minRecoverySec: number;
  maxRecoverySec: number;
  minBoutsPerSession: number;
}

export interface Chain {
  bouts: Block[];
  workSec: number;
  recoverySec: number;
  /** Work seconds per recovery second inside the chain. */
  workRestRatio: number;
}

export interface Classified {
  bouts: Block[];
  /** HIGH blocks longer than a bout: sustained vigorous work, not intervals. */
  sustained: Block[];
  sessions: Chain[];
}

/** Hysteresis on one segment. Missing seconds close an open block at the last valid second + 1 and reset. */
export function findHighBlocks(segment: Segment, rule: HysteresisRule): Block[] {
  const blocks: Block[] = [];
  let openAt: number | null = null;
  let runStart = 0;
  let runLength = 0;
  let lastValid = -1;
  for (let i = 0; i < segment.values.length; i += 1) {
    const value = segment.values[i] ?? Number.NaN;
    if (Number.isNaN(value)) {
      if (openAt !== null) blocks.push(block(segment, openAt, lastValid + 1));
      openAt = null;
      runLength = 0;
      continue;
    }
    lastValid = i;
    const counts = openAt === null ? value >= rule.enterAtOrAbove : value <= rule.exitAtOrBelow;
    runLength = counts ? runLength + 1 : 0;
    if (runLength === 1) runStart = i;
    if (openAt === null && runLength >= rule.enterAfterSec) {
      openAt = runStart;
      runLength = 0;
    } else if (openAt !== null && runLength >= rule.exitAfterSec) {
      blocks.push(block(segment, openAt, runStart));
      openAt = null;
      runLength = 0;
    }
  }
  if (openAt !== null) blocks.push(block(segment, openAt, lastValid + 1));
  return blocks;
}

/** Keeps bout-length blocks and chains those separated by a recovery of the allowed length. */
export function classifyBlocks(blocks: readonly Block[], rule: ChainRule): Classified {
  const sorted = [...blocks].sort((a, b) => a.startSec - b.startSec);
  const bouts = sorted.filter((b) => duration(b) >= rule.minBoutSec && duration(b) <= rule.maxBoutSec);
  const sustained = sorted.filter((b) => duration(b) > rule.maxBoutSec);
  const chains: Block[][] = [];
  for (const bout of bouts) {
    const chain = chains.at(-1);
    const previous = chain?.at(-1);
    const recoverySec = previous === undefined ? Number.NaN : bout.startSec - previous.endSec;
    if (chain !== undefined && recoverySec >= rule.minRecoverySec && recoverySec <= rule.maxRecoverySec) {
      chain.push(bout);
    } else {
      chains.push([bout]);
    }
  }
  const sessions = chains.filter((c) => c.length >= rule.minBoutsPerSession).map(summariseChain);
  return { bouts, sustained, sessions };
}

function block(segment: Segment, startIndex: number, endIndex: number): Block {
  return { startSec: segment.startSec + startIndex, endSec: segment.startSec + endIndex };
}

function summariseChain(bouts: Block[]): Chain {
  const workSec = bouts.reduce((s, b) => s + duration(b), 0);
  let recoverySec = 0;
  for (let i = 1; i < bouts.length; i += 1) {
    recoverySec += (bouts[i]?.startSec ?? 0) - (bouts[i - 1]?.endSec ?? 0);
  }
  return { bouts, workSec, recoverySec, workRestRatio: workSec / recoverySec };
}

function duration(block: Block): number {
  return block.endSec - block.startSec;
}
