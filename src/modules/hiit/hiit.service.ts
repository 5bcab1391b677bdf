import type { Deps } from "../../deps.js";
import { assertDateRange } from "../../lib/date-range.js";
import { hasPendingHiitJobs } from "./detection-requests.service.js";
import { presentSession, presentWorkoutHiit } from "./hiit.presenters.js";
import type { IntervalRecord, SessionRecord } from "./hiit.repo.js";
import { countSessionsByDate, findWorkoutAnalysis, intervalsOf, sessionsBetween, sessionsOfWorkout } from "./hiit.repo.js";

async function withIntervals(deps: Deps, sessions: readonly SessionRecord[]) {
  const intervals = await intervalsOf(
    deps.db,
    sessions.map((s) => s.id),
  );
  const bySession = new Map<string, IntervalRecord[]>();
  for (const interval of intervals) bySession.set(interval.sessionId, [...(bySession.get(interval.sessionId) ?? []), interval]);
  return sessions.map((session) => ({ session, intervals: bySession.get(session.id) ?? [] }));
}

/** Sessions whose local start date is in the range, oldest first, and whether detections are still on their way. */
export async function listHiitSessions(deps: Deps, userId: string, from: string, to: string) {
  assertDateRange(from, to);
  const [sessions, pending] = await Promise.all([sessionsBetween(deps.db, userId, from, to), hasPendingHiitJobs(deps, userId)]);
  const full = await withIntervals(deps, sessions);
  return { sessions: full.map(({ session, intervals }) => presentSession(session, intervals)), pending };
}

/** The HIIT fields of one of the user's workouts (another user's workout id reads as "not analysed"). */
export async function workoutHiitFields(deps: Deps, userId: string, workoutId: string) {
  const [analysis, sessions] = await Promise.all([findWorkoutAnalysis(deps.db, userId, workoutId), sessionsOfWorkout(deps.db, userId, workoutId)]);
  return presentWorkoutHiit(analysis, await withIntervals(deps, sessions));
}

export async function countHiitSessionsByDate(deps: Deps, userId: string, from: string, to: string): Promise<Map<string, number>> {
  return countSessionsByDate(deps.db, userId, from, to);
}
