// Google Fit Takeout "Activities/<start>_<duration>_<Type>.tcx": one TCX per session, read by the TCX parser.
// Lap calories there are Fit's session calories (BMR included), kept as the workout's energy like Fitbit's.

import type { XmlInput } from "../common/xml-events.js";
import type { ParseEvent } from "../contract.js";
import { parseTcx } from "../tcx/parse-tcx.js";
import { GOOGLE_FIT_SOURCE } from "./google-fit-source.js";
import type { GoogleFitParseOptions } from "./parse-all-data.js";

/** Workouts of one Google Fit TCX; without a <Creator> the recorder is Google Fit on the phone, not "TCX file". */
export async function* parseGoogleFitTcx(input: XmlInput, opts: GoogleFitParseOptions): AsyncGenerator<ParseEvent> {
  for await (const event of parseTcx(input, { nowMs: opts.nowMs })) {
    if (event.kind === "workout" && event.workout.source.device === null) {
      yield { kind: "workout", workout: { ...event.workout, source: GOOGLE_FIT_SOURCE } };
    } else yield event;
  }
}
