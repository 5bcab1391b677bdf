/** Decimal megabytes (10^6 bytes), as the size option and the goals are stated. */
export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
export const kbToMb = (kb: number): string => `${((kb * 1024) / 1e6).toFixed(0)} MB`;
export const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const int = (n: number): string => Math.round(n).toLocaleString("en-US");
export const perSecond = (count: number, ms: number): number => (ms > 0 ? count / (ms / 1000) : 0);
export const mbPerSecond = (bytes: number, ms: number): string => `${(perSecond(bytes, ms) / 1e6).toFixed(1)} MB/s`;

export function row(label: string, value: string, width = 34): string {
  return `  ${label.padEnd(width)} ${value}`;
}

export const ms = (v: number | null | undefined) =>
  v === null || v === undefined || Number.isNaN(v) ? "n/a" : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`;

export const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(0)} %` : "n/a");

/** A Markdown table with padded columns (first row is the header). */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const [head, ...body] = rows;
  if (!head) return "";
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
