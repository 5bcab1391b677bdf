import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../src/formats/detect.js";
import { parseMyFitnessPalCsv } from "../../../src/formats/myfitnesspal/parse-myfitnesspal.js";
import { collect, fixtureStream, fixtureText } from "./food-log-test-helpers.js";

const FIXTURE = "hostile/formula-injection-food-log.csv";

describe("hostile/formula-injection-food-log.csv", () => {
  it("is sniffed as a MyFitnessPal-style food log (Date,Meal,… with a Calories column)", () => {
    expect(detectFormat(Buffer.from(fixtureText(FIXTURE)))).toBe("myfitnesspal_csv");
  });

  it("imports formula-looking food names as literal text, never evaluated", async () => {
    const { intakes } = await collect(parseMyFitnessPalCsv(fixtureStream(FIXTURE)));
    // Lines 3 and 4 of the file, cell 3, byte for byte.
    expect(intakes.map((i) => [i.meal, i.name, i.energyKcal])).toEqual([
      ["lunch", "@SUM(1+1)", 600],
      ["dinner", "+cmd|' /C calc'!A0", 700],
    ]);
    expect(intakes.map((i) => i.externalId)).toEqual([
      "mfp-food:2024-03-09:lunch:%40sum(1%2B1):1",
      "mfp-food:2024-03-09:dinner:%2Bcmd%7C'%20%2Fc%20calc'!a0:1",
    ]);
  });

  it("rejects the row whose unquoted HYPERLINK comma shifts the columns, and the negative-energy row", async () => {
    const { rejections } = await collect(parseMyFitnessPalCsv(fixtureStream(FIXTURE)));
    expect(rejections.map((r) => r.where)).toEqual(["line 2", "line 5"]);
    expect(rejections[0]?.reason).toMatch(/5 cells but the header has 4/);
    expect(rejections[1]?.reason).toMatch(/-150 kcal is outside/);
  });
});
