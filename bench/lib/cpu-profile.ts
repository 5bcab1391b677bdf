import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

// Summarizes a V8 .cpuprofile (node --cpu-prof) over a time window: self time per area of the code.
// Profile timestamps are CLOCK_MONOTONIC microseconds, the same clock as process.hrtime in any local process.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const WRITE_NATIVES = new Set(["writeBuffer", "writeString", "writeUtf8String", "writev", "utf8Write"]);

const AREAS: readonly [string, (url: string, fn: string) => boolean][] = [
  ["idle (waiting on I/O: Postgres, disk)", (_u, fn) => fn === "(idle)"],
  ["garbage collection", (_u, fn) => fn === "(garbage collector)"],
  ["XML tokenizing (saxes)", (u) => u.includes("node_modules/saxes")],
  ["Apple record mapping (src parsers: dates, units, sources)", (u) => u.includes("/src/formats/")],
  ["writer: rows + COPY text (src writer)", (u) => u.includes("/src/modules/ingest/")],
  ["time-zone math (src/lib: Intl formatToParts)", (u) => u.includes("/src/lib/")],
  ["native socket/file writes (COPY data to Postgres, logs)", (_u, fn) => WRITE_NATIVES.has(fn)],
  ["import runner / tally (src imports)", (u) => u.includes("/src/modules/imports/")],
  ["postgres.js driver", (u) => u.includes("node_modules/postgres/")],
  ["drizzle-orm", (u) => u.includes("node_modules/drizzle-orm/")],
  ["unzip (yauzl)", (u) => u.includes("node_modules/yauzl") || u.includes("node_modules/fd-slicer") || u.includes("node_modules/buffer-crc32")],
  ["BullMQ / ioredis", (u) => u.includes("node_modules/bullmq") || u.includes("node_modules/ioredis")],
  ["node streams / zlib / fs internals", (u) => u.startsWith("node:")],
  ["native / program (incl. inflate, string decoding)", (_u, fn) => fn === "(program)" || fn === "(root)"],
];

export interface CpuArea {
  area: string;
  ms: number;
}

export interface CpuSummary {
  windowMs: number;
  areas: CpuArea[];
  topFunctions: { name: string; ms: number }[];
}

function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  return AREAS.find(([, match]) => match(url, functionName))?.[0] ?? "other";
}

/** The main thread's profile: the largest file (tsx's loader thread writes a small second one). */
export async function findProfile(dir: string): Promise<string | null> {
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith(".cpuprofile"));
  const sized = await Promise.all(files.map(async (f) => ({ f, size: (await stat(path.join(dir, f))).size })));
  const largest = sized.sort((a, b) => b.size - a.size)[0];
  return largest === undefined ? null : path.join(dir, largest.f);
}

export async function summarizeCpuProfile(file: string, fromUs: number, toUs: number): Promise<CpuSummary> {
  const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < fromUs || t > toUs) continue;
    const node = nodes.get(profile.samples[i] ?? -1);
    if (node === undefined) continue;
    const area = areaOf(node);
    byArea.set(area, (byArea.get(area) ?? 0) + delta / 1000);
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || "(anonymous)"} ${url.replace(/^.*\/(node_modules|src)\//, "$1/")}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta / 1000);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    windowMs: (Math.min(toUs, profile.endTime) - Math.max(fromUs, profile.startTime)) / 1000,
    areas: sorted(byArea).map(([area, ms]) => ({ area, ms })),
    topFunctions: sorted(byFunction)
      .slice(0, 15)
      .map(([name, ms]) => ({ name, ms })),
  };
}
