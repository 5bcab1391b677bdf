import type { Sql } from "../../db/client.js";
import type { WeekWorkout } from "../../domain/training/training-week.js";

// Reads for the training week: each table once for the whole range, scoped to the user.

interface WorkoutRow extends Omit<WeekWorkout, "sets"> {
  sets:
    | {
        exercise: string;
        metClass: WeekWorkout["sets"][number]["metClass"];
        reps: number | null;
        weightKg: number | null;
        durationS: number | null;
        startOffsetS: number | null;
      }[]
    | null;
}

/** Workouts whose local start date is in [from, to], with their HR band seconds and their sets in order. */
export async function weekWorkouts(sql: Sql, userId: string, from: string, to: string): Promise<WeekWorkout[]> {
  const rows = await sql<WorkoutRow[]>`
    select w.id, w.activity_type as "activityType", w.local_date::text as "localDate", w.duration_s as "durationS",
           w.duplicate_of as "duplicateOf", a.band_seconds as "bandSeconds",
           (select json_agg(json_build_object('exercise', ws.exercise, 'metClass', ws.met_class, 'reps', ws.reps,
                    'weightKg', ws.weight_kg, 'durationS', ws.duration_s, 'startOffsetS', ws.start_offset_s) order by ws.set_index)
            from workout_sets ws where ws.workout_id = w.id) as sets
    from workouts w left join hiit_analyses a on a.workout_id = w.id
    where w.user_id = ${userId} and w.local_date between ${from}::date and ${to}::date
    order by w.start_at`;
  return rows.map((r) => ({ ...r, sets: r.sets ?? [] }));
}

/** Minutes of detected HIIT sessions per local date in [from, to]. */
export async function hiitMinutesByDate(sql: Sql, userId: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await sql<{ localDate: string; minutes: number }[]>`
    select local_date::text as "localDate", sum(date_part('epoch', end_at - start_at)) / 60 as minutes
    from hiit_sessions where user_id = ${userId} and local_date between ${from}::date and ${to}::date
    group by local_date`;
  return new Map(rows.map((r) => [r.localDate, Number(r.minutes)]));
}

/** Steps per computed day in [from, to] (days without a step count are absent). */
export async function stepsByDate(sql: Sql, userId: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await sql<{ localDate: string; steps: number }[]>`
    select local_date::text as "localDate", steps from daily_energy
    where user_id = ${userId} and local_date between ${from}::date and ${to}::date and steps is not null`;
  return new Map(rows.map((r) => [r.localDate, r.steps]));
}
