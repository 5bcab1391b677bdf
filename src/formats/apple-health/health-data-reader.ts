import type { SaxesTagPlain } from "saxes";
import type { ParseEvent } from "../contract.js";
import { ParseError } from "../contract.js";
import type { AppleRecord, RecordContext } from "./records.js";
import { isImportedRecordType, recordToEvent } from "./records.js";
import type { AppleWorkout } from "./workouts.js";
import { addWorkoutChild, newAppleWorkout, workoutToEvents } from "./workouts.js";
import type { XmlElementHandlers } from "./xml-stream.js";

const ROOT = "HealthData";
// Depth of a top-level <Record>/<Workout> once pushed on the element stack (HealthData is depth 1).
const TOP_LEVEL_DEPTH = 2;
// Top-level elements that describe the export or the person, not records; everything else is data.
const NOT_RECORDS = new Set(["ExportDate", "Me"]);
// Real exports hold a few dozen types; past this many distinct names a hostile file cannot grow the tally further.
const MAX_SKIPPED_TYPES = 500;
const OTHER_TYPES = "other";

/**
 * Turns <HealthData> element events into ParseEvents, queued in `pending` for the caller to drain.
 * Only direct children of <HealthData> count: Records nested in <Correlation> duplicate top-level ones.
 */
export class HealthDataReader implements XmlElementHandlers {
  readonly pending: ParseEvent[] = [];
  private readonly stack: string[] = [];
  private record: AppleRecord | null = null;
  private workout: AppleWorkout | null = null;
  /** Records of types not read (mindful minutes, flights climbed, activity rings, …) per type, reported at the end. */
  private readonly skipped = new Map<string, number>();

  constructor(private readonly ctx: RecordContext) {}

  /** Queues one `skipped` event per record type that was not read; call once the document has ended. */
  flushSkipped(): void {
    for (const [recordType, count] of this.skipped) this.pending.push({ kind: "skipped", recordType, count });
    this.skipped.clear();
  }

  onOpen(tag: SaxesTagPlain, line: number): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined && tag.name !== ROOT) {
      throw new ParseError("UNKNOWN_FORMAT", `The root element is <${tag.name.slice(0, 64)}>, not <${ROOT}>: not an Apple Health export.`);
    }
    this.stack.push(tag.name);
    if (parent === ROOT) this.onTopLevel(tag, line);
    else if (this.stack.length === TOP_LEVEL_DEPTH + 1) this.onTopLevelChild(parent, tag);
  }

  private onTopLevel(tag: SaxesTagPlain, line: number): void {
    if (tag.name === "Record" && isImportedRecordType(tag.attributes.type)) {
      this.record = { attributes: tag.attributes, line, userEntered: false };
    } else if (tag.name === "Workout") {
      this.workout = newAppleWorkout(tag.attributes, line);
    } else if (!NOT_RECORDS.has(tag.name)) {
      const named = (tag.attributes.type ?? tag.name).slice(0, 128);
      const recordType = this.skipped.has(named) || this.skipped.size < MAX_SKIPPED_TYPES ? named : OTHER_TYPES;
      this.skipped.set(recordType, (this.skipped.get(recordType) ?? 0) + 1);
    }
  }

  onClose(tag: SaxesTagPlain): void {
    const depth = this.stack.length;
    this.stack.pop();
    if (depth !== TOP_LEVEL_DEPTH) return;
    if (tag.name === "Record" && this.record !== null) {
      const event = recordToEvent(this.record, this.ctx);
      if (event !== null) this.pending.push(event);
      this.record = null;
    } else if (tag.name === "Workout" && this.workout !== null) {
      this.pending.push(...workoutToEvents(this.workout, this.ctx));
      this.workout = null;
    }
  }

  private onTopLevelChild(parent: string | undefined, tag: SaxesTagPlain): void {
    if (parent === "Workout" && this.workout !== null) {
      addWorkoutChild(this.workout, tag.name, tag.attributes);
    } else if (parent === "Record" && this.record !== null && tag.name === "MetadataEntry") {
      if (tag.attributes.key === "HKWasUserEntered" && tag.attributes.value?.trim() === "1") {
        this.record.userEntered = true;
      }
    }
  }
}
