// Health Connect tables that become samples. Units as Health Connect stores them (its Energy, Mass and Power
// classes): energy in small calories, mass in grams, basal metabolic rate in watts.

import { MS_PER_DAY, utcMidnightMs } from "../../lib/calendar.js";
import type { SampleType } from "../../lib/vocabulary.js";
import { localDateAtOffset } from "../../lib/zone.js";
import type { ParseEvent } from "../contract.js";
import type { HcDatabase } from "./hc-database.js";
import { checkedSample, type HcRow, num, offsetMinOf, rejected } from "./hc-rows.js";
import {
  ACTIVE_CALORIES_TABLE,
  BASAL_METABOLIC_RATE_TABLE,
  BODY_FAT_TABLE,
  DISTANCE_TABLE,
  HEART_RATE_SERIES_TABLE,
  HEART_RATE_TABLE,
  NUTRITION_TABLE,
  STEPS_TABLE,
  WEIGHT_TABLE,
} from "./hc-schema.js";
import type { HcSources } from "./hc-sources.js";

/** Health Connect's Energy is stored in calories (small): 1000 per kilocalorie. */
export const CAL_PER_KCAL = 1000;
/** Health Connect's Mass is stored in grams. */
const G_PER_KG = 1000;
/** 1 W is 3600 J per hour; 4184 J is one thermochemical kilocalorie (NIST SP 811): 0.8604 kcal per watt-hour. */
const KCAL_PER_WATT_HOUR = 3600 / 4184;
const MS_PER_HOUR = 3_600_000;

export interface HcContext {
  db: HcDatabase;
  sources: HcSources;
  nowMs: number;
}

interface ValueTable {
  table: string;
  column: string;
  type: SampleType;
  /** Divides the stored value into the canonical unit. */
  divisor: number;
}

/** Interval records with one quantity over [start_time, end_time). */
export const INTERVAL_TABLES: readonly ValueTable[] = [
  { table: STEPS_TABLE, column: "count", type: "steps", divisor: 1 },
  { table: ACTIVE_CALORIES_TABLE, column: "energy", type: "active_energy", divisor: CAL_PER_KCAL },
  { table: DISTANCE_TABLE, column: "distance", type: "distance", divisor: 1 },
];

/** Instant records with one reading at `time`. */
export const INSTANT_TABLES: readonly ValueTable[] = [
  { table: WEIGHT_TABLE, column: "weight", type: "body_mass", divisor: G_PER_KG },
  { table: BODY_FAT_TABLE, column: "percentage", type: "body_fat_percentage", divisor: 1 },
];

export function* intervalEvents(ctx: HcContext, spec: ValueTable): Generator<ParseEvent> {
  const rows = ctx.db
    .prepare(
      `select row_id, start_time, end_time, start_zone_offset, app_info_id, device_info_id, ${spec.column} as value
       from ${spec.table} order by row_id`,
    )
    .iterate();
  for (const raw of rows) {
    const row = raw as HcRow;
    const where = `${spec.table} row ${num(row, "row_id")}`;
    const startMs = num(row, "start_time");
    const endMs = num(row, "end_time");
    const value = num(row, "value");
    if (startMs === null || endMs === null || value === null) {
      yield rejected(where, `The record has no start_time, end_time or ${spec.column}; it was not imported.`, spec.type);
      continue;
    }
    const source = ctx.sources.of(num(row, "app_info_id"), num(row, "device_info_id"));
    const utcOffsetMin = offsetMinOf(num(row, "start_zone_offset"));
    yield checkedSample({ type: spec.type, value: value / spec.divisor, startMs, endMs, utcOffsetMin, source }, where, ctx.nowMs);
  }
}

export function* instantEvents(ctx: HcContext, spec: ValueTable): Generator<ParseEvent> {
  const rows = ctx.db
    .prepare(`select row_id, time, zone_offset, app_info_id, device_info_id, ${spec.column} as value from ${spec.table} order by row_id`)
    .iterate();
  for (const raw of rows) {
    const row = raw as HcRow;
    const where = `${spec.table} row ${num(row, "row_id")}`;
    const timeMs = num(row, "time");
    const value = num(row, "value");
    if (timeMs === null || value === null) {
      yield rejected(where, `The record has no time or ${spec.column}; it was not imported.`, spec.type);
      continue;
    }
    const source = ctx.sources.of(num(row, "app_info_id"), num(row, "device_info_id"));
    const sample = {
      type: spec.type,
      value: value / spec.divisor,
      startMs: timeMs,
      endMs: timeMs,
      utcOffsetMin: offsetMinOf(num(row, "zone_offset")),
      source,
    };
    yield checkedSample(sample, where, ctx.nowMs);
  }
}

/** Every reading of every heart-rate series, at its own instant, with its series' zone offset. */
export function* heartRateEvents(ctx: HcContext): Generator<ParseEvent> {
  const rows = ctx.db
    .prepare(
      `select p.row_id, p.start_zone_offset, p.app_info_id, p.device_info_id, s.epoch_millis, s.beats_per_minute
       from ${HEART_RATE_TABLE} p join ${HEART_RATE_SERIES_TABLE} s on s.parent_key = p.row_id
       order by p.row_id, s.epoch_millis`,
    )
    .iterate();
  for (const raw of rows) {
    const row = raw as HcRow;
    const tMs = num(row, "epoch_millis");
    const bpm = num(row, "beats_per_minute");
    const where = `${HEART_RATE_TABLE} row ${num(row, "row_id")} at ${tMs}`;
    if (tMs === null || bpm === null) {
      yield rejected(where, "The reading has no epoch_millis or beats_per_minute; it was not imported.", "heart_rate");
      continue;
    }
    const source = ctx.sources.of(num(row, "app_info_id"), num(row, "device_info_id"));
    yield checkedSample(
      { type: "heart_rate", value: bpm, startMs: tMs, endMs: tMs, utcOffsetMin: offsetMinOf(num(row, "start_zone_offset")), source },
      where,
      ctx.nowMs,
    );
  }
}

interface RateReading {
  rowId: number;
  timeMs: number;
  watts: number;
}

interface RateDay {
  appInfoId: number | null;
  deviceInfoId: number | null;
  localDate: string;
  offsetMin: number;
  readings: RateReading[];
}

/**
 * One app's basal-metabolic-rate readings of one local day as basal energy: each rate holds from its reading to the
 * next, the first from the day's start and the last to its end, so a day with one reading gets rate × 24 h.
 * Health Connect integrates the rate between readings the same way (DeriveBasalCaloriesBurnedHelper); ending at
 * the day's end means a reading never stands for days the app did not report.
 */
function* rateDayEvents(ctx: HcContext, day: RateDay): Generator<ParseEvent> {
  const dayStartMs = utcMidnightMs(day.localDate) - day.offsetMin * 60_000;
  const source = ctx.sources.of(day.appInfoId, day.deviceInfoId);
  for (const [i, reading] of day.readings.entries()) {
    const startMs = i === 0 ? dayStartMs : reading.timeMs;
    const endMs = day.readings[i + 1]?.timeMs ?? dayStartMs + MS_PER_DAY;
    const kcal = reading.watts * KCAL_PER_WATT_HOUR * ((endMs - startMs) / MS_PER_HOUR);
    const where = `${BASAL_METABOLIC_RATE_TABLE} row ${reading.rowId}`;
    yield checkedSample({ type: "basal_energy", value: kcal, startMs, endMs, utcOffsetMin: day.offsetMin, source }, where, ctx.nowMs);
  }
}

export function* basalRateEvents(ctx: HcContext): Generator<ParseEvent> {
  const rows = ctx.db
    .prepare(
      `select row_id, time, zone_offset, app_info_id, device_info_id, basal_metabolic_rate
       from ${BASAL_METABOLIC_RATE_TABLE} order by app_info_id, device_info_id, time`,
    )
    .iterate();
  let day: RateDay | null = null;
  for (const raw of rows) {
    const row = raw as HcRow;
    const rowId = num(row, "row_id") ?? 0;
    const timeMs = num(row, "time");
    const watts = num(row, "basal_metabolic_rate");
    if (timeMs === null || watts === null) {
      yield rejected(
        `${BASAL_METABOLIC_RATE_TABLE} row ${rowId}`,
        "The record has no time or basal_metabolic_rate; it was not imported.",
        "basal_energy",
      );
      continue;
    }
    const appInfoId = num(row, "app_info_id");
    const deviceInfoId = num(row, "device_info_id");
    const offsetMin = offsetMinOf(num(row, "zone_offset")) ?? 0;
    const localDate = localDateAtOffset(timeMs, offsetMin);
    const sameDay = day !== null && day.appInfoId === appInfoId && day.deviceInfoId === deviceInfoId && day.localDate === localDate;
    if (day !== null && sameDay) {
      day.readings.push({ rowId, timeMs, watts });
      continue;
    }
    if (day !== null) yield* rateDayEvents(ctx, day);
    day = { appInfoId, deviceInfoId, localDate, offsetMin, readings: [{ rowId, timeMs, watts }] };
  }
  if (day !== null) yield* rateDayEvents(ctx, day);
}

/**
 * Logged food as dietary energy over the meal's interval; the import's write path turns dietary energy into intake
 * entries (one per record, keyed by source and time, so a re-import adds none). Records without energy (water,
 * caffeine only) are counted, not imported.
 */
export function* nutritionEvents(ctx: HcContext): Generator<ParseEvent> {
  const rows = ctx.db
    .prepare(`select row_id, start_time, end_time, start_zone_offset, app_info_id, device_info_id, energy from ${NUTRITION_TABLE} order by row_id`)
    .iterate();
  let withoutEnergy = 0;
  for (const raw of rows) {
    const row = raw as HcRow;
    const where = `${NUTRITION_TABLE} row ${num(row, "row_id")}`;
    const startMs = num(row, "start_time");
    const endMs = num(row, "end_time");
    const energy = num(row, "energy");
    if (energy === null) {
      withoutEnergy++;
      continue;
    }
    if (startMs === null || endMs === null) {
      yield rejected(where, "The record has no start_time or end_time; it was not imported.", "dietary_energy");
      continue;
    }
    const source = ctx.sources.of(num(row, "app_info_id"), num(row, "device_info_id"));
    const utcOffsetMin = offsetMinOf(num(row, "start_zone_offset"));
    yield checkedSample({ type: "dietary_energy", value: energy / CAL_PER_KCAL, startMs, endMs, utcOffsetMin, source }, where, ctx.nowMs);
  }
  if (withoutEnergy > 0) yield { kind: "skipped", recordType: "nutrition_without_energy", count: withoutEnergy };
}
