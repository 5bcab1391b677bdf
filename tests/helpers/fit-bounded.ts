// Run by tests/unit/formats/fit-memory.test.ts under a small heap: parses `copies` chained copies of a real FIT
// activity (chained FIT files are legal, docs/formats.md §9) and prints {"workouts": n, "records": m}.
import { readFileSync } from "node:fs";
import { parseFit } from "../../src/formats/fit/parse-fit.js";

export const FIT_ACTIVITY = new URL("../fixtures/fit/pyfitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit", import.meta.url);

export function chainedCopies(copies: number): Buffer {
  const one = readFileSync(FIT_ACTIVITY);
  return Buffer.concat(Array.from({ length: copies }, () => one));
}

const [copiesArg] = process.argv.slice(2);
if (copiesArg !== undefined) {
  let workouts = 0;
  let points = 0;
  for (const event of parseFit(chainedCopies(Number(copiesArg)), { nowMs: Date.UTC(2030, 0, 1) })) {
    if (event.kind === "workout") {
      workouts++;
      points += event.workout.heartRate.length;
    }
  }
  process.stdout.write(`${JSON.stringify({ workouts, points })}\n`);
}
