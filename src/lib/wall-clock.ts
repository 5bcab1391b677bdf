// Local wall-clock time → UTC for files that store times without an offset (Fitbit, FIT files whose
// device clock was never set). Wall times are carried as "epoch ms as if the wall time were UTC".

const MS_PER_MINUTE = 60_000;
/** Transitions are found by probing the offset this far either side of the wall time. */
const PROBE_WINDOW_MS = 24 * 3600 * 1000;

const formatterByZone = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatterByZone.get(timeZone);
  if (cached) return cached;
  const created = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  formatterByZone.set(timeZone, created);
  return created;
}

/** Throws a RangeError naming the zone when it is not a valid IANA time zone. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new RangeError(`Unknown time zone "${timeZone}"; expected an IANA name such as "Europe/Berlin"`);
  }
}

/** Minutes east of UTC that `timeZone` observes at the instant `utcMs`. */
export function utcOffsetMinAt(utcMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
  const wallMs = Date.UTC(
    field("year"),
    field("month") - 1,
    field("day"),
    field("hour"),
    field("minute"),
    field("second"),
  );
  const flooredUtcMs = Math.floor(utcMs / 1000) * 1000;
  return Math.round((wallMs - flooredUtcMs) / MS_PER_MINUTE);
}

/**
 * Converts a wall time in `timeZone` to a UTC instant. Ambiguous times (clocks going back) resolve to the
 * earlier instant; times skipped by a spring-forward gap move forward by the gap, as Temporal's "compatible".
 */
export function zonedWallTimeToUtcMs(wallMs: number, timeZone: string): number {
  const offsetBefore = utcOffsetMinAt(wallMs - PROBE_WINDOW_MS, timeZone);
  const offsetAfter = utcOffsetMinAt(wallMs + PROBE_WINDOW_MS, timeZone);
  const candidates = [offsetBefore, offsetAfter]
    .map((offsetMin) => wallMs - offsetMin * MS_PER_MINUTE)
    .filter((utcMs) => wallMs - utcOffsetMinAt(utcMs, timeZone) * MS_PER_MINUTE === utcMs);
  if (candidates.length > 0) return Math.min(...candidates);
  return wallMs - offsetBefore * MS_PER_MINUTE;
}
