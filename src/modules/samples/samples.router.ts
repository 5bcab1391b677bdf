import { createRouter } from "../../lib/http.js";
import type { SampleReadRow } from "./samples.repo.js";
import { listSamplesRoute } from "./samples.routes.js";
import { listUserSamples } from "./samples.service.js";
import { isoWithOffset } from "../../lib/zone.js";
import { CANONICAL_UNIT, type SampleType } from "../../lib/vocabulary.js";

function presentSample(row: SampleReadRow) {
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

export function samplesRouter() {
  return createRouter().openapi(listSamplesRoute, async (c) => {
    const page = await listUserSamples(c.var.deps, c.var.userId, c.req.valid("query"));
    return c.json({ samples: page.items.map(presentSample), next_cursor: page.nextCursor }, 200);
  });
}
