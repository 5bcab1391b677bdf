import { describe, expect, it } from "vitest";
import { deriveIntakeDay, needsPlausibilityCheck } from "../../../../src/domain/intake/intake-day.js";

const noHistory: number[] = [];

describe("deriveIntakeDay", () => {
  it("no entries and no declaration: unlogged, intake unknown (null), not 0", () => {
    expect(deriveIntakeDay({ entryEnergiesKcal: [], declared: null, recentLoggedIntakesKcal: noHistory })).toEqual({
      status: "unlogged",
      declared: false,
      fasted: false,
      intakeKcal: null,
      possiblyPartial: false,
    });
  });

  it("entries without a declaration: logged, judged against the recent median (TV-D9)", () => {
    const history = Array.from({ length: 14 }, () => 2000);
    expect(deriveIntakeDay({ entryEnergiesKcal: [200, 150], declared: null, recentLoggedIntakesKcal: history })).toMatchObject({
      status: "logged",
      intakeKcal: 350,
      possiblyPartial: true,
    });
    expect(deriveIntakeDay({ entryEnergiesKcal: [1000], declared: null, recentLoggedIntakesKcal: history }).possiblyPartial).toBe(false);
    expect(deriveIntakeDay({ entryEnergiesKcal: [799.9], declared: null, recentLoggedIntakesKcal: noHistory }).possiblyPartial).toBe(true);
  });

  it("declared complete trusts the person; declared partial is always possibly partial", () => {
    expect(deriveIntakeDay({ entryEnergiesKcal: [300], declared: "complete", recentLoggedIntakesKcal: noHistory })).toEqual({
      status: "complete",
      declared: true,
      fasted: false,
      intakeKcal: 300,
      possiblyPartial: false,
    });
    expect(deriveIntakeDay({ entryEnergiesKcal: [3000], declared: "partial", recentLoggedIntakesKcal: noHistory })).toMatchObject({
      status: "partial",
      intakeKcal: 3000,
      possiblyPartial: true,
    });
  });

  it("fasted is 0 kcal, also with zero-energy entries (water)", () => {
    for (const entries of [[], [0, 0]]) {
      expect(deriveIntakeDay({ entryEnergiesKcal: entries, declared: "fasted", recentLoggedIntakesKcal: noHistory })).toEqual({
        status: "fasted",
        declared: true,
        fasted: true,
        intakeKcal: 0,
        possiblyPartial: false,
      });
    }
  });

  it("a declaration the entries contradict lies dormant: the day is derived", () => {
    expect(deriveIntakeDay({ entryEnergiesKcal: [0, 450], declared: "fasted", recentLoggedIntakesKcal: noHistory })).toMatchObject({
      status: "logged",
      declared: false,
      fasted: false,
      intakeKcal: 450,
      possiblyPartial: true,
    });
    expect(deriveIntakeDay({ entryEnergiesKcal: [], declared: "complete", recentLoggedIntakesKcal: noHistory })).toMatchObject({
      status: "unlogged",
      declared: false,
      intakeKcal: null,
    });
  });

  it("only undeclared logged days need the history", () => {
    expect(needsPlausibilityCheck({ entryEnergiesKcal: [1], declared: null })).toBe(true);
    expect(needsPlausibilityCheck({ entryEnergiesKcal: [1], declared: "fasted" })).toBe(true);
    expect(needsPlausibilityCheck({ entryEnergiesKcal: [1], declared: "complete" })).toBe(false);
    expect(needsPlausibilityCheck({ entryEnergiesKcal: [], declared: null })).toBe(false);
  });
});
