// Text exactly as Apple Health writes it into export.xml: dates, escaped attributes, device descriptions.

const MS_PER_MIN = 60_000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "yyyy-MM-dd HH:mm:ss ±hhmm": the wall clock at `offsetMin` minutes east of UTC. */
export function formatAppleDate(utcMs: number, offsetMin: number): string {
  const d = new Date(utcMs + offsetMin * MS_PER_MIN);
  const abs = Math.abs(offsetMin);
  const sign = offsetMin < 0 ? "-" : "+";
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`
  );
}

/** "yyyy-MM-dd" of a UTC-midnight epoch. */
export function formatIsoDay(utcMidnightMs: number): string {
  return new Date(utcMidnightMs).toISOString().slice(0, 10);
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

/** The Objective-C description Apple writes into `device`, already escaped for an attribute. */
export function hkDevice(address: string, fields: { name: string; model: string; hardware: string; software: string }): string {
  return escapeXml(
    `<<HKDevice: 0x${address}>, name:${fields.name}, manufacturer:Apple Inc., model:${fields.model}, hardware:${fields.hardware}, software:${fields.software}>`,
  );
}

/** A decimal with a varying number of fraction digits, as HealthKit values look ("0.215", "1.38762"). */
export function decimalText(value: number, fractionDigits: number): string {
  return value.toFixed(fractionDigits);
}

// US Pacific rule (second Sunday of March to first Sunday of November), evaluated per local day at noon:
// real exports render every date in the exporting phone's zone, switching between -0800 and -0700.
function nthSundayOfMonth(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (n - 1) * 7;
}

export function pacificOffsetMin(utcMidnightMs: number): number {
  const d = new Date(utcMidnightMs);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const dstStart = Date.UTC(year, 2, nthSundayOfMonth(year, 2, 2));
  const dstEnd = Date.UTC(year, 10, nthSundayOfMonth(year, 10, 1));
  const t = Date.UTC(year, month, day);
  return t >= dstStart && t < dstEnd ? -420 : -480;
}
