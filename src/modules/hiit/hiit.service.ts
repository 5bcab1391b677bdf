import type { Deps } from "../../deps.js";
import { decodeCursor, paginate } from "../../lib/cursor.js";
import { assertRangeOrder } from "../../lib/date-range.js";
import { hasPendingHiitJobs } from "./detection-requests.service.js";
import { presentSession, presentWorkoutHiit } from "./hiit.presenters.js";
import type { IntervalRecord, SessionRecord } from "./hiit.repo.js";
import { countSessionsByDate, findWorkoutAnalysis, intervalsOf, sessionsOfWorkout, sessionsPage } from "./hiit.repo.js";

async function withIntervals(deps: Deps, sessions: readonly SessionRecord[]) {
  const intervals = await intervalsOf(
    deps.db,
    sessions.map((s) => s.id),
  );
  const bySession = new Map<string, IntervalRecord[]>();
  for (const interval of intervals) bySession.set(interval.sessionId, [...(bySession.get(interval.sessionId) ?? []), interval]);
  return sessions.map((session) => ({ session, intervals: bySession.get(session.id) ?? [] }));
}

/** A page of sessions (oldest first; `from`/`to` filter the local start date), and whether detections are still on their way. */
export async function listHiitSessions(
  deps: Deps,
  userId: string,
  q: { from?: string | undefined; to?: string | undefined; cursor?: string | undefined; limit: number },
) {
  assertRangeOrder(q.from, q.to);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const [rows, pending] = await Promise.all([
    sessionsPage(deps.db, userId, { from: q.from, to: q.to, limit: q.limit + 1, ...(after ? { after } : {}) }),
    hasPendingHiitJobs(deps, userId),
  ]);
  const page = paginate(rows, q.limit, (row) => ({ sortKey: row.startAt.toISOString(), id: row.id }));
  const full = await withIntervals(deps, page.items);
  return { sessions: full.map(({ session, intervals }) => presentSession(session, intervals)), next_cursor: page.nextCursor, pending };
}

/** The HIIT fields of one of the user's workouts (another user's workout id reads as "not analysed"). */
export async function workoutHiitFields(deps: Deps, userId: string, workoutId: string) {
  const [analysis, sessions] = await Promise.all([findWorkoutAnalysis(deps.db, userId, workoutId), sessionsOfWorkout(deps.db, userId, workoutId)]);
  return presentWorkoutHiit(analysis, await withIntervals(deps, sessions));
}

export async function countHiitSessionsByDate(deps: Deps, userId: string, from: string, to: string): Promise<Map<string, number>> {
  return countSessionsByDate(deps.db, userId, from, to);
}
