import { describe, expect, it } from "vitest";
import { pointKcal } from "../../helpers/hae-stream-bounded.js";
import { spawnNode } from "../../helpers/process.js";

// 300k per-minute points (~7 months of one metric) are ~24 MB of JSON. Under a 24 MB heap the whole-text
// JSON.parse the importer used before runs out of memory; the streaming reader must not.
const POINTS = 300_000;
const HEAP_MB = 24;

async function run(mode: "stream" | "json-parse") {
  const { child, exited } = spawnNode(
    ["tests/helpers/hae-stream-bounded.ts", mode, String(POINTS)],
    {},
    { nodeArgs: [`--max-old-space-size=${HEAP_MB}`] },
  );
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.resume();
  return { code: await exited, stdout };
}

describe("Health Auto Export files are read in bounded memory", () => {
  it(`streams ${POINTS} points under a ${HEAP_MB} MB heap, every point read, where JSON.parse of the same text cannot`, async () => {
    let expectedKcal = 0;
    for (let i = 0; i < POINTS; i++) expectedKcal += pointKcal(i);
    const streamed = await run("stream");
    expect(streamed.code).toBe(0);
    const result = JSON.parse(streamed.stdout) as { samples: number; kcal: number };
    expect(result.samples).toBe(POINTS);
    expect(result.kcal).toBeCloseTo(expectedKcal, 3);
    const whole = await run("json-parse");
    expect(whole.code).not.toBe(0);
  }, 120_000);
});
