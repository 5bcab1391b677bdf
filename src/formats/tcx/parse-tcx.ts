// Garmin Training Center XML (TCX v2) → one ParsedWorkout per <Activity>, streamed.
// Elements are matched by local name: the ActivityExtension prefix varies (ns3:, ext:, default, undeclared).

import { draftEvents } from "../common/workout-draft.js";
import type { XmlInput, XmlVisitor } from "../common/xml-events.js";
import { parseXsdDateTime, walkXml } from "../common/xml-events.js";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import type { TcxActivity, TcxLap, TcxPoint } from "./tcx-activity.js";
import { tcxDraft } from "./tcx-activity.js";

export interface TcxParseOptions {
  nowMs: number;
}

const TCX_ROOT = "TrainingCenterDatabase";
// Children of <Courses> and <Workouts>: planned routes and workout plans, not something that happened.
const SKIPPED_ELEMENTS = new Set(["Course", "Workout"]);

function numberOrNull(text: string): number | null {
  if (text === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

class TcxVisitor implements XmlVisitor {
  readonly events: ParseEvent[] = [];
  private activity: TcxActivity | null = null;
  private lap: TcxLap | null = null;
  private point: TcxPoint | null = null;
  private activityCount = 0;
  private untimedPoints = 0;
  /** Courses and workout plans: not records of an effort, counted as skipped. */
  readonly skipped = new Map<string, number>();

  constructor(private readonly nowMs: number) {}

  open(name: string, attributes: Readonly<Record<string, string>>, path: readonly string[]): void {
    if (path.length === 1 && name !== TCX_ROOT) {
      throw new ParseError("UNKNOWN_FORMAT", `This is not a TCX file: its root element is <${name}>.`);
    }
    if (path.length === 3 && SKIPPED_ELEMENTS.has(name)) this.skipped.set(name, (this.skipped.get(name) ?? 0) + 1);
    if (name === "Activity") {
      this.activity = { sport: attributes.Sport ?? null, idText: null, creatorName: null, laps: [], points: [] };
      this.activityCount++;
      this.untimedPoints = 0;
    } else if (name === "Lap" && this.activity) {
      this.lap = { startText: attributes.StartTime ?? null, totalTimeSec: null, distanceM: null, calories: null, avgHrBpm: null, maxHrBpm: null };
      this.activity.laps.push(this.lap);
    } else if (name === "Trackpoint") {
      this.point = { tMs: Number.NaN, hrBpm: null, speedMps: null, powerW: null, distanceM: null };
    }
  }

  close(name: string, text: string, path: readonly string[]): void {
    const parent = path[path.length - 2];
    if (parent === "Trackpoint" || parent === "HeartRateBpm" || parent === "TPX") this.closePointField(name, text, parent);
    else if (parent === "Lap") this.closeLapField(name, text);
    else if (name === "Value" && path[path.length - 3] === "Lap") this.closeLapHeartRate(parent, text);
    else if (name === "Id" && parent === "Activity" && this.activity) this.activity.idText = text;
    else if (name === "Name" && parent === "Creator" && this.activity) this.activity.creatorName = text;
    else if (name === "Trackpoint") this.closePoint();
    else if (name === "Activity") this.finishActivity();
  }

  /** Emits the activity being read when the file was cut off inside it. */
  finishActivity(): void {
    const activity = this.activity;
    this.activity = null;
    this.lap = null;
    if (!activity) return;
    const where = `activity ${this.activityCount}`;
    const draft = tcxDraft(activity);
    if (typeof draft === "string") {
      this.events.push({ kind: "rejected", rejection: { where, reason: `The activity was not imported: ${draft}.`, recordType: "Activity" } });
      return;
    }
    this.events.push(...draftEvents(draft, where, this.nowMs));
    if (this.untimedPoints > 0) {
      const reason = `${this.untimedPoints} track points without a valid <Time> were left out.`;
      this.events.push({ kind: "rejected", rejection: { where, reason, recordType: "Trackpoint" } });
    }
  }

  private closePointField(name: string, text: string, parent: string): void {
    const point = this.point;
    if (!point) return;
    if (name === "Time" && parent === "Trackpoint") {
      point.tMs = parseXsdDateTime(text)?.ms ?? Number.NaN;
    } else if (name === "DistanceMeters" && parent === "Trackpoint") point.distanceM = numberOrNull(text);
    else if (name === "Value" && parent === "HeartRateBpm") point.hrBpm = numberOrNull(text);
    else if (name === "Speed" && parent === "TPX") point.speedMps = numberOrNull(text);
    else if (name === "Watts" && parent === "TPX") point.powerW = numberOrNull(text);
  }

  private closeLapField(name: string, text: string): void {
    const lap = this.lap;
    if (!lap) return;
    if (name === "TotalTimeSeconds") lap.totalTimeSec = numberOrNull(text);
    else if (name === "DistanceMeters") lap.distanceM = numberOrNull(text);
    else if (name === "Calories") lap.calories = numberOrNull(text);
  }

  private closeLapHeartRate(parent: string | undefined, text: string): void {
    if (!this.lap) return;
    if (parent === "AverageHeartRateBpm") this.lap.avgHrBpm = numberOrNull(text);
    else if (parent === "MaximumHeartRateBpm") this.lap.maxHrBpm = numberOrNull(text);
  }

  private closePoint(): void {
    const point = this.point;
    this.point = null;
    if (!point || !this.activity) return;
    if (Number.isFinite(point.tMs)) this.activity.points.push(point);
    else this.untimedPoints++;
  }
}

/** Streams workouts out of a TCX file (Buffer or byte stream). Throws ParseError for unsafe or non-TCX XML. */
export async function* parseTcx(input: XmlInput, opts: TcxParseOptions): AsyncGenerator<ParseEvent> {
  const visitor = new TcxVisitor(opts.nowMs);
  const walker = walkXml(input, visitor);
  let step = await walker.next();
  while (!step.done) {
    yield* visitor.events.splice(0);
    step = await walker.next();
  }
  if (step.value.truncated) visitor.finishActivity();
  yield* visitor.events.splice(0);
  if (step.value.truncated) {
    yield { kind: "partial", reason: `The TCX file ends abruptly at line ${step.value.line}; what was read before that was imported.` };
  }
  for (const [recordType, count] of visitor.skipped) yield { kind: "skipped", recordType, count };
}
