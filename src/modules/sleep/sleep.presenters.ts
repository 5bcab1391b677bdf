import type { SleepDay, SleepSession, StageMinutes } from "../../domain/sleep/sleep-nights.js";
import { isoWithOffset } from "../../lib/zone.js";

const round1 = (v: number) => Math.round(v * 10) / 10;
const round1OrNull = (v: number | null) => (v === null ? null : round1(v));

function presentStages(stages: StageMinutes) {
  return {
    in_bed: round1(stages.sleep_in_bed),
    asleep_unspecified: round1(stages.sleep_asleep),
    core: round1(stages.sleep_core),
    deep: round1(stages.sleep_deep),
    rem: round1(stages.sleep_rem),
    awake: round1(stages.sleep_awake),
  };
}

function presentSession(session: SleepSession, main: boolean, sourceName: (id: string) => string) {
  return {
    start: isoWithOffset(session.startMs, session.startUtcOffsetMin),
    end: isoWithOffset(session.endMs, session.utcOffsetMin),
    main,
    asleep_minutes: round1OrNull(session.asleepMin),
    in_bed_minutes: round1OrNull(session.inBedMin),
    stages_minutes: presentStages(session.stagesMin),
    sources: session.sourceIds.map(sourceName),
  };
}

/** A day's sleep: the night (main session) first in `start`/`end`, every session with its stages and sources. */
export function presentSleepDay(day: SleepDay, sourceName: (id: string) => string) {
  const sessions = day.sessions.map((s, i) => presentSession(s, i === day.mainSessionIndex, sourceName));
  const main = sessions[day.mainSessionIndex] ?? sessions[0];
  const total: StageMinutes = { sleep_in_bed: 0, sleep_asleep: 0, sleep_core: 0, sleep_deep: 0, sleep_rem: 0, sleep_awake: 0 };
  for (const s of day.sessions) for (const k of Object.keys(total) as (keyof StageMinutes)[]) total[k] += s.stagesMin[k];
  return {
    asleep_minutes: round1OrNull(day.asleepMin),
    in_bed_minutes: round1OrNull(day.inBedMin),
    start: main?.start ?? null,
    end: main?.end ?? null,
    stages_minutes: presentStages(total),
    sources: [...new Set(sessions.flatMap((s) => s.sources))],
    sessions,
  };
}
