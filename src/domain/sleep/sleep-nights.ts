import type { SleepStageType } from "../../lib/vocabulary.js";
import { localDateAtOffset } from "../../lib/zone.js";
import { countedSleepPieces, type SleepPiece, type SleepSampleRow } from "./sleep-stages.js";

/**
 * Counted sleep pieces less than this far apart belong to one session (a night with the watch off for a while, a
 * wake-up without an "awake" record). A product rule, not a published constant: a nap after a 7 h night is hours
 * later and stays a session of its own.
 */
export const SLEEP_SESSION_GAP_MIN = 60;

/**
 * Adults should sleep 7 or more hours per night regularly: the AASM and Sleep Research Society joint consensus
 * (Watson et al. 2015, Sleep 38(6):843-844; J Clin Sleep Med 11(6):591-592).
 */
export const RECOMMENDED_SLEEP_MIN = 7 * 60;

const ASLEEP_STAGES: ReadonlySet<SleepStageType> = new Set(["sleep_asleep", "sleep_core", "sleep_deep", "sleep_rem"]);
const MS_PER_MIN = 60_000;

export type StageMinutes = Record<SleepStageType, number>;

export interface SleepSession {
  startMs: number;
  endMs: number;
  /** Offset of the piece that starts the session. */
  startUtcOffsetMin: number;
  /** Offset of the piece that ends the session: its local date is the session's day. */
  utcOffsetMin: number;
  /** The local date of the session's end (the wake-up morning for a night). */
  localDate: string;
  /** Asleep, core, deep and REM minutes; null when the sources only said "in bed" (asleep unknown, never 0). */
  asleepMin: number | null;
  /** null when no source wrote time in bed. */
  inBedMin: number | null;
  stagesMin: StageMinutes;
  /** The sources whose pieces count, best-ranked first as they appear. */
  sourceIds: string[];
}

export interface SleepDay {
  localDate: string;
  /** Asleep minutes of every session ending that day (the night and naps); null when none says asleep. */
  asleepMin: number | null;
  inBedMin: number | null;
  /** Time order; the night is the session with the most asleep minutes (then the longest). */
  sessions: SleepSession[];
  mainSessionIndex: number;
}

const emptyStages = (): StageMinutes => ({ sleep_in_bed: 0, sleep_asleep: 0, sleep_core: 0, sleep_deep: 0, sleep_rem: 0, sleep_awake: 0 });

function sessionOf(pieces: readonly SleepPiece[]): SleepSession {
  const stagesMin = emptyStages();
  let last = pieces[0];
  let hasAsleep = false;
  let hasInBed = false;
  const sourceIds: string[] = [];
  for (const p of pieces) {
    stagesMin[p.type] += p.minutes;
    hasAsleep ||= ASLEEP_STAGES.has(p.type);
    hasInBed ||= p.type === "sleep_in_bed";
    if (!sourceIds.includes(p.sourceId)) sourceIds.push(p.sourceId);
    if (last === undefined || p.endMs > last.endMs) last = p;
  }
  const first = pieces.reduce<SleepPiece | undefined>((a, p) => (a === undefined || p.startMs < a.startMs ? p : a), undefined);
  const startMs = first?.startMs ?? 0;
  const endMs = last?.endMs ?? startMs;
  const utcOffsetMin = last?.utcOffsetMin ?? 0;
  const asleepMin = stagesMin.sleep_asleep + stagesMin.sleep_core + stagesMin.sleep_deep + stagesMin.sleep_rem;
  return {
    startMs,
    endMs,
    startUtcOffsetMin: first?.utcOffsetMin ?? utcOffsetMin,
    utcOffsetMin,
    localDate: localDateAtOffset(endMs, utcOffsetMin),
    asleepMin: hasAsleep ? asleepMin : null,
    inBedMin: hasInBed ? stagesMin.sleep_in_bed : null,
    stagesMin,
    sourceIds,
  };
}

/** Sessions from counted pieces (time-ordered): a gap of SLEEP_SESSION_GAP_MIN or more starts a new one. */
export function sleepSessions(rows: readonly SleepSampleRow[], rankOf: (sourceId: string) => number): SleepSession[] {
  const sessions: SleepSession[] = [];
  let current: SleepPiece[] = [];
  let reachedMs = Number.NEGATIVE_INFINITY;
  for (const piece of countedSleepPieces(rows, rankOf)) {
    if (current.length > 0 && piece.startMs - reachedMs >= SLEEP_SESSION_GAP_MIN * MS_PER_MIN) {
      sessions.push(sessionOf(current));
      current = [];
    }
    current.push(piece);
    reachedMs = Math.max(reachedMs, piece.endMs);
  }
  if (current.length > 0) sessions.push(sessionOf(current));
  return sessions;
}

const sumOrNull = (values: readonly (number | null)[]) =>
  values.some((v) => v !== null) ? values.reduce<number>((sum, v) => sum + (v ?? 0), 0) : null;

function mainIndex(sessions: readonly SleepSession[]): number {
  let best = 0;
  for (let i = 1; i < sessions.length; i += 1) {
    const s = sessions[i];
    const b = sessions[best];
    if (s === undefined || b === undefined) continue;
    const [sa, ba] = [s.asleepMin ?? -1, b.asleepMin ?? -1];
    if (sa > ba || (sa === ba && s.endMs - s.startMs > b.endMs - b.startMs)) best = i;
  }
  return best;
}

/**
 * Sleep per local day: each session belongs to the local date of its end at its own UTC offset (a night to its
 * wake-up morning, a nap to the day it ends), so a night across a DST change or a flight is never split.
 */
export function sleepDays(rows: readonly SleepSampleRow[], rankOf: (sourceId: string) => number): Map<string, SleepDay> {
  const byDate = new Map<string, SleepSession[]>();
  for (const session of sleepSessions(rows, rankOf)) {
    const list = byDate.get(session.localDate) ?? [];
    list.push(session);
    byDate.set(session.localDate, list);
  }
  const days = new Map<string, SleepDay>();
  for (const [localDate, sessions] of byDate) {
    days.set(localDate, {
      localDate,
      asleepMin: sumOrNull(sessions.map((s) => s.asleepMin)),
      inBedMin: sumOrNull(sessions.map((s) => s.inBedMin)),
      sessions,
      mainSessionIndex: mainIndex(sessions),
    });
  }
  return days;
}

/** Mean nightly sleep and how many nights reached RECOMMENDED_SLEEP_MIN, over days whose asleep minutes are known. */
export function sleepSummary(asleepMinByDay: readonly (number | null)[]) {
  const known = asleepMinByDay.filter((v): v is number => v !== null);
  const meanMin = known.length === 0 ? null : known.reduce((s, v) => s + v, 0) / known.length;
  return { nights: known.length, meanAsleepMin: meanMin, nightsReachingRecommended: known.filter((v) => v >= RECOMMENDED_SLEEP_MIN).length };
}
