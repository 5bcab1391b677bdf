import type { SourceRow } from "../../db/schema/index.js";
import { DEVICE_TYPE_PRIORITY } from "../../domain/samples/source-priority.js";
import type { DeviceType } from "../../lib/vocabulary.js";

export function presentSource(row: SourceRow) {
  return {
    id: row.id,
    name: row.name,
    device_type: row.deviceType,
    device: row.device || null,
    priority: row.priority,
    effective_priority: row.priority ?? DEVICE_TYPE_PRIORITY.indexOf(row.deviceType as DeviceType),
  };
}
