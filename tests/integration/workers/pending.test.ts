import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    const pending = h.deps.pending;
    const first = { kind: "recompute", userId: "usr_a", member: "2026-11-01" } as const;
    const second = { kind: "recompute", userId: "usr_a", member: "2026-11-02" } as const;
    await pending.mark([first, second]);
    expect(await pending.isPending(["recompute"], "usr_a")).toBe(true);
    expect(await pending.isPending(["recompute"], "usr_b")).toBe(false);
    expect(await pending.isPending(["projection"], "usr_a")).toBe(false);

    // A job that started before the latest request must not clear it.
    const stale = await pending.begin(first);
    await pending.mark([first]);
    await pending.finish(first, stale);
    expect(await pending.isPending(["recompute"], "usr_a")).toBe(true);

    // The job that started after it does.
    await pending.finish(first, await pending.begin(first));
    expect(await pending.isPending(["recompute"], "usr_a")).toBe(true);
    await pending.finish(second, await pending.begin(second));
    expect(await pending.isPending(["recompute"], "usr_a")).toBe(false);
  });

  it("a job whose marker was never set (or expired) clears nothing asked for later", async () => {
    const pending = h.deps.pending;
    const marker = { kind: "hiit", userId: "usr_c", member: "wkt_0000000001" } as const;
    const token = await pending.begin(marker);
    expect(token).toBeNull();
    await pending.mark([marker]);
    await pending.finish(marker, token);
    expect(await pending.isPending(["hiit"], "usr_c")).toBe(true);
  });
});
