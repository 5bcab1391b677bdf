export interface SpanValue {
  startMs: number;
  endMs: number;
  value: number;
}

export interface DayShare {
  /** Index into the day list: day i runs from dayStartsMs[i] to dayStartsMs[i + 1]. */
  dayIndex: number;
  value: number;
}

/**
 * Splits a cumulative sample (kcal, steps) across local days in proportion to the time it spends in each (TV-D6).
 * `dayStartsMs` are the UTC instants of consecutive local midnights plus the end of the last day, so DST days of
 * 23 or 25 h need no special case here. The parts outside all days are dropped; instantaneous samples go whole
 * to the day that contains them.
 */
export function splitAcrossDays(sample: SpanValue, dayStartsMs: readonly number[]): DayShare[] {
  const durationMs = sample.endMs - sample.startMs;
  if (!(durationMs >= 0)) throw new RangeError(`sample ends before it starts: ${sample.startMs} > ${sample.endMs}`);
  const shares: DayShare[] = [];
  for (let i = 0; i + 1 < dayStartsMs.length; i += 1) {
    const dayStartMs = dayStartsMs[i] ?? Number.NaN;
    const dayEndMs = dayStartsMs[i + 1] ?? Number.NaN;
    if (!(dayEndMs > dayStartMs)) throw new RangeError("dayStartsMs must be strictly increasing");
    if (durationMs === 0) {
      if (sample.startMs >= dayStartMs && sample.startMs < dayEndMs) shares.push({ dayIndex: i, value: sample.value });
      continue;
    }
    const overlapMs = Math.min(sample.endMs, dayEndMs) - Math.max(sample.startMs, dayStartMs);
    if (overlapMs > 0) shares.push({ dayIndex: i, value: (sample.value * overlapMs) / durationMs });
  }
  return shares;
}
