// One GPX <trk> → WorkoutDraft. GPX has no laps, calories or summary: start/end come from the first and
// last timed point, moving time from the segments (gaps between <trkseg> are pauses), distance from
// the coordinates within each segment.

import type { DeviceType } from "../../lib/vocabulary.js";
import type { TrackPoint, WorkoutDraft } from "../common/workout-draft.js";
import { NO_DEVICE_SUMMARY } from "../common/workout-draft.js";
import type { SourceRef } from "../contract.js";

const EARTH_RADIUS_M = 6_371_008.8;

export interface GpxPoint extends TrackPoint {
  latDeg: number | null;
  lonDeg: number | null;
}

export interface GpxTrack {
  name: string | null;
  type: string | null;
  segments: GpxPoint[][];
  utcOffsetMin: number | null;
}

const TYPE_TO_ACTIVITY: Record<string, string> = {
  running: "running",
  run: "running",
  cycling: "cycling",
  biking: "cycling",
  ride: "cycling",
  walking: "walking",
  walk: "walking",
  hiking: "hiking",
  hike: "hiking",
  swimming: "swimming",
};
/**
 * Strava's own GPX exports (creator "StravaGPX") write the activity type as Strava's number, not a word: "9" is a
 * run (seen in real Strava GPX files), "1" a ride; the rest follow Strava's activity type list in the same order.
 */
const STRAVA_NUMERIC_TYPES: Record<string, string> = {
  "1": "cycling",
  "4": "hiking",
  "9": "running",
  "10": "walking",
  "16": "swimming",
  "17": "virtual_cycling",
  "23": "rowing",
  "30": "strength_training",
  "31": "yoga",
};

function activityTypeOf(type: string | null): string {
  const key = (type ?? "").trim().toLowerCase();
  return TYPE_TO_ACTIVITY[key] ?? STRAVA_NUMERIC_TYPES[key] ?? "other";
}
const DEVICE_CREATOR = /watch|forerunner|fenix|edge|oregon|etrex|garmin|suunto|coros|polar|wahoo/i;
/** Exports re-written by a platform from the device's upload ("Garmin Connect", "StravaGPX") are copies, not the device. */
const PLATFORM_CREATOR = /garmin connect|strava/i;

function radians(deg: number): number {
  return (deg * Math.PI) / 180;
}

/** Great-circle distance (haversine) between two points. */
export function haversineM(a: GpxPoint, b: GpxPoint): number {
  if (a.latDeg === null || a.lonDeg === null || b.latDeg === null || b.lonDeg === null) return 0;
  const dLat = radians(b.latDeg - a.latDeg);
  const dLon = radians(b.lonDeg - a.lonDeg);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latDeg)) * Math.cos(radians(b.latDeg)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function segmentDistanceM(points: readonly GpxPoint[]): number {
  let totalM = 0;
  for (let i = 1; i < points.length; i++) {
    const previous = points[i - 1];
    const current = points[i];
    if (previous && current) totalM += haversineM(previous, current);
  }
  return totalM;
}

export function gpxSource(creator: string | null): SourceRef {
  if (!creator) return { name: "GPX file", deviceType: "app", device: null };
  const deviceType: DeviceType = DEVICE_CREATOR.test(creator) && !PLATFORM_CREATOR.test(creator) ? "watch" : "app";
  return { name: creator, deviceType, device: deviceType === "watch" ? creator : null };
}

/** Builds the draft, or returns a reason when the track has no timed points. */
export function gpxDraft(track: GpxTrack, source: SourceRef): WorkoutDraft | string {
  const segments = track.segments.map((segment) => [...segment].sort((a, b) => a.tMs - b.tMs)).filter((segment) => segment.length > 0);
  const points = segments.flat().sort((a, b) => a.tMs - b.tMs);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return "the track has no points with a valid <time>";
  const movingMs = segments.reduce((sum, s) => sum + ((s.at(-1)?.tMs ?? 0) - (s[0]?.tMs ?? 0)), 0);
  const hasCoordinates = points.some((point) => point.latDeg !== null);
  return {
    externalId: null,
    activityType: activityTypeOf(track.type),
    startMs: first.tMs,
    endMs: last.tMs,
    utcOffsetMin: track.utcOffsetMin,
    source,
    // GPX carries no summary: every total is computed from the points.
    // GPX carries no energy; a gross basis keeps the same rule as the FIT/TCX files it is exported beside.
    energyBasis: "gross",
    device: NO_DEVICE_SUMMARY,
    fromSamples: {
      durationSec: movingMs / 1000,
      distanceM: hasCoordinates ? segments.reduce((sum, s) => sum + segmentDistanceM(s), 0) : null,
    },
    points,
  };
}
