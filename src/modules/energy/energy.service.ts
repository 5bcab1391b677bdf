import type { Deps } from "../../deps.js";
import { localDayWindow } from "../../lib/local-day.js";
import { enqueueDayRecomputes } from "../../jobs/recompute.js";
import { ageYears, localDate as localDateOf, previousDate } from "../../lib/time.js";
import { findUserById } from "../accounts/users.repo.js";
import { intakeForDay } from "../intake/day-status.service.js";
import { countHiitSessionsOn } from "../hiit/hiit.service.js";
import { assembleDay } from "./day-assembly.js";
import { daySamples, dayWorkouts, estimatedDates, latestWeightKg, upsertDailyEnergy } from "./energy.repo.js";
import type { PersonForEstimates } from "./workout-estimates.js";

/**
 * Recomputes one local day from the raw rows and upserts its daily_energy row. Never increments: running it
 * twice, or after a crash, writes the same numbers. Returns false when the user no longer exists.
 */
export async function recomputeDay(deps: Deps, userId: string, localDate: string): Promise<boolean> {
  const user = await findUserById(deps.db, userId);
  if (!user) return false;
  const window = localDayWindow(localDate, user.timeZone);
  const [samples, workouts, intake, measuredWeightKg, hiitSessions] = await Promise.all([
    daySamples(deps.sql, userId, window.startMs, window.endMs),
    dayWorkouts(deps.sql, userId, window.startMs, window.endMs),
    intakeForDay(deps.db, userId, localDate).then((day) => ({
      totalKcal: day.intakeKcal,
      entryCount: day.entries.length,
      status: day.status,
      fasted: day.fasted,
      possiblyPartial: day.possiblyPartial,
    })),
    latestWeightKg(deps.sql, userId, window.endMs),
    countHiitSessionsOn(deps, userId, localDate),
  ]);
  const weightKg = measuredWeightKg ?? user.weightKg;
  const person: PersonForEstimates | null =
    user.sex && user.birthDate && user.heightCm && weightKg
      ? { sex: user.sex, ageYears: ageYears(user.birthDate, localDate), heightCm: user.heightCm, weightKg }
      : null;
  const now = deps.clock.now();
  const day = assembleDay({ window, nowMs: now.getTime(), person, samples, workouts, intake });
  await upsertDailyEnergy(deps.db, {
    userId,
    localDate,
    basalKcal: day.energy.basalKcal,
    activeKcal: day.energy.activeKcal,
    burnedKcal: day.energy.burnedKcal,
    intakeKcal: day.energy.intakeKcal,
    deficitKcal: day.energy.deficitKcal,
    steps: day.steps,
    status: day.status,
    coverageHours: day.coverageHours,
    dayLengthHours: window.hours,
    intakeStatus: day.intakeStatus,
    basalMethod: day.basalMethod,
    activeMethod: day.activeMethod,
    breakdown: day.breakdown,
    hiitSessions,
    computedAt: now,
  });
  return true;
}

/** Recomputes the user's local yesterday (by the injected clock); returns that date, or null for a gone user. */
export async function finalizeYesterday(deps: Deps, userId: string): Promise<string | null> {
  const user = await findUserById(deps.db, userId);
  if (!user) return null;
  const yesterday = previousDate(localDateOf(deps.clock.now(), user.timeZone));
  await recomputeDay(deps, userId, yesterday);
  return yesterday;
}

/** Days whose numbers depend on the profile (formula BMR or estimated activity) are redone after it changes. */
export async function recomputeEstimatedDays(deps: Deps, userId: string): Promise<number> {
  return enqueueDayRecomputes(deps.queues, userId, await estimatedDates(deps.db, userId));
}
