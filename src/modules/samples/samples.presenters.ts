import { CANONICAL_UNIT, type SampleType } from "../../lib/vocabulary.js";
import { isoWithOffset } from "../../lib/zone.js";
import type { SampleReadRow } from "./samples.repo.js";

export function presentSample(row: SampleReadRow) {
  const type = row.type as SampleType;
  return {
    type,
    start: isoWithOffset(row.startAt.getTime(), row.utcOffsetMin),
    end: isoWithOffset(row.endAt.getTime(), row.utcOffsetMin),
    utc_offset_min: row.utcOffsetMin,
    local_date: row.localDate,
    value: row.value,
    unit: CANONICAL_UNIT[type],
    source: { name: row.sourceName, device_type: row.deviceType, device: row.device || null },
    import_id: row.importId,
  };
}
