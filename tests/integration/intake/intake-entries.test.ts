import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intakeEntries } from "../../../src/db/schema/index.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, expectProblem, type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { type IntakeEntryBody, takeRecomputeDates } from "./intake-test-kit.js";

const NOW = "2026-11-24T12:00:00.000Z";
let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock(NOW) });
});
afterAll(async () => {
  await h.close();
});

const post = (user: TestUser, json: unknown) => h.request("/v1/intake", { method: "POST", key: user.apiKey, json });
const patch = (user: TestUser, id: string, json: unknown) => h.request(`/v1/intake/${id}`, { method: "PATCH", key: user.apiKey, json });

async function rowsOf(userId: string) {
  return h.deps.db.select().from(intakeEntries).where(eq(intakeEntries.userId, userId));
}

async function fieldErrors(res: Response): Promise<{ path: string; message: string }[]> {
  const body = await expectProblem(res, 400, "VALIDATION_FAILED");
  return body.errors as { path: string; message: string }[];
}

describe("POST /v1/intake (one entry)", () => {
  it("stores the entry with its offset and the local date at that offset, and queues that day", async () => {
    const user = await h.createUser();
    const res = await post(user, {
      consumed_at: "2026-11-23T23:30:00-05:00",
      energy_kcal: 650.5,
      name: "Pizza",
      meal: "dinner",
      protein_g: 25,
      carbs_g: 70,
      fat_g: 28,
    });
    expect(res.status).toBe(201);
    const body = await readJson<IntakeEntryBody>(res);
    expect(body).toEqual({
      id: expect.stringMatching(/^int_/),
      consumed_at: "2026-11-23T23:30:00.000-05:00",
      utc_offset_min: -300,
      local_date: "2026-11-23",
      energy_kcal: 650.5,
      name: "Pizza",
      meal: "dinner",
      protein_g: 25,
      carbs_g: 70,
      fat_g: 28,
      external_id: null,
      origin: "api",
      import_id: null,
      created_at: NOW,
      updated_at: NOW,
    });
    const [row, ...more] = await rowsOf(user.id);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ id: body.id, localDate: "2026-11-23", utcOffsetMin: -300, energyKcal: 650.5, origin: "api" });
    expect(row?.consumedAt.toISOString()).toBe("2026-11-24T04:30:00.000Z");
    expect(await takeRecomputeDates(h, user.id)).toEqual(["2026-11-23"]);
  });

  it("accepts energy in kJ and stores kcal (÷ 4.184, to 0.01 kcal)", async () => {
    const user = await h.createUser();
    const a = await readJson<IntakeEntryBody>(await post(user, { consumed_at: "2026-11-20T08:00:00Z", energy_kj: 2092 }));
    const b = await readJson<IntakeEntryBody>(await post(user, { consumed_at: "2026-11-20T09:00:00Z", energy_kj: 1000 }));
    expect(a.energy_kcal).toBe(500);
    expect(b.energy_kcal).toBe(239.01);
    const stored = new Map((await rowsOf(user.id)).map((r) => [r.id, r.energyKcal]));
    expect(stored).toEqual(
      new Map([
        [a.id, 500],
        [b.id, 239.01],
      ]),
    );
  });

  it("re-posting an external_id updates that entry in place and recomputes the day it left and the day it joined", async () => {
    const user = await h.createUser();
    const first = await readJson<IntakeEntryBody>(
      await post(user, { consumed_at: "2026-11-20T12:00:00+01:00", energy_kcal: 500, name: "Soup", external_id: "app-42" }),
    );
    expect(await takeRecomputeDates(h, user.id)).toEqual(["2026-11-20"]);
    const again = await post(user, { consumed_at: "2026-11-21T12:00:00+01:00", energy_kcal: 600, external_id: "app-42" });
    expect(again.status).toBe(201);
    const second = await readJson<IntakeEntryBody>(again);
    expect(second).toMatchObject({ id: first.id, energy_kcal: 600, name: null, local_date: "2026-11-21", external_id: "app-42" });
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, energyKcal: 600, name: null, localDate: "2026-11-21" });
    expect(await takeRecomputeDates(h, user.id)).toEqual(["2026-11-20", "2026-11-21"]);
  });
});

describe("POST /v1/intake (batch)", () => {
  it("stores every entry, answers them in the order sent, and queues each distinct day once", async () => {
    const user = await h.createUser();
    const existing = await readJson<IntakeEntryBody>(await post(user, { consumed_at: "2026-11-10T08:00:00Z", energy_kcal: 100, external_id: "old" }));
    await takeRecomputeDates(h, user.id);
    const res = await post(user, {
      entries: [
        { consumed_at: "2026-11-12T19:00:00+09:00", energy_kcal: 800, meal: "dinner" },
        { consumed_at: "2026-11-11T07:00:00Z", energy_kj: 1046, meal: "breakfast", external_id: "old" },
        { consumed_at: "2026-11-12T10:00:00+09:00", energy_kcal: 300, name: null },
      ],
    });
    expect(res.status).toBe(201);
    const body = await readJson<{ entries: IntakeEntryBody[] }>(res);
    expect(body.entries.map((e) => [e.local_date, e.energy_kcal])).toEqual([
      ["2026-11-12", 800],
      ["2026-11-11", 250],
      ["2026-11-12", 300],
    ]);
    expect(body.entries[1]?.id).toBe(existing.id);
    const rows = await rowsOf(user.id);
    expect(rows.map((r) => r.energyKcal).sort((a, b) => a - b)).toEqual([250, 300, 800]);
    expect(await takeRecomputeDates(h, user.id)).toEqual(["2026-11-10", "2026-11-11", "2026-11-12"]);
  });

  it("is all or nothing: one bad entry rejects the batch with a path per bad field", async () => {
    const user = await h.createUser();
    const ok = { consumed_at: "2026-11-20T08:00:00Z", energy_kcal: 400 };
    const errors = await fieldErrors(
      await post(user, {
        entries: [
          { ...ok, kcal: 3 },
          { ...ok, energy_kcal: 20_001 },
          { ...ok, energy_kj: 10 },
          { consumed_at: ok.consumed_at },
          ok,
          { ...ok, consumed_at: "2026-11-20T08:00:00" },
        ],
      }),
    );
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["entries.0", "entries.1.energy_kcal", "entries.2.energy_kj", "entries.3.energy_kcal", "entries.5.consumed_at"]),
    );
    expect(paths).not.toContain("entries.4");
    expect(errors.find((e) => e.path === "entries.0")?.message).toMatch(/unknown field.*kcal/);
    expect(await rowsOf(user.id)).toHaveLength(0);
    expect(await takeRecomputeDates(h, user.id)).toEqual([]);
  });

  it("rejects instants too far ahead and repeated external ids with the entry's path, storing nothing", async () => {
    const user = await h.createUser();
    const errors = await fieldErrors(
      await post(user, {
        entries: [
          { consumed_at: "2026-11-25T11:59:00Z", energy_kcal: 1, external_id: "x" },
          { consumed_at: "2026-11-25T12:01:00Z", energy_kcal: 1 },
          { consumed_at: "2026-11-20T08:00:00Z", energy_kcal: 1, external_id: "x" },
        ],
      }),
    );
    expect(errors).toEqual([
      { path: "entries.1.consumed_at", message: "must not be more than 24 h in the future" },
      { path: "entries.2.external_id", message: "repeats entries.0.external_id" },
    ]);
    expect(await rowsOf(user.id)).toHaveLength(0);
  });

  it("takes 1000 entries and refuses 1001", async () => {
    const user = await h.createUser();
    const entry = (i: number) => ({ consumed_at: `2026-11-0${1 + (i % 9)}T12:00:00Z`, energy_kcal: i });
    const tooMany = await fieldErrors(await post(user, { entries: Array.from({ length: 1001 }, (_, i) => entry(i)) }));
    expect(tooMany.map((e) => e.path)).toEqual(["entries"]);
    const res = await post(user, { entries: Array.from({ length: 1000 }, (_, i) => entry(i)) });
    expect(res.status).toBe(201);
    expect((await readJson<{ entries: unknown[] }>(res)).entries).toHaveLength(1000);
    expect(await rowsOf(user.id)).toHaveLength(1000);
  });
});

describe("POST /v1/intake validation", () => {
  it.each([
    ["an unknown field", { kcal: 5 }, "(body)", /unknown field/],
    ["a time without offset", { consumed_at: "2026-11-20T08:00:00" }, "consumed_at", /UTC offset/],
    ["an offset no zone has", { consumed_at: "2026-11-20T08:00:00+15:00" }, "consumed_at", /-12:00 and \+14:00/],
    ["negative energy", { energy_kcal: -1 }, "energy_kcal", /./],
    ["over 20,000 kcal", { energy_kcal: 20_000.5 }, "energy_kcal", /./],
    ["over 83,680 kJ", { energy_kcal: undefined, energy_kj: 83_681 }, "energy_kj", /83680 kJ/],
    ["both energies", { energy_kj: 100 }, "energy_kj", /not both/],
    ["no energy", { energy_kcal: undefined }, "energy_kcal", /required/],
    ["an unknown meal", { meal: "brunch" }, "meal", /./],
    ["a macro past 5 kg", { protein_g: 5001 }, "protein_g", /./],
    ["more than 24 h ahead", { consumed_at: "2026-11-25T12:00:01Z" }, "consumed_at", /24 h in the future/],
    ["a time before 2000", { consumed_at: "1999-12-31T23:00:00Z" }, "consumed_at", /2000-01-01/],
  ])("answers 400 naming the field for %s", async (_label, change, path, message) => {
    const user = await h.createUser();
    const errors = await fieldErrors(await post(user, { consumed_at: "2026-11-20T08:00:00Z", energy_kcal: 500, ...change }));
    expect(errors).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect(await rowsOf(user.id)).toHaveLength(0);
  });

  it("accepts an instant just under 24 h ahead", async () => {
    const user = await h.createUser();
    expect((await post(user, { consumed_at: "2026-11-25T11:59:59Z", energy_kcal: 1 })).status).toBe(201);
  });
});

describe("GET /v1/intake", () => {
  it("lists the range newest first, page by page, and only the caller's entries", async () => {
    const user = await h.createUser();
    const other = await h.createUser();
    await post(other, { consumed_at: "2026-11-05T10:00:00Z", energy_kcal: 1 });
    const times = ["2026-11-03T08:00:00Z", "2026-11-05T08:00:00Z", "2026-11-05T13:00:00Z", "2026-11-06T01:00:00+02:00", "2026-11-07T08:00:00Z"];
    await post(user, { entries: times.map((consumed_at, i) => ({ consumed_at, energy_kcal: i })) });

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `from=2026-11-04&to=2026-11-06&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await h.request(`/v1/intake?${query}`, { key: user.apiKey });
      expect(res.status).toBe(200);
      const page: { entries: IntakeEntryBody[]; next_cursor: string | null } = await readJson(res);
      seen.push(...page.entries.map((e) => e.energy_kcal));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([3, 2, 1]);
  });

  it("checks the order of the range; a long or open range is paginated, not refused", async () => {
    const user = await h.createUser();
    await expectProblem(await h.request("/v1/intake?from=2026-11-05&to=2026-11-04", { key: user.apiKey }), 400);
    expect((await h.request("/v1/intake?from=2025-01-01&to=2026-11-04", { key: user.apiKey })).status).toBe(200);
    expect((await h.request("/v1/intake?from=2026-11-05", { key: user.apiKey })).status).toBe(200);
    await expectProblem(await h.request("/v1/intake?from=2026-13-05", { key: user.apiKey }), 400);
  });
});

describe("PATCH and DELETE /v1/intake/{id}", () => {
  it("changes only the fields sent, recomputing the old and the new day when consumed_at moves", async () => {
    const user = await h.createUser();
    const created = await readJson<IntakeEntryBody>(
      await post(user, { consumed_at: "2026-11-20T20:00:00Z", energy_kcal: 700, name: "Curry", meal: "dinner" }),
    );
    await takeRecomputeDates(h, user.id);

    const res = await patch(user, created.id, { energy_kj: 418.4, name: null });
    expect(res.status).toBe(200);
    expect(await readJson<IntakeEntryBody>(res)).toMatchObject({ energy_kcal: 100, name: null, meal: "dinner", local_date: "2026-11-20" });
    expect(await takeRecomputeDates(h, user.id)).toEqual(["2026-11-20"]);

    const moved = await readJson<IntakeEntryBody>(await patch(user, created.id, { consumed_at: "2026-11-21T00:30:00+05:30" }));
    expect(moved).toMatchObject({ local_date: "2026-11-21", utc_offset_min: 330, consumed_at: "2026-11-21T00:30:00.000+05:30" });
    const [row] = await rowsOf(user.id);
    expect(row).toMatchObject({ localDate: "2026-11-21", utcOffsetMin: 330, energyKcal: 100, name: null, meal: "dinner" });
    expect(await takeRecomputeDates(h, user.id)).toEqual(["2026-11-20", "2026-11-21"]);
  });

  it("is strict, bounds the instant, and refuses another entry's external_id", async () => {
    const user = await h.createUser();
    const a = await readJson<IntakeEntryBody>(await post(user, { consumed_at: "2026-11-20T08:00:00Z", energy_kcal: 1, external_id: "a" }));
    await post(user, { consumed_at: "2026-11-20T09:00:00Z", energy_kcal: 2, external_id: "b" });
    expect((await fieldErrors(await patch(user, a.id, { origin: "import" })))[0]?.path).toBe("(body)");
    expect((await fieldErrors(await patch(user, a.id, { energy_kcal: 1, energy_kj: 1 })))[0]?.path).toBe("energy_kj");
    expect((await fieldErrors(await patch(user, a.id, { energy_kcal: null })))[0]?.path).toBe("energy_kcal");
    expect((await fieldErrors(await patch(user, a.id, { consumed_at: "2026-11-26T08:00:00Z" })))[0]?.path).toBe("consumed_at");
    await expectProblem(await patch(user, a.id, { external_id: "b" }), 409, "EXTERNAL_ID_TAKEN");
    const [row] = (await rowsOf(user.id)).filter((r) => r.id === a.id);
    expect(row).toMatchObject({ externalId: "a", energyKcal: 1 });
  });

  it("deletes: 204, the row is gone, its day is queued, and a second delete is 404", async () => {
    const user = await h.createUser();
    const created = await readJson<IntakeEntryBody>(await post(user, { consumed_at: "2026-11-19T08:00:00-08:00", energy_kcal: 5 }));
    await takeRecomputeDates(h, user.id);
    expect((await h.request(`/v1/intake/${created.id}`, { method: "DELETE", key: user.apiKey })).status).toBe(204);
    expect(await rowsOf(user.id)).toHaveLength(0);
    expect(await takeRecomputeDates(h, user.id)).toEqual(["2026-11-19"]);
    await expectProblem(await h.request(`/v1/intake/${created.id}`, { method: "DELETE", key: user.apiKey }), 404, "NOT_FOUND");
  });

  it("answers 404 for another user's entry on every id route and leaves it alone", async () => {
    const alice = await h.createUser();
    const bob = await h.createUser();
    const bobs = await readJson<IntakeEntryBody>(await post(bob, { consumed_at: "2026-11-20T08:00:00Z", energy_kcal: 321 }));
    await takeRecomputeDates(h, bob.id);
    const url = `/v1/intake/${bobs.id}`;
    await expectProblem(await h.request(url, { key: alice.apiKey }), 404, "NOT_FOUND");
    await expectProblem(await patch(alice, bobs.id, { energy_kcal: 1 }), 404, "NOT_FOUND");
    await expectProblem(await h.request(url, { method: "DELETE", key: alice.apiKey }), 404, "NOT_FOUND");
    const [row] = await h.deps.db
      .select()
      .from(intakeEntries)
      .where(and(eq(intakeEntries.id, bobs.id)));
    expect(row).toMatchObject({ userId: bob.id, energyKcal: 321 });
    expect(await takeRecomputeDates(h, alice.id)).toEqual([]);
    expect(await takeRecomputeDates(h, bob.id)).toEqual([]);
    expect((await h.request(url, { key: bob.apiKey })).status).toBe(200);
  });
});
