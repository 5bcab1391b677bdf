import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intakeDayStatuses, intakeEntries } from "../../../src/db/schema/index.js";
import { newId } from "../../../src/lib/ids.js";
import { intakeForDay } from "../../../src/modules/intake/day-status.service.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { type DayStatusBody, type IntakeEntryBody, takeRecomputeDates } from "./intake-test-kit.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00.000Z") });
});
afterAll(async () => {
  await h.close();
});

const statusUrl = (date: string) => `/v1/days/${date}/intake-status`;
const getStatus = async (user: TestUser, date: string) => {
  const res = await h.request(statusUrl(date), { key: user.apiKey });
  expect(res.status).toBe(200);
  return readJson<DayStatusBody>(res);
};
const putStatus = (user: TestUser, date: string, json: unknown) => h.request(statusUrl(date), { method: "PUT", key: user.apiKey, json });
const logKcal = async (user: TestUser, date: string, ...kcals: number[]) => {
  const entries = kcals.map((energy_kcal, i) => ({ consumed_at: `${date}T${String(8 + i).padStart(2, "0")}:00:00+01:00`, energy_kcal }));
  const res = await h.request("/v1/intake", { method: "POST", key: user.apiKey, json: { entries } });
  expect(res.status).toBe(201);
};
const postIntake = (user: TestUser, json: unknown) => h.request("/v1/intake", { method: "POST", key: user.apiKey, json });
const patchIntake = (user: TestUser, id: string, json: unknown) => h.request(`/v1/intake/${id}`, { method: "PATCH", key: user.apiKey, json });
const entriesOf = (userId: string) => h.deps.db.select().from(intakeEntries).where(eq(intakeEntries.userId, userId));
async function declaredRow(userId: string, date: string) {
  const [row] = await h.deps.db
    .select()
    .from(intakeDayStatuses)
    .where(and(eq(intakeDayStatuses.userId, userId), eq(intakeDayStatuses.localDate, date)));
  return row;
}

describe("derived day status", () => {
  it("a day without entries is unlogged: intake unknown (null), never 0", async () => {
    const user = await h.createUser();
    expect(await getStatus(user, "2026-11-10")).toEqual({
      date: "2026-11-10",
      status: "unlogged",
      declared: false,
      entries: 0,
      intake_kcal: null,
      possibly_partial: false,
    });
  });

  it("a day with entries is logged with their total", async () => {
    const user = await h.createUser();
    await logKcal(user, "2026-11-10", 1200, 900.5);
    expect(await getStatus(user, "2026-11-10")).toEqual({
      date: "2026-11-10",
      status: "logged",
      declared: false,
      entries: 2,
      intake_kcal: 2101, // 2100.5 kcal logged, answered to 1 kcal
      possibly_partial: false,
    });
  });

  it("flags a logged day below max(800, half the median of the last 14 logged days) as possibly partial", async () => {
    const user = await h.createUser();
    // 14 earlier days at 2000 kcal (median 2000 → threshold 1000), plus one declared-partial day that must not count.
    for (let day = 1; day <= 14; day++) await logKcal(user, `2026-10-${String(day).padStart(2, "0")}`, 2000);
    await logKcal(user, "2026-10-15", 100);
    expect((await putStatus(user, "2026-10-15", { status: "partial" })).status).toBe(200);
    await logKcal(user, "2026-10-16", 999);
    await logKcal(user, "2026-10-17", 1000);
    expect(await getStatus(user, "2026-10-16")).toMatchObject({ status: "logged", intake_kcal: 999, possibly_partial: true });
    expect(await getStatus(user, "2026-10-17")).toMatchObject({ status: "logged", intake_kcal: 1000, possibly_partial: false });
  });

  it("uses the 800 kcal floor when there is no history", async () => {
    const user = await h.createUser();
    await logKcal(user, "2026-11-02", 799);
    expect(await getStatus(user, "2026-11-02")).toMatchObject({ status: "logged", possibly_partial: true });
  });
});

describe("PUT /v1/days/{date}/intake-status", () => {
  it("declares a logged day complete: stored, answered, and the day queued for recompute", async () => {
    const user = await h.createUser();
    await logKcal(user, "2026-11-11", 500);
    await takeRecomputeDates(h, user.id);
    const res = await putStatus(user, "2026-11-11", { status: "complete" });
    expect(res.status).toBe(200);
    const expected = { date: "2026-11-11", status: "complete", declared: true, entries: 1, intake_kcal: 500, possibly_partial: false };
    expect(await readJson<DayStatusBody>(res)).toEqual(expected);
    expect(await getStatus(user, "2026-11-11")).toEqual(expected);
    expect((await declaredRow(user.id, "2026-11-11"))?.status).toBe("complete");
    expect(await takeRecomputeDates(h, user.id)).toEqual(["2026-11-11"]);
  });

  it("partial marks the day possibly partial; a later declaration replaces it", async () => {
    const user = await h.createUser();
    await logKcal(user, "2026-11-11", 2500);
    expect(await readJson<DayStatusBody>(await putStatus(user, "2026-11-11", { status: "partial" }))).toMatchObject({
      status: "partial",
      declared: true,
      intake_kcal: 2500,
      possibly_partial: true,
    });
    await putStatus(user, "2026-11-11", { status: "complete" });
    expect((await declaredRow(user.id, "2026-11-11"))?.status).toBe("complete");
  });

  it("declares an empty day fasted: intake 0", async () => {
    const user = await h.createUser();
    const res = await putStatus(user, "2026-11-12", { status: "fasted" });
    expect(await readJson<DayStatusBody>(res)).toEqual({
      date: "2026-11-12",
      status: "fasted",
      declared: true,
      entries: 0,
      intake_kcal: 0,
      possibly_partial: false,
    });
    expect((await declaredRow(user.id, "2026-11-12"))?.status).toBe("fasted");
    const day = await intakeForDay(h.deps.db, user.id, "2026-11-12");
    expect(day).toMatchObject({ intakeKcal: 0, status: "fasted", declared: true, fasted: true, possiblyPartial: false, entries: [] });
  });

  it("refuses fasted on a day with food (409 DAY_HAS_INTAKE) and complete on an empty day (409 DAY_HAS_NO_ENTRIES)", async () => {
    const user = await h.createUser();
    await logKcal(user, "2026-11-13", 300);
    await takeRecomputeDates(h, user.id);
    await expectProblem(await putStatus(user, "2026-11-13", { status: "fasted" }), 409, "DAY_HAS_INTAKE");
    await expectProblem(await putStatus(user, "2026-11-14", { status: "complete" }), 409, "DAY_HAS_NO_ENTRIES");
    expect(await declaredRow(user.id, "2026-11-13")).toBeUndefined();
    expect(await declaredRow(user.id, "2026-11-14")).toBeUndefined();
    expect(await takeRecomputeDates(h, user.id)).toEqual([]);
  });

  it.each([
    ["an unknown status", "2026-11-10", { status: "eaten" }, "status"],
    ["an unknown field", "2026-11-10", { status: "fasted", note: "x" }, "(body)"],
    ["an impossible date", "2026-02-30", { status: "fasted" }, "date"],
    ["a day not begun anywhere", "2026-11-27", { status: "fasted" }, "date"],
  ])("answers 400 for %s", async (_label, date, json, path) => {
    const user = await h.createUser();
    const body = await expectProblem(await putStatus(user, date, json), 400, "VALIDATION_FAILED");
    expect((body.errors as { path: string }[]).map((e) => e.path)).toEqual([path]);
  });
});

describe("DELETE /v1/days/{date}/intake-status", () => {
  it("clears the declaration back to derived, queues the day, and is a quiet no-op the second time", async () => {
    const user = await h.createUser();
    await logKcal(user, "2026-11-15", 1800);
    await putStatus(user, "2026-11-15", { status: "complete" });
    await takeRecomputeDates(h, user.id);
    expect((await h.request(statusUrl("2026-11-15"), { method: "DELETE", key: user.apiKey })).status).toBe(204);
    expect(await declaredRow(user.id, "2026-11-15")).toBeUndefined();
    expect(await getStatus(user, "2026-11-15")).toMatchObject({ status: "logged", declared: false });
    expect(await takeRecomputeDates(h, user.id)).toEqual(["2026-11-15"]);
    expect((await h.request(statusUrl("2026-11-15"), { method: "DELETE", key: user.apiKey })).status).toBe(204);
    expect(await takeRecomputeDates(h, user.id)).toEqual([]);
  });
});

describe("declarations and the entries disagreeing", () => {
  it("a fasted day that an import later adds food to falls back to logged until the food is gone", async () => {
    const user = await h.createUser();
    await putStatus(user, "2026-11-16", { status: "fasted" });
    // Imports write entries without the API's check (e.g. dietary energy from a health export).
    const importedId = newId("int", Date.now());
    await h.deps.db.insert(intakeEntries).values({
      id: importedId,
      userId: user.id,
      consumedAt: new Date("2026-11-16T12:00:00Z"),
      utcOffsetMin: 0,
      localDate: "2026-11-16",
      energyKcal: 400,
      origin: "import",
    });
    expect(await getStatus(user, "2026-11-16")).toMatchObject({ status: "logged", declared: false, intake_kcal: 400 });
    expect((await h.request(`/v1/intake/${importedId}`, { method: "DELETE", key: user.apiKey })).status).toBe(204);
    expect(await getStatus(user, "2026-11-16")).toMatchObject({ status: "fasted", declared: true, intake_kcal: 0 });
  });

  it("a complete day whose last entry is deleted is unlogged again (never a 0 kcal day)", async () => {
    const user = await h.createUser();
    await logKcal(user, "2026-11-17", 650);
    await putStatus(user, "2026-11-17", { status: "complete" });
    const [entry] = await h.deps.db.select().from(intakeEntries).where(eq(intakeEntries.userId, user.id));
    await h.request(`/v1/intake/${entry?.id}`, { method: "DELETE", key: user.apiKey });
    expect(await getStatus(user, "2026-11-17")).toMatchObject({ status: "unlogged", declared: false, intake_kcal: null });
  });

  it("statuses belong to their user", async () => {
    const alice = await h.createUser();
    const bob = await h.createUser();
    await putStatus(alice, "2026-11-18", { status: "fasted" });
    expect(await getStatus(bob, "2026-11-18")).toMatchObject({ status: "unlogged", declared: false });
    expect((await h.request(statusUrl("2026-11-18"), { method: "DELETE", key: bob.apiKey })).status).toBe(204);
    expect((await declaredRow(alice.id, "2026-11-18"))?.status).toBe("fasted");
  });
});

describe("intakeForDay (for the daily reconciliation)", () => {
  it("returns the day's entries in the order eaten with the verdict", async () => {
    const user = await h.createUser();
    await logKcal(user, "2026-11-19", 300, 700);
    const day = await intakeForDay(h.deps.db, user.id, "2026-11-19");
    expect(day).toMatchObject({ localDate: "2026-11-19", status: "logged", declared: false, fasted: false, intakeKcal: 1000 });
    expect(day.entries.map((e) => e.energyKcal)).toEqual([300, 700]);
  });
});

describe("food on a day declared fasted", () => {
  it("is a 409 for a new entry, a batch touching it, or an entry moved onto it; zero-kcal entries are fine", async () => {
    const user = await h.createUser();
    const put = await h.request("/v1/days/2026-11-18/intake-status", { method: "PUT", key: user.apiKey, json: { status: "fasted" } });
    expect(put.status).toBe(200);
    await expectProblem(await postIntake(user, { consumed_at: "2026-11-18T12:00:00Z", energy_kcal: 250 }), 409, "DAY_DECLARED_FASTED");
    const batch = await postIntake(user, {
      entries: [
        { consumed_at: "2026-11-17T12:00:00Z", energy_kcal: 250 },
        { consumed_at: "2026-11-18T23:00:00-05:00", energy_kcal: 250 },
        { consumed_at: "2026-11-18T01:00:00+05:00", energy_kcal: 250 },
      ],
    });
    const problem = await expectProblem(batch, 409, "DAY_DECLARED_FASTED");
    expect(problem.detail).toContain("2026-11-18");
    expect(await entriesOf(user.id)).toHaveLength(0);

    expect((await postIntake(user, { consumed_at: "2026-11-18T08:00:00Z", energy_kcal: 0, name: "Water" })).status).toBe(201);
    const elsewhere = await readJson<IntakeEntryBody>(await postIntake(user, { consumed_at: "2026-11-19T08:00:00Z", energy_kcal: 90 }));
    await expectProblem(await patchIntake(user, elsewhere.id, { consumed_at: "2026-11-18T09:00:00Z" }), 409, "DAY_DECLARED_FASTED");
    expect((await entriesOf(user.id)).map((r) => r.localDate).sort()).toEqual(["2026-11-18", "2026-11-19"]);
  });
});
