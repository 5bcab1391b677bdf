// Run by tests/unit/formats/health-auto-export-memory.test.ts under a small heap: reads a Health Auto Export
// document of `points` per-minute active-energy points, generated chunk by chunk (never whole in memory), either
// with the streaming parser or, with `json-parse`, the way files were read before (the whole text, JSON.parse).
// Prints {"samples": n, "kcal": sum}.
import { parseHealthAutoExportStream } from "../../src/formats/health-auto-export/hae-stream.js";

const [mode, pointsArg] = process.argv.slice(2);
const points = Number(pointsArg);
const START_MS = Date.UTC(2025, 0, 1);
const MS_PER_MIN = 60_000;

/** The kcal of point i: (i mod 97) / 10, so the expected sum is easy to compute apart. */
export function pointKcal(i: number): number {
  return (i % 97) / 10;
}

function pointJson(i: number): string {
  const date = `${new Date(START_MS + i * MS_PER_MIN).toISOString().replace("T", " ").slice(0, 19)} +0000`;
  return `{"date":"${date}","qty":${pointKcal(i)},"source":"Alice’s Apple Watch"}`;
}

async function* document(): AsyncGenerator<Buffer> {
  yield Buffer.from('{"data":{"metrics":[{"name":"active_energy","units":"kcal","data":[');
  const perChunk = 1000;
  for (let i = 0; i < points; i += perChunk) {
    const part = [];
    for (let j = i; j < Math.min(points, i + perChunk); j++) part.push(pointJson(j));
    yield Buffer.from(`${i === 0 ? "" : ","}${part.join(",")}`);
  }
  yield Buffer.from(']}],"workouts":[]}}');
}

if (mode === "stream" || mode === "json-parse") {
  let samples = 0;
  let kcal = 0;
  if (mode === "stream") {
    for await (const event of parseHealthAutoExportStream(document(), { nowMs: Date.UTC(2030, 0, 1) })) {
      if (event.kind === "sample") {
        samples++;
        kcal += event.sample.value;
      }
    }
  } else {
    const parts: Buffer[] = [];
    for await (const chunk of document()) parts.push(chunk);
    const parsed = JSON.parse(Buffer.concat(parts).toString("utf8")) as { data: { metrics: { data: { qty: number }[] }[] } };
    for (const point of parsed.data.metrics[0]?.data ?? []) {
      samples++;
      kcal += point.qty;
    }
  }
  process.stdout.write(`${JSON.stringify({ samples, kcal })}\n`);
}
