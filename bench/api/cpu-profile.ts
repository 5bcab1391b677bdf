import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface CpuSummary {
  /** CPU ms inside the window (idle excluded). */
  busyMs: number;
  byArea: { area: string; ms: number }[];
  byFunction: { fn: string; ms: number }[];
}

/**
 * The newest main-thread profile Node wrote into `dir` (--cpu-prof-dir). Files are named
 * CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread (tsx's loader hooks run in another).
 */
export async function findProfile(dir: string): Promise<string | null> {
  const files = (await readdir(dir).catch(() => [])).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)).sort();
  const last = files.at(-1);
  return last ? path.join(dir, last) : null;
}

/** Groups a script URL into a package (node_modules/<pkg>), wearsync's own code, or Node's internals. */
function areaOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.includes("/src/")) return "wearsync src";
  return url;
}

function label(frame: ProfileNode["callFrame"]): string {
  const file = frame.url ? frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(src|workers)\//, "$1/") : "";
  return `${frame.functionName || "(anonymous)"}${file ? ` ${file}:${frame.lineNumber + 1}` : ""}`;
}

/**
 * Self time per area and per function from a V8 CPU profile, counting only samples whose timestamp falls in
 * [fromUs, toUs] (V8 and process.hrtime share the monotonic clock on Linux); all samples when none do.
 */
export async function summarizeProfile(file: string, fromUs: number, toUs: number, top = 15): Promise<CpuSummary> {
  const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const inWindow: { node: ProfileNode; us: number }[] = [];
  const all: { node: ProfileNode; us: number }[] = [];
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    const node = nodes.get(id);
    if (!node) return;
    const sample = { node, us: Math.max(0, profile.timeDeltas[i + 1] ?? delta) };
    all.push(sample);
    if (t >= fromUs && t <= toUs) inWindow.push(sample);
  });
  const used = inWindow.length > 0 ? inWindow : all;
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  let busyUs = 0;
  for (const { node, us } of used) {
    if (node.callFrame.functionName === "(idle)") continue;
    busyUs += us;
    const area = areaOf(node.callFrame);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const fn = label(node.callFrame);
    fns.set(fn, (fns.get(fn) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    busyMs: busyUs / 1000,
    byArea: sorted(areas).map(([area, us]) => ({ area, ms: us / 1000 })),
    byFunction: sorted(fns).map(([fn, us]) => ({ fn, ms: us / 1000 })),
  };
}

/** The monotonic clock V8 stamps profile samples with, in µs. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
