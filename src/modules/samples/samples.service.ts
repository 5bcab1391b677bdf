import type { Deps } from "../../deps.js";
import { decodeCursor, invalidCursor, isIsoInstant, paginate } from "../../lib/cursor.js";
import { assertRangeOrder } from "../../lib/date-range.js";
import { INT4_MAX } from "../../lib/validation.js";
import { SAMPLE_TYPES } from "../../lib/vocabulary.js";
import { listSamples, type SampleReadRow } from "./samples.repo.js";

export async function listUserSamples(
  deps: Deps,
  userId: string,
  query: { type?: string | undefined; from?: string | undefined; to?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: SampleReadRow[]; nextCursor: string | null }> {
  assertRangeOrder(query.from, query.to);
  const after = query.cursor ? decodeSampleCursor(query.cursor) : undefined;
  const rows = await listSamples(deps.sql, {
    userId,
    type: query.type,
    from: query.from,
    to: query.to,
    limit: query.limit + 1,
    ...(after ? { after } : {}),
  });
  return paginate(rows, query.limit, (row) => ({
    sortKey: row.startAt.toISOString(),
    id: `${row.type}|${row.sourceId}|${row.endAt.toISOString()}`,
  }));
}

function decodeSampleCursor(cursor: string) {
  const { sortKey, id } = decodeCursor(cursor);
  const parts = id.split("|");
  const [type, sourceId, endIso] = parts;
  // source ids are int4 serials: anything else would fail in Postgres, not here.
  const validSourceId = sourceId !== undefined && /^[1-9]\d{0,9}$/.test(sourceId) && Number(sourceId) <= INT4_MAX;
  if (
    parts.length !== 3 ||
    !type ||
    !(SAMPLE_TYPES as readonly string[]).includes(type) ||
    !validSourceId ||
    endIso === undefined ||
    !isIsoInstant(endIso)
  ) {
    throw invalidCursor();
  }
  return { type, sourceId: Number(sourceId), startAt: new Date(sortKey), endAt: new Date(endIso) };
}
