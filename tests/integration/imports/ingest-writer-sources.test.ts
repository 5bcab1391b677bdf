import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedSample, SourceRef } from "../../../src/formats/index.js";
import { IngestWriter } from "../../../src/modules/ingest/index.js";
import { fixedClock } from "../../helpers/clock.js";
import { createHarness, type Harness } from "../../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { clock: fixedClock("2026-11-24T12:00:00Z") });
});
afterAll(async () => {
  await h.close();
});

const sample = (source: SourceRef, minute: number): ParsedSample => ({
  type: "steps",
  startMs: Date.UTC(2026, 10, 20, 8, minute),
  endMs: Date.UTC(2026, 10, 20, 8, minute + 1),
  utcOffsetMin: 60,
  value: minute,
  source,
});

describe("IngestWriter's sources", () => {
  it("gives a shared source object and equal fresh ones the same id, and different sources different ids", async () => {
    const user = await h.createUser({ time_zone: "Europe/Berlin" });
    const writer = new IngestWriter(h.deps, { userId: user.id, importId: null, timeZone: "Europe/Berlin", nowMs: Date.now() });
    const shared = Object.freeze({ name: "Watch", deviceType: "watch", device: "Apple Watch (Watch6,2)" } as const);
    const fresh = () => ({ name: "Watch", deviceType: "watch", device: "Apple Watch (Watch6,2)" }) as const;
    const phone = { name: "Phone", deviceType: "phone", device: null } as const;
    const first = await writer.prepare({ samples: [sample(shared, 0), sample(fresh(), 1), sample(phone, 2)], workouts: [] });
    const second = await writer.prepare({ samples: [sample(fresh(), 3), sample(shared, 4), sample({ ...phone }, 5)], workouts: [] });
    const ids = [...first.rows, ...second.rows].map((r) => r.sourceId);
    const [watchId, , phoneId] = ids;
    expect(ids).toEqual([watchId, watchId, phoneId, watchId, watchId, phoneId]);
    expect(watchId).not.toBe(phoneId);
  });
});
