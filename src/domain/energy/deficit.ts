import { requireNonNegative, requirePositive } from "../guards.js";
import { proRateDailyKcal } from "./bmr.js";

export type ActivityMethod = "met" | "keytel" | "steps" | "power" | "device-workout";

export interface ActivityEstimate {
  /** Net of resting: (MET − 1), Keytel − BMR rate, net walking cost, or a device workout's active energy. */
  netKcal: number;
  method: ActivityMethod;
}

export interface DayEnergyInput {
  /** 24, or 23/25 on DST days; anything else on travel days. */
  dayLengthHours: number;
  /** Hours elapsed when the day is still running ("so far" figures); null once the day is over. */
  elapsedHours: number | null;
  /** Σ basal energy the device wrote for the day (HealthKit basalEnergyBurned, Google BMR); null when none. */
  deviceBasalKcal: number | null;
  /** Σ active energy the device wrote for the day; it already contains the device's own workouts. */
  deviceActiveKcal: number | null;
  /** Formula BMR, used only when the device wrote no basal energy. */
  bmrKcalPerDay: number | null;
  /** Own estimates (steps outside workouts, MET/Keytel workouts), used only when the device wrote no active energy. */
  activityEstimates: readonly ActivityEstimate[];
  /** Logged intake; null when nothing was logged. */
  intakeKcal: number | null;
  /** The user marked the day as fasted: the only way an unlogged day counts as 0 kcal. */
  fasted: boolean;
}

export type DayStatus = "complete" | "in-progress" | "unlogged" | "no-expenditure";

export interface DayEnergyProvenance {
  basal: "device" | "formula" | "none";
  active: "device" | "estimates" | "none";
  intake: "logged" | "fasted" | "unlogged";
  activeMethods: ActivityMethod[];
  /** Estimates left out because device active energy already covers them (never added twice). */
  supersededEstimateKcal: number;
}

export interface DayEnergy {
  basalKcal: number | null;
  activeKcal: number;
  burnedKcal: number | null;
  intakeKcal: number | null;
  /** burned − intake, positive = deficit; null when intake or expenditure is unknown. */
  deficitKcal: number | null;
  partial: boolean;
  status: DayStatus;
  provenance: DayEnergyProvenance;
}

/** Engineering default (docs/science.md §3.7): a weekly mean over fewer logged, complete days is withheld. */
export const MIN_LOGGED_DAYS_FOR_WEEKLY_MEAN = 4;

export interface WeeklyDeficit {
  meanDeficitKcal: number | null;
  loggedDays: number;
  withheld: boolean;
}

export function computeDayEnergy(input: DayEnergyInput): DayEnergy {
  requirePositive("dayLengthHours", input.dayLengthHours);
  const partial = input.elapsedHours !== null;
  const basal = resolveBasal(input);
  const active = resolveActive(input);
  const intake = resolveIntake(input);
  const burnedKcal = basal.kcal === null ? null : basal.kcal + active.kcal;
  const deficitKcal = burnedKcal === null || intake.kcal === null ? null : burnedKcal - intake.kcal;
  return {
    basalKcal: basal.kcal,
    activeKcal: active.kcal,
    burnedKcal,
    intakeKcal: intake.kcal,
    deficitKcal,
    partial,
    status: dayStatus(partial, burnedKcal, intake.kcal),
    provenance: {
      basal: basal.source,
      active: active.source,
      intake: intake.source,
      activeMethods: active.methods,
      supersededEstimateKcal: active.supersededKcal,
    },
  };
}

/** Mean over logged, complete days only; partial and unlogged days never enter it (TV-D2, TV-D8). */
export function weeklyMeanDeficit(days: ReadonlyArray<Pick<DayEnergy, "deficitKcal" | "partial">>): WeeklyDeficit {
  const logged = days.flatMap((d) => (!d.partial && d.deficitKcal !== null ? [d.deficitKcal] : []));
  const withheld = logged.length < MIN_LOGGED_DAYS_FOR_WEEKLY_MEAN;
  const meanDeficitKcal = withheld ? null : logged.reduce((sum, v) => sum + v, 0) / logged.length;
  return { meanDeficitKcal, loggedDays: logged.length, withheld };
}

function dayStatus(partial: boolean, burnedKcal: number | null, intakeKcal: number | null): DayStatus {
  if (partial) return "in-progress";
  if (burnedKcal === null) return "no-expenditure";
  return intakeKcal === null ? "unlogged" : "complete";
}

function resolveBasal(input: DayEnergyInput): { kcal: number | null; source: DayEnergyProvenance["basal"] } {
  if (input.deviceBasalKcal !== null) {
    return { kcal: requireNonNegative("deviceBasalKcal", input.deviceBasalKcal), source: "device" };
  }
  if (input.bmrKcalPerDay === null) return { kcal: null, source: "none" };
  const hours = input.elapsedHours ?? input.dayLengthHours;
  if (hours > input.dayLengthHours) throw new RangeError(`elapsedHours ${hours} exceeds the day length`);
  return { kcal: proRateDailyKcal(requirePositive("bmrKcalPerDay", input.bmrKcalPerDay), hours), source: "formula" };
}

function resolveActive(input: DayEnergyInput): {
  kcal: number;
  source: DayEnergyProvenance["active"];
  methods: ActivityMethod[];
  supersededKcal: number;
} {
  const estimatesKcal = input.activityEstimates.reduce((sum, e) => sum + requireNonNegative("netKcal", e.netKcal), 0);
  const methods = [...new Set(input.activityEstimates.map((e) => e.method))];
  if (input.deviceActiveKcal !== null) {
    const kcal = requireNonNegative("deviceActiveKcal", input.deviceActiveKcal);
    return { kcal, source: "device", methods: [], supersededKcal: estimatesKcal };
  }
  if (input.activityEstimates.length === 0) return { kcal: 0, source: "none", methods: [], supersededKcal: 0 };
  return { kcal: estimatesKcal, source: "estimates", methods, supersededKcal: 0 };
}

function resolveIntake(input: DayEnergyInput): { kcal: number | null; source: DayEnergyProvenance["intake"] } {
  if (input.intakeKcal !== null) {
    const kcal = requireNonNegative("intakeKcal", input.intakeKcal);
    if (input.fasted && kcal > 0) throw new RangeError(`a fasted day cannot log ${kcal} kcal of intake`);
    return { kcal, source: input.fasted ? "fasted" : "logged" };
  }
  return input.fasted ? { kcal: 0, source: "fasted" } : { kcal: null, source: "unlogged" };
}
