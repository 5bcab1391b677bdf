import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import type { Deps } from "../../deps.js";
import type { ImportRow, UserRow } from "../../db/schema/index.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { ParseError } from "../ingest/parsers/types.js";
import { importIntakeEvents } from "../intake/intake-import.js";
import { parseCronometerDailySummaryCsv } from "../intake/parsers/cronometer-daily-summary.js";
import { parseCronometerServingsCsv } from "../intake/parsers/cronometer-servings.js";
import { parseMyFitnessPalCsv } from "../intake/parsers/myfitnesspal.js";
import type { IntakeEvent } from "../intake/parsers/types.js";
import type { ImportFormat } from "./formats.js";
import type { ImportRunResult } from "./import-runner.js";
import { insertedByType } from "./import-rows.repo.js";
import { removeImportRows } from "./import-removal.service.js";
import { markCompleted, markFailed } from "./imports.repo.js";
import { pathForKey } from "./upload-store.js";
import { utcMidnightMs } from "../../lib/calendar.js";

const FOOD_LOG_PARSERS: Partial<Record<ImportFormat, (input: Readable) => AsyncGenerator<IntakeEvent>>> = {
  myfitnesspal_csv: (input) => parseMyFitnessPalCsv(input),
  cronometer_dailysummary_csv: (input) => parseCronometerDailySummaryCsv(input),
  cronometer_servings_csv: (input) => parseCronometerServingsCsv(input),
};

export const FOOD_LOG_FORMATS: readonly string[] = Object.keys(FOOD_LOG_PARSERS);

export function isFoodLogFormat(format: string): boolean {
  return format in FOOD_LOG_PARSERS;
}

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
  const parse = FOOD_LOG_PARSERS[row.format as ImportFormat];
  if (!parse) throw new Error(`not a food-log format: ${row.format}`);
  const ctx = { userId: row.userId, importId: row.id, timeZone: user.timeZone };
  let result;
  try {
    result = await importIntakeEvents(deps, ctx, parse(createReadStream(pathForKey(deps.env.UPLOAD_DIR, row.storageKey))));
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    await removeImportRows(deps, row, user.timeZone);
    await markFailed(deps.db, row.id, { code: err.code, message: err.message }, deps.clock.now(), {}, run);
    return { status: "failed", code: err.code };
  }
  const inserted = (await insertedByType(deps.sql, row.userId, row.id)).get("intake") ?? 0;
  const parsed = result.parsedByType.get("intake") ?? 0;
  const counts: Record<string, { parsed: number; inserted: number; duplicate: number; rejected: number }> = {
    intake: { parsed, inserted: Math.min(inserted, parsed), duplicate: parsed - Math.min(inserted, parsed), rejected: result.rejectedByType.get("intake") ?? 0 },
  };
  const statuses = result.parsedByType.get("day_status") ?? 0;
  if (statuses > 0) counts.day_status = { parsed: statuses, inserted: 0, duplicate: 0, rejected: result.rejectedByType.get("day_status") ?? 0 };
  await enqueueDayRecomputes(deps.queues, row.userId, result.localDates);
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
