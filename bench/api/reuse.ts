import type { Deps } from "../../src/deps.js";
import { nextDate, previousDate } from "../../src/lib/calendar.js";
import { issueKey } from "../../src/modules/accounts/api-keys.service.js";
import { BENCH_EMAIL } from "./seed.js";

/** The user a --keep-db run left behind, a fresh key for it, and the `days` dates ending at its last seeded date. */
export async function reuseSeededUser(deps: Deps, days: number): Promise<{ userId: string; apiKey: string; dates: string[] }> {
  const [user] = await deps.sql<{ id: string }[]>`select id from users where email = ${BENCH_EMAIL}`;
  if (!user) throw new Error(`--reuse: no ${BENCH_EMAIL} user in this database; run once with --keep-db first`);
  const [range] = await deps.sql<{ last: string | null }[]>`select max(local_date)::text as last from daily_energy where user_id = ${user.id}`;
  if (!range?.last) throw new Error("--reuse: the kept database has no computed days");
  let date = nextDate(range.last);
  const dates: string[] = [];
  for (let i = 0; i < days; i++) {
    date = previousDate(date);
    dates.push(date);
  }
  const { apiKey } = await issueKey(deps, user.id, "bench-api reuse");
  return { userId: user.id, apiKey, dates: dates.reverse() };
}
