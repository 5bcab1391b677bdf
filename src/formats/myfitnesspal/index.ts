import { createReadStream } from "node:fs";
import type { FoodLogFormat } from "../contract.js";
import { hasEnergyHeader } from "../food-log/cells.js";
import { parseMyFitnessPalCsv } from "./parse-myfitnesspal.js";

/** MyFitnessPal's nutrition CSV (one row per meal and day). */
export const myFitnessPalCsv: FoodLogFormat = {
  kind: "food-log",
  sniff: {
    csvHeader: (cells) =>
      cells[0] === "date" && cells[1] === "meal" && (cells.includes("calories") || cells.includes("kilojoules") || hasEnergyHeader(cells)),
  },
  async *open(path) {
    yield* parseMyFitnessPalCsv(createReadStream(path));
  },
};
