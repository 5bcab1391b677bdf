import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intakeDayStatuses, intakeEntries } from "../../../src/db/schema/index.js";
import { parseCronometerDailySummaryCsv } from "../../../src/formats/cronometer/parse-daily-summary.js";
import { parseCronometerServingsCsv } from "../../../src/formats/cronometer/parse-servings.js";
import { parseMyFitnessPalCsv } from "../../../src/formats/myfitnesspal/parse-myfitnesspal.js";
import { importIntakeEvents } from "../../../src/modules/intake/intake-import.service.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness, readJson } from "../../helpers/harness.js";
import type { DayStatusBody } from "./intake-test-kit.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/nutrition/", import.meta.url));
let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00.000Z") });
});
afterAll(async () => {
  await h.close();
});

const csv = (text: string) => Readable.from([Buffer.from(text, "utf8")]);
const rowsOf = (userId: string) => h.deps.db.select().from(intakeEntries).where(eq(intakeEntries.userId, userId)).orderBy(intakeEntries.externalId);
async function statusOf(userId: string, localDate: string) {
  const [row] = await h.deps.db
    .select()
    .from(intakeDayStatuses)
    .where(and(eq(intakeDayStatuses.userId, userId), eq(intakeDayStatuses.localDate, localDate)));
  return row?.status;
}

describe("importIntakeEvents", () => {
  it("writes a MyFitnessPal export at local noon in the user's zone, once, however often it is imported", async () => {
    const user = await h.createUser({ time_zone: "America/New_York" });
    const ctx = { userId: user.id, importId: "imp_00000000000000000000mfp001", timeZone: "America/New_York" };
    const first = await importIntakeEvents(h.deps, ctx, parseMyFitnessPalCsv(createReadStream(`${FIXTURES}dawndrain__myfitnesspal.csv`)));
    expect([...first.localDates]).toEqual(["2025-03-06"]);
    expect(first.parsedByType).toEqual(new Map([["intake", 3]]));
    expect(first.rejected).toEqual([]);
    const rows = await rowsOf(user.id);
    expect(rows.map((r) => [r.meal, r.energyKcal, r.proteinG])).toEqual([
      ["breakfast", 214.5, 18.6],
      ["dinner", 285, 8],
      ["lunch", 750, 25],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ origin: "import", importId: ctx.importId, localDate: "2025-03-06", utcOffsetMin: -300 });
      expect(r.consumedAt.toISOString()).toBe("2025-03-06T17:00:00.000Z");
    }

    const changed = "Date,Meal,Calories,Fat (g),Carbohydrates (g),Protein (g)\n2025-03-06,Lunch,800,15,55,25\n";
    const again = await importIntakeEvents(h.deps, { ...ctx, importId: "imp_00000000000000000000mfp002" }, parseMyFitnessPalCsv(csv(changed)));
    expect([...again.localDates]).toEqual(["2025-03-06"]);
    const after = await rowsOf(user.id);
    expect(after).toHaveLength(3);
    expect(after.find((r) => r.meal === "lunch")).toMatchObject({ id: rows[2]?.id, energyKcal: 800, importId: ctx.importId });

    // Corrected by hand, then the same export again: the correction stays.
    const fixed = await h.request(`/v1/intake/${rows[2]?.id}`, { method: "PATCH", key: user.apiKey, json: { energy_kcal: 640 } });
    expect(fixed.status).toBe(200);
    expect(await readJson<{ origin: string; import_id: string | null }>(fixed)).toMatchObject({ origin: "api", import_id: null });
    const third = await importIntakeEvents(h.deps, { ...ctx, importId: "imp_00000000000000000000mfp003" }, parseMyFitnessPalCsv(csv(changed)));
    expect([...third.localDates]).toEqual([]);
    expect((await rowsOf(user.id)).find((r) => r.id === rows[2]?.id)).toMatchObject({ energyKcal: 640, origin: "api" });
  });

  it("applies Cronometer's Completed column as the day status", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin" });
    const ctx = { userId: user.id, importId: "imp_0000000000000000000cron001", timeZone: "Europe/Berlin" };
    const events = parseCronometerDailySummaryCsv(createReadStream(`${FIXTURES}dawndrain__cronometer_dailysummary.csv`));
    const result = await importIntakeEvents(h.deps, ctx, events);
    expect(result.parsedByType).toEqual(
      new Map([
        ["intake", 1],
        ["day_status", 1],
      ]),
    );
    expect(await statusOf(user.id, "2025-03-06")).toBe("partial");
    const res = await h.request("/v1/days/2025-03-06/intake-status", { key: user.apiKey });
    expect(await readJson<DayStatusBody>(res)).toEqual({
      date: "2025-03-06",
      status: "partial",
      declared: true,
      entries: 1,
      intake_kcal: 1477, // 1477.23 kcal in the file, answered to 1 kcal
      possibly_partial: true,
    });
  });

  it("never overrides a status or an entry the person set through the API", async () => {
    const user = await h.createUser();
    const post = await h.request("/v1/intake", {
      method: "POST",
      key: user.apiKey,
      json: { consumed_at: "2025-03-07T12:00:00Z", energy_kcal: 2100, external_id: "cronometer-day:2025-03-07" },
    });
    expect(post.status).toBe(201);
    await h.request("/v1/intake", { method: "POST", key: user.apiKey, json: { consumed_at: "2025-03-08T12:00:00Z", energy_kcal: 1 } });
    for (const date of ["2025-03-07", "2025-03-08"]) {
      const put = await h.request(`/v1/days/${date}/intake-status`, { method: "PUT", key: user.apiKey, json: { status: "complete" } });
      expect(put.status).toBe(200);
    }

    const summary =
      "Date,Energy (kcal),Carbs (g),Fat (g),Protein (g),Completed\n2025-03-07,1500,1,1,1,false\n2025-03-08,1800,1,1,1,false\n2025-03-09,1900,1,1,1,true\n";
    const ctx = { userId: user.id, importId: "imp_0000000000000000000cron002", timeZone: "UTC" };
    const result = await importIntakeEvents(h.deps, ctx, parseCronometerDailySummaryCsv(csv(summary)));
    expect([...result.localDates].sort()).toEqual(["2025-03-08", "2025-03-09"]);
    const rows = await rowsOf(user.id);
    expect(rows.find((r) => r.externalId === "cronometer-day:2025-03-07")).toMatchObject({ energyKcal: 2100, origin: "api", importId: null });
    expect(rows.find((r) => r.externalId === "cronometer-day:2025-03-08")).toMatchObject({ energyKcal: 1800, origin: "import" });
    expect(await statusOf(user.id, "2025-03-07")).toBe("complete");
    expect(await statusOf(user.id, "2025-03-08")).toBe("complete");
    expect(await statusOf(user.id, "2025-03-09")).toBe("complete");
  });

  it("uses each serving's own time and the zone's offset at that moment, and rejects future rows and parser rejections", async () => {
    const user = await h.createUser();
    const servings = [
      "Day,Time,Group,Food Name,Energy (kcal),Protein (g),Carbs (g),Fat (g)",
      "2025-03-29,23:30,Dinner,Late snack,200,1,2,3",
      "2025-03-30,09:15,Breakfast,Oats,350,10,60,6",
      "2025-03-30,09:20,Breakfast,Coffee,lots,0,0,0",
      "2026-12-01,08:00,Breakfast,From the future,100,1,1,1",
    ].join("\n");
    const ctx = { userId: user.id, importId: "imp_0000000000000000000serv001", timeZone: "Europe/Berlin" };
    const result = await importIntakeEvents(h.deps, ctx, parseCronometerServingsCsv(csv(servings)));
    expect([...result.localDates].sort()).toEqual(["2025-03-29", "2025-03-30"]);
    expect(result.rejected.map((r) => r.recordType)).toEqual(["cronometer_serving", "intake"]);
    expect(result.rejected[1]?.reason).toMatch(/24 h in the future/);
    const rows = await rowsOf(user.id);
    expect(rows.map((r) => [r.name, r.localDate, r.utcOffsetMin, r.consumedAt.toISOString()]).sort()).toEqual([
      ["Late snack", "2025-03-29", 60, "2025-03-29T22:30:00.000Z"],
      ["Oats", "2025-03-30", 120, "2025-03-30T07:15:00.000Z"],
    ]);
  });
});
