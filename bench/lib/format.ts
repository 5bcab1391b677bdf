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
