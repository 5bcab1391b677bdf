import { createReadStream } from "node:fs";
import type { FoodLogFormat } from "../contract.js";
import { hasEnergyHeader } from "../food-log/cells.js";
import { parseCronometerDailySummaryCsv } from "./parse-daily-summary.js";
import { parseCronometerServingsCsv } from "./parse-servings.js";

/** Cronometer's "Food & Recipe Entries" export: one row per serving. */
export const cronometerServingsCsv: FoodLogFormat = {
  kind: "food-log",
  sniff: { csvHeader: (cells) => cells.slice(0, 4).join(",") === "day,time,group,food name" },
  async *open(path) {
    yield* parseCronometerServingsCsv(createReadStream(path));
  },
};

/** Cronometer's "Daily Nutrition" export: one row per day, with its Completed flag. */
export const cronometerDailySummaryCsv: FoodLogFormat = {
  kind: "food-log",
  sniff: { csvHeader: (cells) => cells.includes("date") && hasEnergyHeader(cells) && cells.includes("completed") },
  async *open(path) {
    yield* parseCronometerDailySummaryCsv(createReadStream(path));
  },
};
