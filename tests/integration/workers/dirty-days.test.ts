import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  claimOverdueDirtyDays,
  clearDirtyDays,
  hasDirtyDays,
  MAX_DIRTY_SWEEPS,
  markDaysDirty,
  snapshotDirtyDays,
} from "../../../src/jobs/dirty-days.js";
import { createHarness, type Harness } from "../../helpers/harness.js";

// The outbox's contract against real Postgres: a recompute clears only the versions it saw, so a write that lands
// while it runs keeps its day dirty; the reconciler claims overdue days, and gives up on a day after a bound.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe("the dirty-days outbox", () => {
  it("keeps a day marked again after its recompute started, and clears it after the next one", async () => {
    const user = await h.createUser();
    const other = await h.createUser();
    await markDaysDirty(h.deps.db, user.id, ["2026-03-01", "2026-03-02", "2026-03-01"]);
    expect(await hasDirtyDays(h.deps.db, user.id)).toBe(true);
    expect(await hasDirtyDays(h.deps.db, other.id)).toBe(false);

    const seen = await snapshotDirtyDays(h.deps.db, user.id, "2026-03-01", "2026-03-02");
    expect([...seen.versions.keys()].sort()).toEqual(["2026-03-01", "2026-03-02"]);
    await markDaysDirty(h.deps.db, user.id, ["2026-03-02"]);
    expect(await clearDirtyDays(h.deps.db, seen)).toBe(1);
    const left = await snapshotDirtyDays(h.deps.db, user.id, "2026-01-01", "2026-12-31");
    expect([...left.versions.keys()]).toEqual(["2026-03-02"]);

    expect(await clearDirtyDays(h.deps.db, left)).toBe(1);
    expect(await hasDirtyDays(h.deps.db, user.id)).toBe(false);
  });

  it("hands overdue days to the reconciler once per grace period, and stops after the sweep bound", async () => {
    const user = await h.createUser();
    await markDaysDirty(h.deps.db, user.id, ["2026-04-10"]);
    const first = await claimOverdueDirtyDays(h.deps.db, 0, 10_000);
    expect(first.get(user.id)).toEqual(["2026-04-10"]);
    // Within the grace period after a sweep it is not claimed again.
    expect((await claimOverdueDirtyDays(h.deps.db, 60_000, 10_000)).get(user.id)).toBeUndefined();

    for (let sweep = 2; sweep <= MAX_DIRTY_SWEEPS; sweep++) await claimOverdueDirtyDays(h.deps.db, 0, 10_000);
    expect((await claimOverdueDirtyDays(h.deps.db, 0, 10_000)).get(user.id)).toBeUndefined();
    expect(await hasDirtyDays(h.deps.db, user.id)).toBe(false);

    // A new write for the day starts its count again.
    await markDaysDirty(h.deps.db, user.id, ["2026-04-10"]);
    expect(await hasDirtyDays(h.deps.db, user.id)).toBe(true);
  });
});
