import type { ImportRow, UserRow } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { openFoodLog, ParseError } from "../../formats/index.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { utcMidnightMs } from "../../lib/calendar.js";
import { importIntakeEvents } from "../intake/index.js";
import type { ImportRunResult } from "./import-outcome.js";
import { removeImportRows } from "./import-removal.service.js";
import { insertedByType } from "./import-rows.repo.js";
import { markCompleted, markFailed } from "./imports.repo.js";
import { pathForKey } from "./upload-store.js";

// A local date holds instants from 14 h before its UTC midnight (UTC+14) to 12 h after its end (UTC-12).
const DATE_SPAN_BEFORE_MS = 14 * 3_600_000;
const DATE_SPAN_AFTER_MS = 36 * 3_600_000;

/** The instants the logged dates can hold, whatever the offset they were logged at. */
function spanOfDates(dates: ReadonlySet<string>): { startMs: number; endMs: number } | null {
  const sorted = [...dates].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return null;
  return { startMs: utcMidnightMs(first) - DATE_SPAN_BEFORE_MS, endMs: utcMidnightMs(last) + DATE_SPAN_AFTER_MS };
}

/** A food-log export: entries upserted on their deterministic external ids, so a re-import changes nothing. */
export async function runFoodLogImport(deps: Deps, row: ImportRow, user: UserRow, run: number): Promise<ImportRunResult> {
  const ctx = { userId: row.userId, importId: row.id, timeZone: user.timeZone };
  let result: Awaited<ReturnType<typeof importIntakeEvents>>;
  try {
    const events = openFoodLog(row.format, pathForKey(deps.env.UPLOAD_DIR, row.storageKey), {
      nowMs: deps.clock.now().getTime(),
      timeZone: user.timeZone,
      filename: row.filename,
      onBytes: () => undefined,
      weightUnit: null,
    });
    result = await importIntakeEvents(deps, ctx, events);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    await removeImportRows(deps, row, user.timeZone);
    await markFailed(deps.db, row.id, { code: err.code, message: err.message }, deps.clock.now(), {}, run);
    return { status: "failed", code: err.code };
  }
  const inserted = (await insertedByType(deps.sql, row.userId, row.id)).get("intake") ?? 0;
  const parsed = result.parsedByType.get("intake") ?? 0;
  const counts: Record<string, { parsed: number; inserted: number; duplicate: number; rejected: number }> = {
    intake: {
      parsed,
      inserted: Math.min(inserted, parsed),
      duplicate: parsed - Math.min(inserted, parsed),
      rejected: result.rejectedByType.get("intake") ?? 0,
    },
  };
  const statuses = result.parsedByType.get("day_status") ?? 0;
  if (statuses > 0) counts.day_status = { parsed: statuses, inserted: 0, duplicate: 0, rejected: result.rejectedByType.get("day_status") ?? 0 };
  await enqueueDayRecomputes(deps, row.userId, result.localDates);
  await markCompleted(
    deps.db,
    row.id,
    {
      counts,
      rejections: result.rejected.map((r) => ({ where: r.where, reason: r.reason, record_type: r.recordType })),
      partial: false,
      partialReason: null,
      bytes: row.bytes,
      records: [...result.parsedByType.values(), ...result.rejectedByType.values()].reduce((s, n) => s + n, 0),
      span: spanOfDates(result.localDates),
    },
    deps.clock.now(),
    run,
  );
  return { status: "completed", localDates: [...result.localDates].sort(), workoutIds: [] };
}
