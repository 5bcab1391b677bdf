import { and, asc, between, count, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx, Sql, Tx } from "../../db/client.js";
import { pastCursor, withinDates } from "../../db/keyset.js";
import { hiitAnalyses, hiitIntervals, hiitSessions, workouts } from "../../db/schema/index.js";
import type { CursorPosition } from "../../lib/cursor.js";
import type { AnalysisWrite } from "./analysis-rows.js";

/** What one analysis belongs to: a workout, or a user's local day of out-of-workout heart rate. */
export interface AnalysisKey {
  userId: string;
  workoutId: string | null;
  localDate: string;
}

export type SessionRecord = typeof hiitSessions.$inferSelect;
export type IntervalRecord = typeof hiitIntervals.$inferSelect;
export type AnalysisRecord = typeof hiitAnalyses.$inferSelect;

function keyCondition(key: AnalysisKey) {
  return key.workoutId !== null
    ? and(eq(hiitAnalyses.userId, key.userId), eq(hiitAnalyses.workoutId, key.workoutId))
    : and(eq(hiitAnalyses.userId, key.userId), isNull(hiitAnalyses.workoutId), eq(hiitAnalyses.localDate, key.localDate));
}

/**
 * Deletes the key's analysis (sessions and intervals cascade) and inserts the new one, if any. An advisory lock
 * per key serialises two detections of the same stream. Returns the local dates of the sessions it removed.
 */
export async function replaceAnalysis(tx: Tx, key: AnalysisKey, write: AnalysisWrite | null): Promise<string[]> {
  const lockKey = `hiit:${key.userId}:${key.workoutId ?? key.localDate}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`);
  const previous = await tx
    .selectDistinct({ localDate: hiitSessions.localDate })
    .from(hiitSessions)
    .innerJoin(hiitAnalyses, eq(hiitAnalyses.id, hiitSessions.analysisId))
    .where(keyCondition(key));
  await tx.delete(hiitAnalyses).where(keyCondition(key));
  if (write !== null) {
    await tx.insert(hiitAnalyses).values(write.analysis);
    for (const { session, intervals } of write.sessions) {
      await tx.insert(hiitSessions).values(session);
      if (intervals.length > 0) await tx.insert(hiitIntervals).values(intervals.map((i) => ({ ...i, sessionId: session.id })));
    }
  }
  return previous.map((p) => p.localDate);
}

/**
 * Sessions that count: out-of-workout ones and those of counted workouts. A workout that just became another's
 * duplicate keeps its sessions only until its re-detection removes them; they are never counted meanwhile.
 */
const countedSession = isNull(workouts.duplicateOf);

/** A page of counted sessions, oldest first, optionally within local start dates [from, to], after a cursor. */
export async function sessionsPage(
  db: DbOrTx,
  userId: string,
  q: { from: string | undefined; to: string | undefined; limit: number; after?: CursorPosition },
): Promise<SessionRecord[]> {
  const after = q.after;
  const rows = await db
    .select({ session: hiitSessions })
    .from(hiitSessions)
    .leftJoin(workouts, eq(workouts.id, hiitSessions.workoutId))
    .where(
      and(
        eq(hiitSessions.userId, userId),
        withinDates(hiitSessions.localDate, q.from, q.to),
        pastCursor(hiitSessions.startAt, hiitSessions.id, after, "asc"),
        countedSession,
      ),
    )
    .orderBy(asc(hiitSessions.startAt), asc(hiitSessions.id))
    .limit(q.limit);
  return rows.map((r) => r.session);
}

export async function sessionsOfWorkout(db: DbOrTx, userId: string, workoutId: string): Promise<SessionRecord[]> {
  return db
    .select()
    .from(hiitSessions)
    .where(and(eq(hiitSessions.userId, userId), eq(hiitSessions.workoutId, workoutId)))
    .orderBy(asc(hiitSessions.startAt));
}

/** Intervals of sessions already scoped to one user, in session then position order. */
export async function intervalsOf(db: DbOrTx, sessionIds: readonly string[]): Promise<IntervalRecord[]> {
  if (sessionIds.length === 0) return [];
  return db
    .select()
    .from(hiitIntervals)
    .where(inArray(hiitIntervals.sessionId, [...sessionIds]))
    .orderBy(asc(hiitIntervals.sessionId), asc(hiitIntervals.position));
}

export async function findWorkoutAnalysis(db: DbOrTx, userId: string, workoutId: string): Promise<AnalysisRecord | undefined> {
  const [row] = await db
    .select()
    .from(hiitAnalyses)
    .where(and(eq(hiitAnalyses.userId, userId), eq(hiitAnalyses.workoutId, workoutId)))
    .limit(1);
  return row;
}

/** HIIT sessions per local date in [from, to]; dates without any are absent. */
export async function countSessionsByDate(db: DbOrTx, userId: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ localDate: hiitSessions.localDate, n: count() })
    .from(hiitSessions)
    .leftJoin(workouts, eq(workouts.id, hiitSessions.workoutId))
    .where(and(eq(hiitSessions.userId, userId), between(hiitSessions.localDate, from, to), countedSession))
    .groupBy(hiitSessions.localDate);
  return new Map(rows.map((r) => [r.localDate, r.n]));
}

/** Analyses stored by another method version, any user (the reconciler's batch). */
export async function staleAnalyses(db: DbOrTx, methodVersion: string, limit: number): Promise<AnalysisKey[]> {
  return db
    .select({ userId: hiitAnalyses.userId, workoutId: hiitAnalyses.workoutId, localDate: hiitAnalyses.localDate })
    .from(hiitAnalyses)
    .where(ne(hiitAnalyses.methodVersion, methodVersion))
    .limit(limit);
}

/**
 * Analyses strictly after a stream (workouts starting after `afterMs`, days after `afterDate`) and up to `untilMs`, whose
 * HRmax was not set by the profile and is below `belowBpm`: the stream's peak is in their lookback, so they are redone.
 * Strictly later only, so re-detections move forward in time and can never cycle.
 */
export async function analysesBelowObservedMax(
  sql: Sql,
  userId: string,
  q: { afterMs: number; afterDate: string; untilMs: number; belowBpm: number },
): Promise<AnalysisKey[]> {
  const [after, until] = [new Date(q.afterMs).toISOString(), new Date(q.untilMs).toISOString()];
  const untilDate = until.slice(0, 10);
  return sql<AnalysisKey[]>`
    select a.user_id as "userId", a.workout_id as "workoutId", a.local_date::text as "localDate"
    from hiit_analyses a left join workouts w on w.id = a.workout_id
    where a.user_id = ${userId} and a.hr_max_source <> 'profile' and a.hr_max_bpm < ${q.belowBpm}
      and ((a.workout_id is not null and w.start_at > ${after}::timestamptz and w.start_at <= ${until}::timestamptz)
        or (a.workout_id is null and a.local_date > ${q.afterDate} and a.local_date <= ${untilDate}))
    limit 1000`;
}
