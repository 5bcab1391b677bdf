import type { Deps } from "../../deps.js";
import { decodeCursor, paginate } from "../../lib/cursor.js";
import { assertRangeOrder } from "../../lib/date-range.js";
import { BadRequestError } from "../../lib/errors.js";
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
  const [type, sourceId, endIso] = id.split("|");
  const startAt = new Date(sortKey);
  const endAt = new Date(endIso ?? "");
  if (!type || !sourceId || Number.isNaN(startAt.getTime()) || Number.isNaN(endAt.getTime())) {
    throw new BadRequestError("The cursor is not one this API issued.", "INVALID_CURSOR");
  }
  return { type, sourceId: Number(sourceId), startAt, endAt };
}
