import { DUPLICATE_REASONS, type DuplicateReason } from "./activity-grouping.js";

const REASON_TEXT: Readonly<Record<DuplicateReason, string>> = {
  source_priority: "same activity from a higher-priority source",
  record_tier: "same activity; the recording device's own record is preferred to a copy or an estimate",
  richer_record: "same activity; the counted record has more data (heart rate, energy, distance)",
  stable_order: "same activity recorded identically; the first-stored record counts",
};

function isReason(value: string | null): value is DuplicateReason {
  return value !== null && (DUPLICATE_REASONS as readonly string[]).includes(value);
}

/** "duplicate of wkt_… (same activity from a higher-priority source)": what the API says about an uncounted copy. */
export function duplicateReasonText(duplicateOf: string, reason: string | null): string {
  return `duplicate of ${duplicateOf} (${isReason(reason) ? REASON_TEXT[reason] : "same activity"})`;
}
