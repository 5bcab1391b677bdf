import { api, storedKey, storedProfile, unwrap } from "../api/client";
import { todayIn } from "../lib/format";
import { type DateRange, rangeOf } from "../lib/range";
import { getDays } from "./day-states";

// The Days screen is the first one people see: its two reads start while the page's code is still being evaluated
// (main.tsx calls startFirstScreen before the first render), not after the first paint when the page's effects run.
// Each read is handed out once; a later load of the same range asks the API again.

type DaysAnswer = Awaited<ReturnType<typeof getDays>>;
const getSummary = (from: string, to: string) => unwrap(api.GET("/v1/summary", { params: { query: { from, to } } }));
type SummaryAnswer = Awaited<ReturnType<typeof getSummary>>;

/** The Days page's default range: the last four weeks up to today in the person's zone. */
const DEFAULT_DAYS = 28;

export function defaultRange(zone: string, params: URLSearchParams): DateRange {
  return rangeOf(params, todayIn(zone), DEFAULT_DAYS - 1);
}

interface Started {
  key: string;
  days: Promise<DaysAnswer> | null;
  summary: Promise<SummaryAnswer> | null;
}

let started: Started | null = null;

/** Starts the Days reads for the range the page will show, when a key and its profile are already in the session. */
export function startFirstScreen(hash: string): void {
  const profile = storedProfile();
  if (storedKey() === null || profile === null) return;
  const [path = "", query = ""] = hash.replace(/^#\/?/, "").split("?");
  if (path !== "" && path !== "days") return;
  const { from, to } = defaultRange(profile.time_zone, new URLSearchParams(query));
  const days = getDays(from, to);
  const summary = getSummary(from, to);
  // Nobody may be waiting yet: a refusal is handled by whoever takes the promise (or dropped with it).
  days.catch(() => undefined);
  summary.catch(() => undefined);
  started = { key: `${from}/${to}`, days, summary };
}

/** The days of [from, to]: the read started early when it is for this range and not yet taken, else a new one. */
export function loadDays(from: string, to: string): Promise<DaysAnswer> {
  const early = started?.key === `${from}/${to}` ? started.days : null;
  if (early && started) started.days = null;
  return early ?? getDays(from, to);
}

/** The period summary of [from, to], on the same terms as loadDays. */
export function loadSummary(from: string, to: string): Promise<SummaryAnswer> {
  const early = started?.key === `${from}/${to}` ? started.summary : null;
  if (early && started) started.summary = null;
  return early ?? getSummary(from, to);
}
