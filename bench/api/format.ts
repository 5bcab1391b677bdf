export const ms = (v: number | null | undefined) =>
  v === null || v === undefined || Number.isNaN(v) ? "n/a" : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`;

export const int = (v: number) => Math.round(v).toLocaleString("en-US");

export const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(0)} %` : "n/a");

/** A Markdown table with padded columns (first row is the header). */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const [head, ...body] = rows;
  if (!head) return "";
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
