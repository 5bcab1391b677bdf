// GPX 1.1 → one ParsedWorkout per <trk>, streamed. Heart rate comes from Garmin's TrackPointExtension
// (prefix gpxtpx: or ns3:), power from Strava's bare <power> or <PowerInWatts>, speed from Apple's <speed>.

import { draftEvents } from "../common/workout-draft.js";
import type { XmlInput, XmlVisitor } from "../common/xml-events.js";
import { parseXsdDateTime, walkXml } from "../common/xml-events.js";
import type { ParseEvent, SourceRef } from "../contract.js";
import { ParseError } from "../contract.js";
import type { GpxPoint, GpxTrack } from "./gpx-track.js";
import { gpxDraft, gpxSource } from "./gpx-track.js";

export interface GpxParseOptions {
  nowMs: number;
}

const GPX_ROOT = "gpx";
const POWER_ELEMENTS = new Set(["power", "PowerInWatts"]);
const SKIPPED_ELEMENTS = new Set(["wpt", "rte"]);

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text.trim() === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

class GpxVisitor implements XmlVisitor {
  readonly events: ParseEvent[] = [];
  private source: SourceRef = gpxSource(null);
  private track: GpxTrack | null = null;
  private point: GpxPoint | null = null;
  private trackCount = 0;
  private untimedPoints = 0;
  /** Waypoints and planned routes: places, not something that happened; counted as skipped. */
  readonly skipped = new Map<string, number>();

  constructor(private readonly nowMs: number) {}

  open(name: string, attributes: Readonly<Record<string, string>>, path: readonly string[]): void {
    if (path.length === 1) {
      if (name !== GPX_ROOT) throw new ParseError("UNKNOWN_FORMAT", `This is not a GPX file: its root element is <${name}>.`);
      this.source = gpxSource(attributes.creator?.trim() || null);
    } else if (path.length === 2 && SKIPPED_ELEMENTS.has(name)) {
      this.skipped.set(name, (this.skipped.get(name) ?? 0) + 1);
    } else if (name === "trk") {
      this.track = { name: null, type: null, segments: [], utcOffsetMin: null };
      this.trackCount++;
      this.untimedPoints = 0;
    } else if (name === "trkseg" && this.track) {
      this.track.segments.push([]);
    } else if (name === "trkpt" && this.track) {
      const latDeg = numberOrNull(attributes.lat);
      const lonDeg = numberOrNull(attributes.lon);
      this.point = { tMs: Number.NaN, latDeg, lonDeg, hrBpm: null, speedMps: null, powerW: null };
    }
  }

  close(name: string, text: string, path: readonly string[]): void {
    const parent = path[path.length - 2];
    if (this.point && name !== "trkpt") this.closePointField(name, text, parent);
    else if (name === "trkpt") this.closePoint();
    else if (this.track && parent === "trk" && name === "name") this.track.name = text;
    else if (this.track && parent === "trk" && name === "type") this.track.type = text;
    else if (name === "trk") this.finishTrack();
  }

  /** Also called when the file was cut off inside a track. */
  finishTrack(): void {
    const track = this.track;
    this.track = null;
    this.point = null;
    if (!track) return;
    const where = `track ${this.trackCount}${track.name ? ` ("${track.name}")` : ""}`;
    const draft = gpxDraft(track, this.source);
    if (typeof draft === "string") {
      this.events.push({ kind: "rejected", rejection: { where, reason: `The track was not imported: ${draft}.`, recordType: "trk" } });
      return;
    }
    this.events.push(...draftEvents(draft, where, this.nowMs));
    if (this.untimedPoints > 0) {
      const reason = `${this.untimedPoints} track points without a valid <time> were left out.`;
      this.events.push({ kind: "rejected", rejection: { where, reason, recordType: "trkpt" } });
    }
  }

  private closePointField(name: string, text: string, parent: string | undefined): void {
    const point = this.point;
    if (!point) return;
    if (name === "time" && parent === "trkpt") {
      const time = parseXsdDateTime(text);
      point.tMs = time?.ms ?? Number.NaN;
      if (this.track && time && this.track.utcOffsetMin === null) this.track.utcOffsetMin = time.utcOffsetMin;
    } else if (name === "hr") point.hrBpm = numberOrNull(text);
    else if (name === "speed") point.speedMps = numberOrNull(text);
    else if (POWER_ELEMENTS.has(name)) point.powerW = numberOrNull(text);
  }

  private closePoint(): void {
    const point = this.point;
    this.point = null;
    if (!point || !this.track) return;
    if (!Number.isFinite(point.tMs)) {
      this.untimedPoints++;
      return;
    }
    const segment = this.track.segments.at(-1);
    if (segment) segment.push(point);
    else this.track.segments.push([point]);
  }
}

/** Streams workouts out of a GPX file (Buffer or byte stream). Throws ParseError for unsafe or non-GPX XML. */
export async function* parseGpx(input: XmlInput, opts: GpxParseOptions): AsyncGenerator<ParseEvent> {
  const visitor = new GpxVisitor(opts.nowMs);
  const walker = walkXml(input, visitor);
  let step = await walker.next();
  while (!step.done) {
    yield* visitor.events.splice(0);
    step = await walker.next();
  }
  if (step.value.truncated) visitor.finishTrack();
  yield* visitor.events.splice(0);
  if (step.value.truncated) {
    yield { kind: "partial", reason: `The GPX file ends abruptly at line ${step.value.line}; what was read before that was imported.` };
  }
  for (const [recordType, count] of visitor.skipped) yield { kind: "skipped", recordType, count };
}
