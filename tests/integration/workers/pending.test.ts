import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearPending, isPending, markPending } from "../../../src/jobs/pending.js";
import { createHarness, type Harness } from "../../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe("pending markers", () => {
  it("stay set while work asked for after a job started is still to come, per user", async () => {
    const queue = h.deps.queues.energy;
    await markPending(queue, "recompute", "usr_a", ["2026-11-01", "2026-11-02"]);
    expect(await isPending(queue, ["recompute"], "usr_a")).toBe(true);
    expect(await isPending(queue, ["recompute"], "usr_b")).toBe(false);
    expect(await isPending(queue, ["projection"], "usr_a")).toBe(false);

    // A job that started before the latest request must not clear it.
    await clearPending(queue, { kind: "recompute", userId: "usr_a", member: "2026-11-01" }, Date.now() - 60_000);
    expect(await isPending(queue, ["recompute"], "usr_a")).toBe(true);

    await clearPending(queue, { kind: "recompute", userId: "usr_a", member: "2026-11-01" }, Date.now());
    expect(await isPending(queue, ["recompute"], "usr_a")).toBe(true);
    await clearPending(queue, { kind: "recompute", userId: "usr_a", member: "2026-11-02" }, Date.now());
    expect(await isPending(queue, ["recompute"], "usr_a")).toBe(false);
  });
});
