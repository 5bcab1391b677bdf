import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Harness, TestUser } from "../../helpers/harness.js";
import { readJson } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/process.js";

export const watch = { name: "Watch", device_type: "watch" };
export const foodLog = { name: "MyFitnessPal", device_type: "app" };

export interface DayBody {
  date: string;
  basal_kcal: number | null;
  active_kcal: number | null;
  burned_kcal: number | null;
  burned_kcal_range: [number, number] | null;
  intake_kcal: number | null;
  deficit_kcal: number | null;
  deficit_kcal_range: [number, number] | null;
  range_source: string | null;
  status: string;
  flags: string[];
  confirmed: boolean;
  coverage_hours: number;
  computed_at: string | null;
}

export async function sync(h: Harness, user: TestUser, body: object): Promise<{ accepted: number; rejected: number }> {
  const res = await h.request("/v1/sync", { method: "POST", key: user.apiKey, headers: { "idempotency-key": randomUUID() }, json: body });
  expect(res.status).toBe(200);
  return readJson<{ accepted: number; rejected: number }>(res);
}

/** /v1/days once no recompute is pending and `ready` holds. */
export async function settledDays(
  h: Harness,
  user: TestUser,
  from: string,
  to: string,
  ready: (days: DayBody[]) => boolean = () => true,
): Promise<DayBody[]> {
  return waitFor(
    async () => {
      const body = await readJson<{ days: DayBody[]; pending: boolean }>(await h.request(`/v1/days?from=${from}&to=${to}`, { key: user.apiKey }));
      return !body.pending && ready(body.days) ? body.days : undefined;
    },
    20_000,
    "days to settle",
  );
}

/** Hourly samples over `hours` hours from a local midnight given with its offset, e.g. "2026-11-20T00:00:00+01:00". */
export function hourly(type: string, midnightIso: string, value: number, source: object = watch, hours = 24, unit = "kcal") {
  return Array.from({ length: hours }, (_, hour) => {
    const start = Date.parse(midnightIso) + hour * 3_600_000;
    const offset = midnightIso.slice(19);
    return { type, start: isoAtOffset(start, offset), end: isoAtOffset(start + 3_600_000, offset), value, unit, source };
  });
}

/** An instant written at a numeric offset such as "+01:00" or "-10:00". */
export function isoAtOffset(utcMs: number, offset: string): string {
  const sign = offset.startsWith("-") ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(utcMs + minutes * 60_000).toISOString().slice(0, 19)}${offset}`;
}

export function meal(isoWithOffset: string, kcal: number) {
  return { type: "dietary_energy", start: isoWithOffset, end: isoWithOffset, value: kcal, unit: "kcal", source: foodLog };
}
