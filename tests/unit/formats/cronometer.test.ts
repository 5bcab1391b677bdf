import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseCronometerDailySummaryCsv } from "../../../src/formats/cronometer/parse-daily-summary.js";
import { parseCronometerServingsCsv } from "../../../src/formats/cronometer/parse-servings.js";
import { chunkedStream, collect, fixtureStream, fixtureText, naiveColumnSumByDate, sumByDate } from "./food-log-test-helpers.js";

const DAILY_FIXTURE = "nutrition/dawndrain__cronometer_dailysummary.csv";

describe("parseCronometerDailySummaryCsv on the collected export (dawndrain)", () => {
  it("reads its one day, 1477.23 kcal, and surfaces Completed=false as a partial day", async () => {
    const { intakes, rejections, statuses } = await collect(parseCronometerDailySummaryCsv(fixtureStream(DAILY_FIXTURE)));
    expect(rejections).toEqual([]);
    // Hand-copied from the file: Energy (kcal) 1477.23, Protein (g) 102.79, Carbs (g) 145.47, Fat (g) 54.19, Completed false.
    expect(intakes).toEqual([
      {
        localDate: "2025-03-06",
        localTime: null,
        meal: null,
        name: null,
        energyKcal: 1477.23,
        proteinG: 102.79,
        carbsG: 145.47,
        fatG: 54.19,
        externalId: "cronometer-day:2025-03-06",
      },
    ]);
    expect(statuses).toEqual([{ kind: "day-status", localDate: "2025-03-06", status: "partial", completed: false }]);
  });

  it("agrees with a naive line-and-comma reading of the same file, fed in 11-byte chunks (splits the UTF-8 µ)", async () => {
    const text = fixtureText(DAILY_FIXTURE);
    const { intakes } = await collect(parseCronometerDailySummaryCsv(chunkedStream(text, 11)));
    expect([...sumByDate(intakes)]).toEqual([...naiveColumnSumByDate(text, "Date", "Energy (kcal)")]);
  });
});

describe("parseCronometerDailySummaryCsv on other shapes", () => {
  const header = "Date,Energy (kcal),Carbs (g),Fat (g),Protein (g),Completed";

  it("marks complete days, leaves the status out when the flag is blank, and rejects a repeated date", async () => {
    const text = `${header}\n2024-01-01,2100,250,70,120,true\n2024-01-02,1800,,,,\n2024-01-01,900,1,1,1,true\n`;
    const { intakes, rejections, statuses } = await collect(parseCronometerDailySummaryCsv(Readable.from(text)));
    expect(intakes.map((i) => [i.externalId, i.energyKcal, i.carbsG])).toEqual([
      ["cronometer-day:2024-01-01", 2100, 250],
      ["cronometer-day:2024-01-02", 1800, null],
    ]);
    expect(statuses.map((s) => [s.localDate, s.status])).toEqual([["2024-01-01", "complete"]]);
    expect(rejections).toEqual([
      { where: "line 4", reason: "the date 2024-01-01 already appeared earlier in the file", recordType: "cronometer_day" },
    ]);
  });

  it("converts Energy (kJ) to kcal", async () => {
    const text = "Date,Energy (kJ),Completed\n2024-01-01,8368.00,true\n";
    const { intakes } = await collect(parseCronometerDailySummaryCsv(Readable.from(text)));
    expect(intakes.map((i) => i.energyKcal)).toEqual([2000]);
  });
});

// servings.csv was not collected; this follows docs/formats.md §16 and the column names of Cronometer's web export.
const SERVINGS = [
  "Day,Time,Group,Food Name,Amount,Energy (kcal),Alcohol (g),Caffeine (mg),Water (g),Carbs (g),Fiber (g),Fat (g),Protein (g),Category",
  '2024-01-15,08:00,Breakfast,"Oats, Rolled, Dry",58.00 g,221.84,0.00,0.00,5.63,39.17,5.86,3.94,7.70,Breakfast Cereals',
  '2024-01-15,08:00,Breakfast,"Milk, 2%",244.00 ml,121.76,0.00,0.00,218.45,11.71,0.00,4.81,8.05,Dairy and Egg Products',
  "2024-01-15,12:30 PM,Lunch,Chicken Breast,150.00 g,247.50,0.00,0.00,97.50,0.00,0.00,5.36,46.50,Poultry Products",
  "2024-01-15,9:15 PM,Snacks,Espresso,30.00 g,2.70,0.00,63.90,29.30,0.00,0.00,0.05,0.04,Beverages",
  "2024-01-15,9:15 PM,Snacks,Espresso,30.00 g,2.70,0.00,63.90,29.30,0.00,0.00,0.05,0.04,Beverages",
  "2024-01-16,,Uncategorized,Apple,182.00 g,94.64,0.00,0.00,155.72,25.13,4.37,0.31,0.47,Fruits",
  "2024-01-16,7:05\u202fam,Breakfast,Tea,250.00 ml,2.50,0.00,47.00,249.00,0.70,0.00,0.00,0.00,Beverages",
  "2024-01-16,25:00,Lunch,Rice,100.00 g,130.00,0.00,0.00,68.00,28.00,0.40,0.30,2.70,Cereal Grains",
  "2024-01-16,13:00,Lunch,Rice,100.00 g,25000,0.00,0.00,68.00,28.00,0.40,0.30,2.70,Cereal Grains",
].join("\r\n");

describe("parseCronometerServingsCsv", () => {
  it("reads servings with 24 h and 12 h times, meals from Group, and literal food names", async () => {
    const { intakes, rejections } = await collect(parseCronometerServingsCsv(Readable.from(SERVINGS)));
    expect(intakes.map((i) => [i.localDate, i.localTime, i.meal, i.name, i.energyKcal])).toEqual([
      ["2024-01-15", "08:00", "breakfast", "Oats, Rolled, Dry", 221.84],
      ["2024-01-15", "08:00", "breakfast", "Milk, 2%", 121.76],
      ["2024-01-15", "12:30", "lunch", "Chicken Breast", 247.5],
      ["2024-01-15", "21:15", "snack", "Espresso", 2.7],
      ["2024-01-15", "21:15", "snack", "Espresso", 2.7],
      ["2024-01-16", null, null, "Apple", 94.64],
      ["2024-01-16", "07:05", "breakfast", "Tea", 2.5],
    ]);
    expect(rejections.map((r) => r.where)).toEqual(["line 9", "line 10"]);
    expect(rejections[0]?.reason).toMatch(/time "25:00"/);
  });

  it("gives identical servings distinct, stable external ids (n-th duplicate)", async () => {
    const first = await collect(parseCronometerServingsCsv(Readable.from(SERVINGS)));
    const second = await collect(parseCronometerServingsCsv(chunkedStream(SERVINGS, 13)));
    const ids = first.intakes.map((i) => i.externalId);
    expect(ids[0]).toBe("cronometer-serving:2024-01-15:08:00:oats%2C%20rolled%2C%20dry:1");
    expect(ids.slice(3, 5)).toEqual(["cronometer-serving:2024-01-15:21:15:espresso:1", "cronometer-serving:2024-01-15:21:15:espresso:2"]);
    expect(ids[5]).toBe("cronometer-serving:2024-01-16::apple:1");
    expect(new Set(ids).size).toBe(ids.length);
    expect(second.intakes.map((i) => i.externalId)).toEqual(ids);
  });

  it("sums per day to what the hand-added servings give", async () => {
    const { intakes } = await collect(parseCronometerServingsCsv(Readable.from(SERVINGS)));
    const totals = sumByDate(intakes);
    expect(totals.get("2024-01-15")).toBeCloseTo(221.84 + 121.76 + 247.5 + 2.7 + 2.7, 9);
    expect(totals.get("2024-01-16")).toBeCloseTo(94.64 + 2.5, 9);
  });
});
