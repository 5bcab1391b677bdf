// Reads of a user's sleep through the API (and the stored rows behind it), shared by the sleep test files.
import { type Harness, readJson, type TestUser } from "./harness.js";

export interface DaySleep {
  asleep_minutes: number | null;
  in_bed_minutes: number | null;
  start: string | null;
  end: string | null;
  stages_minutes: Record<string, number>;
  sources: string[];
  sessions: { main: boolean; asleep_minutes: number | null; sources: string[] }[];
}

/** `sleep_minutes` of every day in [from, to] as GET /v1/days answers them. */
export async function sleepMinutes(h: Harness, user: TestUser, from: string, to: string): Promise<(number | null)[]> {
  const body = await readJson<{ days: { sleep_minutes: number | null }[] }>(await h.request(`/v1/days?from=${from}&to=${to}`, { key: user.apiKey }));
  return body.days.map((d) => d.sleep_minutes);
}

/** The `sleep` of GET /v1/days/{date}. */
export async function sleepOf(h: Harness, user: TestUser, date: string): Promise<DaySleep | null> {
  return (await readJson<{ sleep: DaySleep | null }>(await h.request(`/v1/days/${date}`, { key: user.apiKey }))).sleep;
}

/** Stored sleep-stage samples of the user, every source and stage. */
export async function sleepRowCount(h: Harness, userId: string): Promise<number> {
  const [row] = await h.deps.sql<{ n: number }[]>`select count(*)::int as n from samples where user_id = ${userId} and type::text like 'sleep_%'`;
  return row?.n ?? 0;
}
