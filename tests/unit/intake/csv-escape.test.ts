import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { escapeCsvCell, toCsvLine } from "../../../src/lib/csv-escape.js";

describe("escapeCsvCell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(1+1)", "'@SUM(1+1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "\"'\r'=1\""],
    ["\rx", "\"'\rx\""],
    ["  =1", "'  =1"],
    ["\u00a0=1", "'\u00a0=1"],
    ["\u00a0\u00a0@x", "'\u00a0\u00a0@x"],
    ["\tplain", "'\tplain"],
  ])("neutralizes a formula trigger: %j → %j", (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  it.each([
    ["Oats", "Oats"],
    ["a=b", "a=b"],
    ["email@example.com", "email@example.com"],
    ["", ""],
  ])("leaves ordinary text alone: %j", (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  it("quotes per RFC 4180 after neutralizing", () => {
    expect(escapeCsvCell('Oats, "rolled"')).toBe('"Oats, ""rolled"""');
    expect(escapeCsvCell('=HYPERLINK("http://example.invalid","oats")')).toBe('"\'=HYPERLINK(""http://example.invalid"",""oats"")"');
  });

  it("checks every line of a multi-line cell", () => {
    expect(escapeCsvCell("note\n=cmd")).toBe("\"note\n'=cmd\"");
    expect(escapeCsvCell("note\r\n \u00a0+cmd\rok\r@x")).toBe("\"note\r\n' \u00a0+cmd\rok\r'@x\"");
  });

  it("writes numbers, booleans and nulls as values (a formatted number cannot be a formula)", () => {
    expect([escapeCsvCell(-150), escapeCsvCell(1050.5), escapeCsvCell(true), escapeCsvCell(null), escapeCsvCell(undefined)]).toEqual([
      "-150",
      "1050.5",
      "true",
      "",
      "",
    ]);
  });
});

describe("toCsvLine", () => {
  it("joins escaped cells with commas and ends with CRLF", () => {
    expect(toCsvLine(["2024-03-09", "Snack", "-2+3", -150])).toBe("2024-03-09,Snack,'-2+3,-150\r\n");
  });

  it("round-trips through a real CSV parser: every cell comes back, dangerous ones behind a quote", () => {
    const cells = ['=HYPERLINK("http://example.invalid","oats")', "a,b", "line1\nline2", "@SUM(1+1)", "plain"];
    const [parsed] = parse(toCsvLine(cells)) as string[][];
    expect(parsed).toEqual(["'" + cells[0], "a,b", "line1\nline2", "'@SUM(1+1)", "plain"]);
  });
});
