import type { DeviceType } from "../../lib/vocabulary.js";

// Ordered: the first matching rule wins, so "Withings ScanWatch" is a watch and "Withings Body+" a scale.
const DEVICE_TYPE_RULES: readonly { deviceType: DeviceType; pattern: RegExp }[] = [
  { deviceType: "watch", pattern: /watch/i },
  { deviceType: "ring", pattern: /\boura\b|\bring\b/i },
  { deviceType: "scale", pattern: /withings|renpho|eufy|\bscale\b/i },
  { deviceType: "band", pattern: /fitbit|whoop|\bband\b/i },
  { deviceType: "phone", pattern: /iphone|\bphone\b|android/i },
];

function matchDeviceType(text: string): DeviceType | null {
  for (const rule of DEVICE_TYPE_RULES) {
    if (rule.pattern.test(text)) return rule.deviceType;
  }
  return null;
}

/**
 * Guesses what kind of hardware wrote a record from its device description and source name.
 * The device description wins over the source name; anything unrecognized is an "app".
 */
export function inferDeviceType(sourceName: string, device: string | null): DeviceType {
  return (device === null ? null : matchDeviceType(device)) ?? matchDeviceType(sourceName) ?? "app";
}
