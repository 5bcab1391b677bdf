import { describe, expect, it } from "vitest";
import { parseAppleDate } from "../../../src/formats/apple-health/dates.js";
import { inferDeviceType } from "../../../src/formats/apple-health/infer-device-type.js";
import { normalizeDevice, normalizeName } from "../../../src/formats/apple-health/source.js";
import { toActivityType } from "../../../src/formats/apple-health/workouts.js";

describe("parseAppleDate", () => {
  it.each([
    ["2016-11-14 07:25:41 -0700", Date.UTC(2016, 10, 14, 14, 25, 41), -420],
    ["2024-03-09 23:30:00 +0530", Date.UTC(2024, 2, 9, 18, 0, 0), 330],
    ["2024-02-29 00:00:00 +0000", Date.UTC(2024, 1, 29), 0],
    ["2999-01-01 00:00:00 -0800", Date.UTC(2999, 0, 1, 8), -480],
  ])("%s → epoch and offset from the string", (text, epochMs, utcOffsetMin) => {
    expect(parseAppleDate(text, null)).toEqual({ epochMs, utcOffsetMin });
  });

  it.each([
    ["2023-02-29 00:00:00 +0000"],
    ["2024-13-01 00:00:00 +0000"],
    ["2024-01-01 24:00:00 +0000"],
    ["2024-01-01 00:00:00 +0099"],
    ["2024-01-01T00:00:00Z"],
    ["yesterday"],
    [""],
  ])("%j is not a date", (text) => {
    expect(parseAppleDate(text, null)).toBeNull();
  });

  it("uses the default offset only when the string has none", () => {
    expect(parseAppleDate("2024-01-01 00:00:00", -300)).toEqual({ epochMs: Date.UTC(2024, 0, 1, 5), utcOffsetMin: -300 });
    expect(parseAppleDate("2024-01-01 00:00:00 +0100", -300)?.utcOffsetMin).toBe(60);
    expect(parseAppleDate("2024-01-01 00:00:00", null)).toBeNull();
  });
});

describe("normalizeDevice", () => {
  it.each([
    [
      "<<HKDevice: 0x283a6c0f0>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch2,4, software:4.3.1>",
      "Apple Watch (Watch2,4)",
    ],
    [
      "<<HKDevice: 0x282a45810>, name:Apple\u00a0Watch, manufacturer:Apple, model:Watch, hardware:Watch2,4, software:4.3.1>",
      "Apple Watch (Watch2,4)",
    ],
    ["<<HKDevice: 0x1c0a9b2e0>, name:Oura, manufacturer:Oura Health, model:Oura Ring, software:3.1>", "Oura"],
    ["<<HKDevice: 0x1c0a9b2e0>, manufacturer:Withings, model:Body+>", "Body+"],
  ])("%s → %s", (device, expected) => {
    expect(normalizeDevice(device)).toBe(expected);
  });

  it("is null when absent and never keeps a memory address", () => {
    expect(normalizeDevice(undefined)).toBeNull();
    expect(normalizeDevice("  ")).toBeNull();
    expect(normalizeDevice("Some Scale 0xdeadbeef")).toBe("Some Scale");
  });

  it("normalizeName turns U+00A0/U+202F into spaces and trims", () => {
    expect(normalizeName("\u00a0Jane’s\u00a0Apple\u202fWatch ")).toBe("Jane’s Apple Watch");
  });
});

describe("inferDeviceType", () => {
  it.each([
    ["Jane’s Apple Watch", null, "watch"],
    ["Health", "Apple Watch (Watch6,1)", "watch"],
    ["Withings", "ScanWatch", "watch"],
    ["Jane’s iPhone", null, "phone"],
    ["Oura", null, "ring"],
    ["Health", "Oura", "ring"],
    ["Withings", null, "scale"],
    ["RENPHO Health", null, "scale"],
    ["eufyLife", null, "scale"],
    ["Fitbit", null, "band"],
    ["WHOOP", null, "band"],
    ["Mi Band 7", null, "band"],
    ["MyFitnessPal", null, "app"],
    ["Spring Running Club", null, "app"],
    ["Strava", "iPhone (iPhone10,6)", "phone"],
  ] as const)("%s / %s → %s", (name, device, expected) => {
    expect(inferDeviceType(name, device)).toBe(expected);
  });
});

describe("toActivityType", () => {
  it.each([
    ["HKWorkoutActivityTypeRunning", "running"],
    ["HKWorkoutActivityTypeHighIntensityIntervalTraining", "hiit"],
    ["HKWorkoutActivityTypeTraditionalStrengthTraining", "traditional_strength_training"],
    ["HKWorkoutActivityTypeMixedCardio", "mixed_cardio"],
    ["HKWorkoutActivityTypeOther", "other"],
    [undefined, "other"],
  ])("%s → %s", (hkType, expected) => {
    expect(toActivityType(hkType)).toBe(expected);
  });
});
