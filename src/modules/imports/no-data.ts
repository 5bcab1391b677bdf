// The message of a NO_DATA import: a file that was read but yielded nothing this service stores says what it
// did hold ("The export holds 120 mindful session records and 30 flights climbed records, …"). Pure.

const FORMAT_LABELS: Record<string, string> = {
  apple_health_zip: "Apple Health export",
  apple_health_xml: "Apple Health export",
  fit: "FIT file",
  tcx: "TCX file",
  gpx: "GPX file",
  health_auto_export_json: "Health Auto Export file",
  fitbit_json: "Fitbit file",
  google_fit_zip: "Google Fit Takeout",
  fitbit_takeout_zip: "Fitbit Takeout",
  strava_zip: "Strava export",
  strava_activities_csv: "Strava activities.csv",
  samsung_health_zip: "Samsung Health export",
  samsung_health_csv: "Samsung Health file",
};

/** Record names that read badly as they are in the file. */
const RECORD_NAMES: Record<string, string> = {
  wpt: "waypoint",
  rte: "route",
  Course: "course",
  Workout: "workout plan",
  ActivitySummary: "activity ring summary",
};
const HEALTHKIT_PREFIX = /^HK(?:Quantity|Category|Correlation|Characteristic|DataType|)TypeIdentifier/;
const LISTED_TYPES = 5;

/** "HKCategoryTypeIdentifierSleepAnalysis" → "sleep analysis", "sleep_analysis" → "sleep analysis". */
export function recordLabel(recordType: string): string {
  const named = RECORD_NAMES[recordType];
  if (named) return named;
  return recordType
    .replace(HEALTHKIT_PREFIX, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase()
    .trim();
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function joinList(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
}

function heldText(skipped: Readonly<Record<string, number>>): string | null {
  const entries = Object.entries(skipped)
    .filter(([, count]) => count > 0)
    .sort(([, a], [, b]) => b - a);
  if (entries.length === 0) return null;
  const listed = entries.slice(0, LISTED_TYPES).map(([type, count]) => plural(count, `${recordLabel(type)} record`));
  const more = entries.length - LISTED_TYPES;
  if (more > 0) listed.push(plural(more, "more record type"));
  return `${joinList(listed)}, none of which wearsync reads yet`;
}

export interface NoDataInput {
  format: string;
  skipped: Readonly<Record<string, number>>;
  /** Rejected records per type (the file had data, all of it impossible). */
  rejectedByType: ReadonlyMap<string, number>;
  partialReason: string | null;
}

/** One readable sentence (or two) naming what the file held. */
export function noDataMessage(input: NoDataInput): string {
  const label = FORMAT_LABELS[input.format] ?? "file";
  const held = heldText(input.skipped);
  const rejected = [...input.rejectedByType.values()].reduce((sum, n) => sum + n, 0);
  const clauses: string[] = [];
  if (held) clauses.push(held);
  if (rejected > 0) clauses.push(`${plural(rejected, "record")} that could not be used (see rejected_records)`);
  const body = clauses.length > 0 ? `holds ${clauses.join(", and ")}` : "holds no records at all";
  const damage = input.partialReason ? ` ${input.partialReason}` : "";
  return `This ${label} ${body}; nothing was imported.${damage}`;
}
