import type { BodyInput, Sex } from "../energy/bmr.js";
import { jacksonFatMassKg } from "../energy/body-fat.js";
import { requirePositive } from "../guards.js";
import {
  BASELINE_GLYCOGEN_KG,
  FAT_MAINTENANCE_KCAL_PER_KG_DAY,
  GLYCOGEN_WEIGHT_PER_KG,
  LEAN_MAINTENANCE_KCAL_PER_KG_DAY,
  TEF_FRACTION,
} from "./hall-constants.js";

interface HallRmrEquation {
  interceptKcal: number;
  kcalPerKg: number;
  kcalPerM: number;
  kcalPerYear: number;
}

/** Mifflin–St Jeor as refitted in bw getRMR (height in metres); differs from the 1990 form (TV-B5/B6). */
export const HALL_MIFFLIN: Readonly<Record<Sex, HallRmrEquation>> = {
  male: { interceptKcal: 5, kcalPerKg: 9.99, kcalPerM: 625, kcalPerYear: -4.92 },
  female: { interceptKcal: -161, kcalPerKg: 9.99, kcalPerM: 625, kcalPerYear: -4.92 },
};

interface EcfEquation {
  interceptKg: number;
  kgPerYear: number;
  kgPerM: number;
  kgPerKg: number;
}

/** Silva et al. extracellular fluid at baseline, as in bw getECFinit (women: no age term). */
export const SILVA_ECF: Readonly<Record<Sex, EcfEquation>> = {
  male: { interceptKg: -12.4, kgPerYear: 0.025, kgPerM: 9.57, kgPerKg: 0.191 },
  female: { interceptKg: -4.0, kgPerYear: 0, kgPerM: 5.98, kgPerKg: 0.167 },
};

/** Carbohydrate share of intake assumed at baseline and during a plan (TV-H: pcarb = pcarb_base = 0.5). */
export const DEFAULT_CARB_FRACTION = 0.5;

/** Baseline energy: either a physical activity level (EI₀ = PAL × RMR) or a known maintenance intake. */
export type HallBaselineEnergy = { physicalActivityLevel: number } | { maintenanceIntakeKcal: number };

export interface HallPerson extends BodyInput {
  /** Measured body fat; null seeds it with Jackson 2002, as the NIH Body Weight Planner does. */
  bodyFatPercent: number | null;
  energy: HallBaselineEnergy;
  baselineCarbFraction?: number;
}

export interface HallBaseline {
  sex: Sex;
  weightKg: number;
  rmrKcal: number;
  physicalActivityLevel: number;
  maintenanceIntakeKcal: number;
  /** δ: expenditure of physical activity per kg of body weight, kcal/kg/day. */
  activityKcalPerKgDay: number;
  fatMassKg: number;
  leanMassKg: number;
  extracellularFluidKg: number;
  glycogenKg: number;
  /** K: the part of baseline expenditure not explained by tissue maintenance or activity, kcal/day. */
  residualExpenditureKcal: number;
  baselineCarbFraction: number;
  baselineCarbIntakeKcal: number;
  /** k_G, so that baseline carbohydrate intake exactly replaces glycogen use, kcal/day/kg². */
  glycogenUseKcalPerKg2: number;
}

export function hallRmrKcal(body: BodyInput): number {
  requirePositive("weightKg", body.weightKg);
  requirePositive("heightCm", body.heightCm);
  requirePositive("ageYears", body.ageYears);
  const c = HALL_MIFFLIN[body.sex];
  const heightM = body.heightCm / 100;
  return c.interceptKcal + c.kcalPerKg * body.weightKg + c.kcalPerM * heightM + c.kcalPerYear * body.ageYears;
}

export function silvaEcfKg(body: BodyInput): number {
  const c = SILVA_ECF[body.sex];
  return c.interceptKg + c.kgPerYear * body.ageYears + (c.kgPerM * body.heightCm) / 100 + c.kgPerKg * body.weightKg;
}

/** The energy-balanced starting state of the Hall model (docs/science.md §5.3 "Baseline"). */
export function hallBaseline(person: HallPerson): HallBaseline {
  const rmrKcal = hallRmrKcal(person);
  const maintenanceIntakeKcal =
    "physicalActivityLevel" in person.energy
      ? requirePositive("physicalActivityLevel", person.energy.physicalActivityLevel) * rmrKcal
      : requirePositive("maintenanceIntakeKcal", person.energy.maintenanceIntakeKcal);
  const physicalActivityLevel = maintenanceIntakeKcal / rmrKcal;
  const activityKcalPerKgDay = (((1 - TEF_FRACTION) * physicalActivityLevel - 1) * rmrKcal) / person.weightKg;
  const fatMassKg = person.bodyFatPercent === null ? jacksonFatMassKg(person) : (person.weightKg * person.bodyFatPercent) / 100;
  const extracellularFluidKg = silvaEcfKg(person);
  const glycogenKg = BASELINE_GLYCOGEN_KG;
  const leanMassKg = person.weightKg - fatMassKg - extracellularFluidKg - GLYCOGEN_WEIGHT_PER_KG * glycogenKg;
  requirePositive("baseline fat mass (kg)", fatMassKg);
  requirePositive("baseline lean mass (kg)", leanMassKg);
  const baselineCarbFraction = person.baselineCarbFraction ?? DEFAULT_CARB_FRACTION;
  if (!(baselineCarbFraction > 0 && baselineCarbFraction <= 1)) throw new RangeError("baselineCarbFraction in (0, 1]");
  const baselineCarbIntakeKcal = baselineCarbFraction * maintenanceIntakeKcal;
  return {
    sex: person.sex,
    weightKg: person.weightKg,
    rmrKcal,
    physicalActivityLevel,
    maintenanceIntakeKcal,
    activityKcalPerKgDay,
    fatMassKg,
    leanMassKg,
    extracellularFluidKg,
    glycogenKg,
    residualExpenditureKcal:
      maintenanceIntakeKcal -
      LEAN_MAINTENANCE_KCAL_PER_KG_DAY * leanMassKg -
      FAT_MAINTENANCE_KCAL_PER_KG_DAY * fatMassKg -
      activityKcalPerKgDay * person.weightKg,
    baselineCarbFraction,
    baselineCarbIntakeKcal,
    glycogenUseKcalPerKg2: baselineCarbIntakeKcal / (glycogenKg * glycogenKg),
  };
}
