import type { DeviceType } from "../../lib/vocabulary.js";

/**
 * Which device wins when two sources cover the same minutes, best first. Worn sensors measure the body directly,
 * a phone in a pocket or bag misses steps, apps and manual entries are second-hand. Mirrors Apple Health's default.
 */
export const DEVICE_TYPE_PRIORITY: readonly DeviceType[] = ["watch", "ring", "band", "phone", "scale", "app", "manual"];

export interface RankOptions {
  /** The device type of a source, or null when unknown (ranked after every known type). */
  deviceTypeOf: (sourceId: string) => DeviceType | null;
  /** Per-source override, best first: listed sources outrank every unlisted one (the Health app's source list). */
  sourceOrder?: readonly string[];
}

/** A `rankOf` for mergeBySourcePriority: lower rank wins. */
export function createRankOf(opts: RankOptions): (sourceId: string) => number {
  const order = opts.sourceOrder ?? [];
  const listed = new Map(order.map((sourceId, index) => [sourceId, index - order.length]));
  return (sourceId) => {
    const override = listed.get(sourceId);
    if (override !== undefined) return override;
    const deviceType = opts.deviceTypeOf(sourceId);
    const rank = deviceType === null ? -1 : DEVICE_TYPE_PRIORITY.indexOf(deviceType);
    return rank === -1 ? DEVICE_TYPE_PRIORITY.length : rank;
  };
}
