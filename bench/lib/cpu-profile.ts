import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

// Summarizes a V8 .cpuprofile (node --cpu-prof) over a time window: self time per area of the code and per
// function. Profile timestamps are CLOCK_MONOTONIC microseconds, the same clock as monotonicUs() in any process.

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

/** The monotonic clock V8 stamps profile samples with, in µs. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** Which area of the code a frame is in. */
export type AreaOf = (frame: ProfileNode["callFrame"]) => string;

const WRITE_NATIVES = new Set(["writeBuffer", "writeString", "writeUtf8String", "writev", "utf8Write"]);

const READ_NATIVES = new Set(["read", "readFileUtf8", "inflate", "crc32"]);
const has = (url: string, ...parts: string[]) => parts.some((part) => url.includes(part));

// The import's phases (issue 17: read, sanitize, parse, normalize, zone offsets, COPY, merge), first match wins:
// the specific files before the generic node: internals they call into.
const IMPORT_PHASES: readonly [string, (url: string, fn: string) => boolean][] = [
  ["merge: idle, waiting for Postgres (its CPU is counted apart)", (_u, fn) => fn === "(idle)"],
  ["garbage collection", (_u, fn) => fn === "(garbage collector)"],
  ["sanitize (control bytes)", (u) => has(u, "/src/formats/common/xml-sanitizer")],
  [
    "parse: saxes, its guards, UTF-8 decoding",
    (u) => has(u, "node_modules/saxes", "node_modules/xmlchars", "/apple-health/xml-stream", "node:string_decoder"),
  ],
  ["normalize: records, dates, units, sources", (u) => has(u, "/src/formats/", "/src/domain/")],
  ["zone offsets and local dates", (u) => has(u, "/src/lib/zone", "/src/lib/calendar")],
  // node:buffer in the worker is mostly the COPY text being encoded and framed by the driver.
  [
    "COPY: rows, COPY text, driver, socket writes",
    (u, fn) => has(u, "/src/modules/ingest/", "node_modules/postgres/", "node:buffer") || WRITE_NATIVES.has(fn),
  ],
  [
    "read: file, unzip and inflate, streams",
    (u, fn) => has(u, "node_modules/yauzl", "node_modules/fd-slicer", "node_modules/buffer-crc32") || u.startsWith("node:") || READ_NATIVES.has(fn),
  ],
  [
    "import runner, progress, queue",
    (u) => has(u, "/src/modules/imports/", "node_modules/bullmq", "node_modules/ioredis", "node_modules/drizzle-orm"),
  ],
  ["native / program", (_u, fn) => fn === "(program)" || fn === "(root)"],
];

/** The import pipeline's stages (bench:ingest). */
export const importArea: AreaOf = ({ url, functionName }) => IMPORT_PHASES.find(([, match]) => match(url, functionName))?.[0] ?? "other";

/** A package (node_modules/<pkg>), wearsync's own code, or Node's internals (bench:api). */
export const packageArea: AreaOf = ({ url, functionName }) => {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.includes("/src/")) return "wearsync src";
  return url;
};

export interface CpuArea {
  area: string;
  ms: number;
}

export interface CpuSummary {
  /** The window's length where the profile covered it. */
  windowMs: number;
  /** CPU ms inside the window, idle excluded. */
  busyMs: number;
  areas: CpuArea[];
  topFunctions: { name: string; ms: number }[];
}

/**
 * The main thread's profile in `dir` (--cpu-prof-dir): files are CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile
 * and thread 0 is the main thread (tsx's loader hooks run in another); else the largest file.
 */
export async function findProfile(dir: string): Promise<string | null> {
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith(".cpuprofile"));
  const main = files.filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)).sort();
  if (main.length > 0) return path.join(dir, main.at(-1) ?? "");
  const sized = await Promise.all(files.map(async (f) => ({ f, size: (await stat(path.join(dir, f))).size })));
  const largest = sized.sort((a, b) => b.size - a.size)[0];
  return largest === undefined ? null : path.join(dir, largest.f);
}

function functionName({ functionName, url, lineNumber }: ProfileNode["callFrame"]): string {
  return `${functionName || "(anonymous)"} ${url.replace(/^.*\/(node_modules|src)\//, "$1/")}:${lineNumber + 1}`;
}

/** Self time per area and per function of the samples stamped inside [fromUs, toUs]. */
export async function summarizeCpuProfile(file: string, fromUs: number, toUs: number, areaOf: AreaOf, top = 15): Promise<CpuSummary> {
  const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busyMs = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < fromUs || t > toUs) continue;
    const node = nodes.get(profile.samples[i] ?? -1);
    if (node === undefined) continue;
    const area = areaOf(node.callFrame);
    byArea.set(area, (byArea.get(area) ?? 0) + delta / 1000);
    if (node.callFrame.functionName === "(idle)") continue;
    busyMs += delta / 1000;
    const name = functionName(node.callFrame);
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta / 1000);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    windowMs: (Math.min(toUs, profile.endTime) - Math.max(fromUs, profile.startTime)) / 1000,
    busyMs,
    areas: sorted(byArea).map(([area, ms]) => ({ area, ms })),
    topFunctions: sorted(byFunction)
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms })),
  };
}
