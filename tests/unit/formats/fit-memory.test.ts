import { describe, expect, it } from "vitest";
import { MAX_FIT_MESSAGES } from "../../../src/formats/fit/fit-decode.js";
import { frameFitSegments } from "../../../src/formats/fit/fit-framing.js";
import { parseFit } from "../../../src/formats/fit/parse-fit.js";
import { chainedCopies } from "../../helpers/fit-bounded.js";
import { spawnNode } from "../../helpers/process.js";

const HEAP_MB = 96;

function messagesOf(buf: Buffer): number {
  return frameFitSegments(buf).reduce((sum, segment) => sum + segment.messages, 0);
}

describe("FIT files are decoded in bounded memory", () => {
  // The fixture is a 2 h 42 min ride (Wahoo ELEMNT): 24,888 messages, 13,471 records.
  const perCopy = messagesOf(chainedCopies(1));
  const largestAccepted = Math.floor(MAX_FIT_MESSAGES / perCopy);

  it("refuses a file past the message bound before decoding it", () => {
    expect(perCopy).toBe(24_888);
    const tooMany = chainedCopies(largestAccepted + 1);
    expect(() => Array.from(parseFit(tooMany, { nowMs: Date.UTC(2030, 0, 1) }))).toThrow(
      expect.objectContaining({ code: "FILE_TOO_LARGE", message: expect.stringContaining(`${perCopy * (largestAccepted + 1)} messages`) }),
    );
  });

  it(`decodes the largest file accepted under a ${HEAP_MB} MB heap, every session read`, async () => {
    expect(largestAccepted).toBeGreaterThanOrEqual(6);
    const { child, exited } = spawnNode(
      ["tests/helpers/fit-bounded.ts", String(largestAccepted)],
      {},
      { nodeArgs: [`--max-old-space-size=${HEAP_MB}`] },
    );
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr?.resume();
    expect(await exited).toBe(0);
    const result = JSON.parse(stdout) as { workouts: number; points: number };
    expect(result.workouts).toBe(largestAccepted);
  }, 120_000);
});
