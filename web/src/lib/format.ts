// Display helpers: every time in the person's own zone, weights in the units of their profile.

export type UnitSystem = "metric" | "imperial";

/** 1 lb = 0.45359237 kg exactly (international yard and pound agreement, 1959). */
export const KG_PER_LB = 0.45359237;

export function weightIn(kg: number, units: UnitSystem): number {
  return units === "imperial" ? kg / KG_PER_LB : kg;
}

export function weightUnit(units: UnitSystem): string {
  return units === "imperial" ? "lb" : "kg";
}

export function formatWeight(kg: number | null | undefined, units: UnitSystem, digits = 1): string {
  if (kg === null || kg === undefined) return "—";
  return `${weightIn(kg, units).toFixed(digits)} ${weightUnit(units)}`;
}

const kcalFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

export function formatKcal(kcal: number | null | undefined): string {
  if (kcal === null || kcal === undefined) return "—";
  return `${kcalFormat.format(Math.round(kcal))} kcal`;
}

// Intl formatters are costly to create (a year's table would build hundreds): one per option set, reused.
const numberFormats = new Map<number, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = make();
    dateTimeFormats.set(key, format);
  }
  return format;
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined) return "—";
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
    numberFormats.set(digits, format);
  }
  return format.format(n);
}

export function formatRange(range: readonly number[] | null | undefined): string {
  if (!range || range[0] === undefined || range[1] === undefined) return "";
  return `${kcalFormat.format(Math.round(range[0]))}–${kcalFormat.format(Math.round(range[1]))}`;
}

export function formatDateTime(iso: string, zone: string): string {
  return dateTimeFormat(`dt ${zone}`, () => new Intl.DateTimeFormat("en-GB", { timeZone: zone, dateStyle: "medium", timeStyle: "short" })).format(
    new Date(iso),
  );
}

export function formatTime(iso: string, zone: string): string {
  return dateTimeFormat(`t ${zone}`, () => new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeStyle: "short" })).format(new Date(iso));
}

/** A local date (YYYY-MM-DD) as a readable label; the date is a calendar day, so no zone shifts it. */
export function formatDate(date: string): string {
  return dateTimeFormat(
    "date",
    () => new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" }),
  ).format(new Date(`${date}T00:00:00Z`));
}

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** Minutes of sleep as hours and minutes ("7 h 05 min"); "—" when unknown (no sleep data is never 0). */
export function formatSleep(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "—";
  const total = Math.round(minutes);
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min`;
}

/** Today's date in the person's zone. */
export function todayIn(zone: string, now: Date = new Date()): string {
  return dateTimeFormat(
    `today ${zone}`,
    () => new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }),
  ).format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A calendar date as uPlot's x value: seconds at UTC midnight (the charts draw in UTC so a day never shifts). */
export function dateToX(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

/** The local wall time of an instant in `zone`, as seconds on the UTC-drawn axis. */
export function instantToX(iso: string, zone: string): number {
  const ms = Date.parse(iso);
  const parts = dateTimeFormat(
    `parts ${zone}`,
    () =>
      new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      }),
  ).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) / 1000;
}

/** The offset of `zone` at `date`'s noon, as "+01:00", so a form's wall time is sent with the person's offset. */
export function offsetOf(zone: string, localDateTime: string): string {
  const asUtc = Date.parse(`${localDateTime}:00Z`);
  const shown = instantToX(new Date(asUtc).toISOString(), zone) * 1000;
  const minutes = Math.round((shown - asUtc) / 60000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
