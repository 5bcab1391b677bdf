import { describe, expect, it } from "vitest";
import { weeksAffectedByDay, weeksAffectedByRange } from "../../../src/domain/projections/affected-weeks.js";
import { contiguousRanges } from "../../../src/jobs/recompute.js";
import { datesBetween } from "../../../src/lib/calendar.js";

describe("range recompute grouping", () => {
  it("groups sorted dates into contiguous runs of at most maxDays, across month ends and gaps", () => {
    const dates = [...datesBetween("2026-01-01", "2026-02-05"), "2026-02-07", "2026-02-08", "2026-03-01"];
    expect(contiguousRanges(dates, 31)).toEqual([
      { from: "2026-01-01", to: "2026-01-31" },
      { from: "2026-02-01", to: "2026-02-05" },
      { from: "2026-02-07", to: "2026-02-08" },
      { from: "2026-03-01", to: "2026-03-01" },
    ]);
    expect(datesBetween("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(datesBetween("2026-03-02", "2026-03-01")).toEqual([]);
  });

  it("a range's weeks are the union of its days' weeks", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    const union = new Set(datesBetween("2026-09-03", "2026-10-04").flatMap((d) => weeksAffectedByDay(d, now)));
    expect(weeksAffectedByRange("2026-09-03", "2026-10-04", now)).toEqual([...union].sort());
  });
});
