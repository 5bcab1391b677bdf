import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// Linux /proc readers: resident memory of one process, and CPU seconds of a process or of every postgres
// process (backends that exit are folded into the postmaster's cutime/cstime, so the sum stays monotonic).

const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface MemoryStatus {
  rssKb: number;
  /** VmHWM: the peak resident set since the process started. */
  peakRssKb: number;
}

export function readMemory(pid: number): MemoryStatus | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
  return { rssKb: field("VmRSS"), peakRssKb: field("VmHWM") };
}

interface ProcStat {
  comm: string;
  /** utime + stime + cutime + cstime, in seconds. */
  cpuS: number;
}

function readStat(pid: number | string): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  const rest = text.slice(close + 2).split(" ");
  // Fields after "(comm)": state=0 … utime=11, stime=12, cutime=13, cstime=14.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(rest[i] ?? 0), 0);
  return { comm: text.slice(open + 1, close), cpuS: ticks / CLOCK_TICKS };
}

export function processCpuSeconds(pid: number): number {
  return readStat(pid)?.cpuS ?? 0;
}

/** CPU seconds of each of these processes now (0 for those that are gone). */
export function cpuByPid(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, processCpuSeconds(pid)]));
}

export function commandCpuSeconds(comm: string): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat?.comm === comm) total += stat.cpuS;
  }
  return total;
}

/** CPU seconds the whole machine spent busy (all cores, everything but idle and iowait) since boot. */
export function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
  return (total - (fields[3] ?? 0) - (fields[4] ?? 0)) / CLOCK_TICKS;
}

/** Polls VmRSS of some processes and keeps the highest value seen. */
export class RssSampler {
  private readonly maxRssKb = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pids: number[]) {}

  start(intervalMs = 100): void {
    const sample = () => {
      for (const pid of this.pids) {
        const mem = readMemory(pid);
        if (mem !== null) this.maxRssKb.set(pid, Math.max(this.maxRssKb.get(pid) ?? 0, mem.rssKb));
      }
    };
    sample();
    this.timer = setInterval(sample, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  maxKb(pid: number): number {
    return this.maxRssKb.get(pid) ?? 0;
  }
}
