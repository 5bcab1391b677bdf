import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAppleDate } from "../../../src/formats/apple-health/dates.js";
import { inferDeviceType } from "../../../src/formats/apple-health/infer-device-type.js";
import { normalizeDevice, normalizeName, toSourceRef } from "../../../src/formats/apple-health/source.js";
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

describe("parseAppleDate's common-shape path", () => {
  // A leading space sends the same text through the general (regex) path: both must agree on every input of
  // Apple's shape, valid or not (days past the month's end, hour 24, offsets past 14 h or with minutes ≥ 60).
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));
  const appleShaped = fc
    .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), fc.constantFrom("+", "-"), digits(4))
    .map(([y, mo, d, h, mi, s, sign, off]) => `${y}-${mo}-${d} ${h}:${mi}:${s} ${sign}${off}`);
  it("answers what the general path answers", () => {
    fc.assert(
      fc.property(appleShaped, (text) => {
        expect(parseAppleDate(text, null)).toEqual(parseAppleDate(` ${text}`, null));
      }),
      { numRuns: 5000 },
    );
  });

  it("reads realistic dates the same way too", () => {
    const realistic = fc
      .tuple(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.integer({ min: -48, max: 56 }))
      .map(([ms, quarters]) => {
        const offsetMin = quarters * 15;
        const wall = new Date(ms + offsetMin * 60_000).toISOString();
        const abs = Math.abs(offsetMin);
        const off = `${offsetMin < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
        return { text: `${wall.slice(0, 10)} ${wall.slice(11, 19)} ${off}`, epochMs: Math.floor(ms / 1000) * 1000, offsetMin };
      });
    fc.assert(
      fc.property(realistic, ({ text, epochMs, offsetMin }) => {
        expect(parseAppleDate(text, null)).toEqual({ epochMs, utcOffsetMin: offsetMin });
        expect(parseAppleDate(` ${text}`, null)).toEqual({ epochMs, utcOffsetMin: offsetMin });
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves other shapes to the general path", () => {
    expect(parseAppleDate("0099-01-01 00:00:00 +0000", null)?.epochMs).toBe(new Date("0099-01-01T00:00:00Z").getTime());
    expect(parseAppleDate("2024-01-01 00:00:00 +0100 ", null)?.utcOffsetMin).toBe(60);
    expect(parseAppleDate("2024-01-01 00:00:00 *0100", null)).toBeNull();
    expect(parseAppleDate("2024-01-01x00:00:00 +0100", null)).toBeNull();
  });
});

describe("toSourceRef", () => {
  const device = (address: string, hardware = "Watch6,2") =>
    `<<HKDevice: 0x${address}>, name:Apple\u00a0Watch, manufacturer:Apple Inc., model:Watch, hardware:${hardware}, software:10.2>`;

  it("gives the same source whatever the device's memory address, as building it afresh would", () => {
    const a = toSourceRef("Jane\u2019s Apple\u00a0Watch", device("283a6c0f0"), false);
    const b = toSourceRef("Jane\u2019s Apple\u00a0Watch", device("1c0a9b2e0"), false);
    expect(b).toBe(a);
    expect(a).toEqual({
      name: "Jane\u2019s Apple Watch",
      deviceType: inferDeviceType("Jane\u2019s Apple Watch", "Apple Watch (Watch6,2)"),
      device: "Apple Watch (Watch6,2)",
    });
  });

  it("tells apart what differs after the address, hand entry, and addresses that are not one", () => {
    const watch = toSourceRef("Jane", device("abc"), false);
    expect(toSourceRef("Jane", device("abc", "Watch4,2"), false).device).toBe("Apple Watch (Watch4,2)");
    expect(toSourceRef("Jane", device("abc"), true)).toEqual({ ...watch, deviceType: "manual" });
    expect(toSourceRef("Jane", "<<HKDevice: 0xzz>, name:Scale>", false).device).toBe(normalizeDevice("<<HKDevice: 0xzz>, name:Scale>"));
    expect(toSourceRef("Jane", "Some Scale 0xdeadbeef", false).device).toBe("Some Scale");
    expect(toSourceRef(undefined, undefined, false)).toEqual({
      name: "Unknown source",
      deviceType: inferDeviceType("Unknown source", null),
      device: null,
    });
  });

  it("is frozen, so no reader can change the shared object", () => {
    expect(Object.isFrozen(toSourceRef("Jane", device("1"), false))).toBe(true);
  });
});
