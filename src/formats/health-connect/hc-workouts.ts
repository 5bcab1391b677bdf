// Exercise sessions as workouts. A Health Connect session stores only its type, times and title; the app writes the
// session's distance, calories and heart rate as separate records over the same time. Those records of the
// session's own app are summed over its window (a record half inside counts half); heart rate comes from the same
// app, or from any app when that one wrote none (a phone app's session with the watch's heart rate). The energy is the
// app's active calories (net of resting); an app that wrote only total calories gives those, resting included (gross).

import type { EnergyBasis } from "../../lib/vocabulary.js";
import { draftEvents, NO_DEVICE_SUMMARY, type TrackPoint } from "../common/workout-draft.js";
import type { ParseEvent } from "../contract.js";
import type { HcDatabase } from "./hc-database.js";
import { activityTypeOfExercise } from "./hc-exercise-types.js";
import { type HcRow, num, offsetMinOf, rejected, uuidHex } from "./hc-rows.js";
import { CAL_PER_KCAL, type HcContext } from "./hc-samples.js";
import {
  ACTIVE_CALORIES_TABLE,
  DISTANCE_TABLE,
  EXERCISE_SESSION_TABLE,
  HEART_RATE_SERIES_TABLE,
  HEART_RATE_TABLE,
  TOTAL_CALORIES_TABLE,
} from "./hc-schema.js";

interface Window {
  appInfoId: number | null;
  startMs: number;
  endMs: number;
}

/** The app's total of `column` over the window, each record pro-rated by the share of it inside; null when none overlaps. */
function windowTotal(lookup: HcDatabase, tables: ReadonlySet<string>, table: string, column: string, w: Window): number | null {
  if (!tables.has(table)) return null;
  const row = lookup
    .prepare(
      `select count(*) as n, sum(case when end_time <= start_time then ${column}
                   else ${column} * (min(end_time, :endMs) - max(start_time, :startMs)) * 1.0 / (end_time - start_time) end) as total
       from ${table}
       where app_info_id is :appInfoId and start_time < :endMs and end_time > :startMs`,
    )
    .get(w) as HcRow | undefined;
  const count = row === undefined ? 0 : (num(row, "n") ?? 0);
  return count === 0 || row === undefined ? null : num(row, "total");
}

function heartRatePoints(lookup: HcDatabase, tables: ReadonlySet<string>, w: Window, anyApp: boolean): TrackPoint[] {
  if (!tables.has(HEART_RATE_TABLE) || !tables.has(HEART_RATE_SERIES_TABLE)) return [];
  const rows = lookup
    .prepare(
      `select s.epoch_millis, s.beats_per_minute
       from ${HEART_RATE_TABLE} p join ${HEART_RATE_SERIES_TABLE} s on s.parent_key = p.row_id
       where p.start_time <= :endMs and p.end_time >= :startMs and s.epoch_millis between :startMs and :endMs
         and (:anyApp = 1 or p.app_info_id is :appInfoId)
       order by s.epoch_millis`,
    )
    .iterate({ ...w, anyApp: anyApp ? 1 : 0 });
  const points: TrackPoint[] = [];
  for (const raw of rows) {
    const row = raw as HcRow;
    const tMs = num(row, "epoch_millis");
    const bpm = num(row, "beats_per_minute");
    if (tMs !== null && bpm !== null) points.push({ tMs, hrBpm: bpm, speedMps: null, powerW: null });
  }
  return points;
}

/** The session's energy in kcal and what it counts: active calories, else total calories; null when the app wrote neither. */
function sessionEnergy(lookup: HcDatabase, tables: ReadonlySet<string>, w: Window): { kcal: number | null; basis: EnergyBasis } {
  const activeCal = windowTotal(lookup, tables, ACTIVE_CALORIES_TABLE, "energy", w);
  if (activeCal !== null) return { kcal: activeCal / CAL_PER_KCAL, basis: "net" };
  const totalCal = windowTotal(lookup, tables, TOTAL_CALORIES_TABLE, "energy", w);
  return { kcal: totalCal === null ? null : totalCal / CAL_PER_KCAL, basis: totalCal === null ? "net" : "gross" };
}

export function* exerciseEvents(ctx: HcContext, lookup: HcDatabase, tables: ReadonlySet<string>): Generator<ParseEvent> {
  const rows = ctx.db
    .prepare(
      `select row_id, uuid, start_time, end_time, start_zone_offset, exercise_type, app_info_id, device_info_id
       from ${EXERCISE_SESSION_TABLE} order by row_id`,
    )
    .iterate();
  for (const raw of rows) {
    const row = raw as HcRow;
    const where = `${EXERCISE_SESSION_TABLE} row ${num(row, "row_id")}`;
    const startMs = num(row, "start_time");
    const endMs = num(row, "end_time");
    if (startMs === null || endMs === null) {
      yield rejected(where, "The session has no start_time or end_time; it was not imported.", "workout");
      continue;
    }
    const appInfoId = num(row, "app_info_id");
    const w: Window = { appInfoId, startMs, endMs };
    const energy = sessionEnergy(lookup, tables, w);
    const ownHr = heartRatePoints(lookup, tables, w, false);
    const uuid = uuidHex(row);
    yield* draftEvents(
      {
        externalId: uuid === null ? null : `health_connect:${uuid}`,
        activityType: activityTypeOfExercise(num(row, "exercise_type")),
        startMs,
        endMs,
        utcOffsetMin: offsetMinOf(num(row, "start_zone_offset")),
        source: ctx.sources.of(appInfoId, num(row, "device_info_id")),
        energyBasis: energy.basis,
        device: {
          ...NO_DEVICE_SUMMARY,
          activeEnergyKcal: energy.kcal,
          distanceM: windowTotal(lookup, tables, DISTANCE_TABLE, "distance", w),
        },
        fromSamples: { durationSec: null, distanceM: null },
        points: ownHr.length > 0 ? ownHr : heartRatePoints(lookup, tables, w, true),
      },
      where,
      ctx.nowMs,
    );
  }
}
