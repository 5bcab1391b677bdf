import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../src/formats/contract.js";
import { parseMyFitnessPalCsv } from "../../../src/formats/myfitnesspal/parse-myfitnesspal.js";
import { chunkedStream, collect, fixtureStream, fixtureText, naiveColumnSumByDate, sumByDate } from "./food-log-test-helpers.js";

const MFP_FIXTURE = "nutrition/dawndrain__myfitnesspal.csv";
const HEADER =
  "Date,Meal,Calories,Fat (g),Saturated Fat,Polyunsaturated Fat,Monounsaturated Fat,Trans Fat,Cholesterol,Sodium (mg),Potassium,Carbohydrates (g),Fiber,Sugar,Protein (g),Vitamin A,Vitamin C,Calcium,Iron,Note";

function row(date: string, meal: string, calories: string, fatG = "10.0", carbsG = "20.0", proteinG = "30.0"): string {
  return [date, meal, calories, fatG, "0", "0", "0", "0", "0", "0", "0", carbsG, "0", "0", proteinG, "0", "0", "0", "0", ""].join(",");
}

describe("parseMyFitnessPalCsv on the collected export (dawndrain)", () => {
  it("reads its 3 meal rows for 2025-03-06 with their macros", async () => {
    const { intakes, rejections, statuses } = await collect(parseMyFitnessPalCsv(fixtureStream(MFP_FIXTURE)));
    expect(rejections).toEqual([]);
    expect(statuses).toEqual([]);
    // Hand-copied from the file: Breakfast 214.5 kcal (fat 14.9, carbs 1.4, protein 18.6), Dinner 285.0, Lunch 750.0.
    expect(intakes).toEqual([
      {
        localDate: "2025-03-06",
        localTime: null,
        meal: "breakfast",
        name: null,
        energyKcal: 214.5,
        fatG: 14.9,
        carbsG: 1.4,
        proteinG: 18.6,
        externalId: "mfp:2025-03-06:breakfast",
      },
      {
        localDate: "2025-03-06",
        localTime: null,
        meal: "dinner",
        name: null,
        energyKcal: 285,
        fatG: 2,
        carbsG: 14,
        proteinG: 8,
        externalId: "mfp:2025-03-06:dinner",
      },
      {
        localDate: "2025-03-06",
        localTime: null,
        meal: "lunch",
        name: null,
        energyKcal: 750,
        fatG: 15,
        carbsG: 55,
        proteinG: 25,
        externalId: "mfp:2025-03-06:lunch",
      },
    ]);
  });

  it("gives the same per-day energy as a naive line-and-comma reading, and as the hand sum 1249.5 kcal", async () => {
    const { intakes } = await collect(parseMyFitnessPalCsv(fixtureStream(MFP_FIXTURE)));
    const naive = naiveColumnSumByDate(fixtureText(MFP_FIXTURE), "Date", "Calories");
    expect(naive.get("2025-03-06")).toBeCloseTo(214.5 + 285.0 + 750.0, 9);
    expect([...sumByDate(intakes)]).toEqual([...naive]);
  });

  it("is idempotent: a second import of the same bytes yields the same external ids", async () => {
    const first = await collect(parseMyFitnessPalCsv(fixtureStream(MFP_FIXTURE)));
    const second = await collect(parseMyFitnessPalCsv(chunkedStream(fixtureText(MFP_FIXTURE), 5)));
    expect(second.intakes).toEqual(first.intakes);
    expect(new Set(first.intakes.map((i) => i.externalId)).size).toBe(3);
  });
});

describe("parseMyFitnessPalCsv on reported quirks", () => {
  it("strips a BOM, reads CRLF, quoted thousands separators, and ignores a trailing Totals row", async () => {
    const text = `\ufeff${HEADER}\r\n${row("2024-05-01", "Dinner", '"1,050"')}\r\n${row("2024-05-01", "Snacks", "150.5")}\r\nTotals,,"1,200.5",20,0,0,0,0,0,0,0,40,0,0,60,0,0,0,0,\r\n`;
    const { intakes, rejections } = await collect(parseMyFitnessPalCsv(chunkedStream(text, 3)));
    expect(rejections).toEqual([]);
    expect(intakes.map((i) => [i.meal, i.energyKcal])).toEqual([
      ["dinner", 1050],
      ["snack", 150.5],
    ]);
  });

  it("rejects invalid dates and energy outside 0..20000 kcal per line, keeping the good rows", async () => {
    const lines = [
      HEADER,
      row("2024-02-30", "Lunch", "500"),
      row("05/01/2024", "Lunch", "500"),
      row("2024-05-01", "Lunch", "20001"),
      row("2024-05-01", "Dinner", "-1"),
      row("2024-05-01", "Breakfast", "abc"),
      row("2024-05-01", "Snacks", "0"),
      row("2024-05-01", "Breakfast", "20000", "-3"),
    ];
    const { intakes, rejections } = await collect(parseMyFitnessPalCsv(Readable.from(lines.join("\n"))));
    expect(intakes.map((i) => i.energyKcal)).toEqual([0]);
    expect(rejections.map((r) => r.where)).toEqual(["line 2", "line 3", "line 4", "line 5", "line 6", "line 8"]);
    expect(rejections[0]?.reason).toMatch(/2024-02-30.*not a valid/);
    expect(rejections[2]?.reason).toMatch(/20001 kcal is outside 0\.\.20000/);
    expect(rejections[5]?.reason).toMatch(/fat/);
  });

  it("converts a kilojoule column to kcal", async () => {
    const text = 'Date,Meal,Kilojoules,Protein (g)\n2024-05-01,Lunch,4184,12\n2024-05-01,Dinner,"2,092",\n';
    const { intakes } = await collect(parseMyFitnessPalCsv(Readable.from(text)));
    expect(intakes.map((i) => [i.energyKcal, i.proteinG])).toEqual([
      [1000, 12],
      [500, null],
    ]);
  });

  it("keeps custom meal names in the id but not as a meal, and numbers repeated meal rows", async () => {
    const text = `${HEADER}\n${row("2024-05-01", "Pre: workout", "100")}\n${row("2024-05-01", "Pre: workout", "50")}\n`;
    const { intakes } = await collect(parseMyFitnessPalCsv(Readable.from(text)));
    expect(intakes.map((i) => [i.meal, i.externalId])).toEqual([
      [null, "mfp:2024-05-01:pre%3A%20workout"],
      [null, "mfp:2024-05-01:pre%3A%20workout:2"],
    ]);
  });

  it("reports the starting line of a record whose quoted note spans lines", async () => {
    const note = (r: string): string => r.replace(/,$/, ',"two\nlines"');
    const text = [HEADER, note(row("2024-05-01", "Lunch", "x")), note(row("2024-05-01", "Dinner", "100")), row("2024-05-01", "Snack", "y")];
    const { intakes, rejections } = await collect(parseMyFitnessPalCsv(Readable.from(text.join("\n"))));
    expect(intakes).toHaveLength(1);
    expect(rejections.map((r) => r.where)).toEqual(["line 2", "line 6"]);
  });

  it('reads a UTF-16LE file with its BOM (Excel\'s "Unicode text" save)', async () => {
    const text = 'Date,Meal,Calories\r\n2024-05-01,Lunch,"1,050"\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const { intakes } = await collect(parseMyFitnessPalCsv(chunkedStream(bytes, 5)));
    expect(intakes.map((i) => [i.meal, i.energyKcal])).toEqual([["lunch", 1050]]);
  });

  it("strips a BOM in front of a quoted header", async () => {
    const text = `\ufeff"Date","Meal","Calories"\r\n2024-05-01,Lunch,100\r\n`;
    const { intakes } = await collect(parseMyFitnessPalCsv(Readable.from(text)));
    expect(intakes.map((i) => i.energyKcal)).toEqual([100]);
  });
});

describe("parseMyFitnessPalCsv refuses files it cannot read", () => {
  async function errorOf(input: Readable, opts = {}): Promise<ParseError> {
    const err: unknown = await collect(parseMyFitnessPalCsv(input, opts)).catch((e: unknown) => e);
    if (!(err instanceof ParseError)) throw new Error(`expected a ParseError, got ${String(err)}`);
    return err;
  }

  it("an empty file", async () => {
    expect((await errorOf(Readable.from([Buffer.alloc(0)]))).code).toBe("EMPTY_FILE");
    expect((await errorOf(Readable.from("\ufeff\r\n\r\n"))).code).toBe("EMPTY_FILE");
  });

  it("a header without Date, Meal and Calories", async () => {
    const err = await errorOf(Readable.from("Day,Time,Group,Food Name\n"));
    expect(err.code).toBe("CSV_INVALID");
    expect(err.message).toMatch(/Date, Meal and Calories/);
  });

  it("a record larger than the cap (no unbounded buffering)", async () => {
    const huge = `${HEADER}\n2024-05-01,Lunch,100,${"x".repeat(70_000)}\n`;
    const err = await errorOf(Readable.from(huge));
    expect(err.code).toBe("CSV_INVALID");
    expect(err.message).toMatch(/MAX_RECORD_SIZE/);
  });

  it("a header wider than the column cap", async () => {
    const wide = `Date,Meal,Calories,${Array.from({ length: 300 }, (_, i) => `c${i}`).join(",")}\n`;
    expect((await errorOf(Readable.from(wide))).code).toBe("CSV_INVALID");
    expect((await errorOf(Readable.from(`${HEADER}\n`), { maxColumns: 5 })).message).toMatch(/20 columns \(limit 5\)/);
  });
});

describe("parseMyFitnessPalCsv stream lifecycle", () => {
  it("destroys the input when the consumer stops early (no file handle left open)", async () => {
    const lines = [HEADER, ...Array.from({ length: 1000 }, (_, i) => row("2024-05-01", `Meal ${i}`, "10"))];
    const input = chunkedStream(lines.join("\n"), 64);
    for await (const event of parseMyFitnessPalCsv(input)) {
      expect(event.kind).toBe("intake");
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(input.destroyed).toBe(true);
  });

  it("surfaces a read error of the input instead of ending quietly", async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${HEADER}\n${row("2024-05-01", "Lunch", "100")}\n`);
      throw new Error("disk read failed");
    }
    await expect(collect(parseMyFitnessPalCsv(Readable.from(failing())))).rejects.toThrow("disk read failed");
  });
});
