// Who wrote a Google Fit record. Fit runs on the phone, so "phone" is the default; a data point's
// originDataSourceId ("raw:<type>:<package>:<manufacturer>:<model>:<uid>:<stream>") can name the device.

import type { DeviceType } from "../../lib/vocabulary.js";
import { inferDeviceType } from "../apple-health/infer-device-type.js";
import type { SourceRef } from "../contract.js";

export const GOOGLE_FIT_SOURCE: SourceRef = { name: "Google Fit", deviceType: "phone", device: null };
const MANUAL_SOURCE: SourceRef = { name: "Google Fit (manual entry)", deviceType: "manual", device: null };
// Values typed into the Fit app (weight, workouts) come from a stream of this name.
const USER_INPUT_STREAM = "user_input";

// Wear OS companion packages (com.mobvoi.wear.*, com.google.android.wearable.*) are written by a watch.
const WEAR_OS_PACKAGE = /(^|\.)wear(able)?(\.|$)/i;
// A data source id has 7 fields when it names a device, 4 when it does not ("derived:<type>:<package>:<stream>").
const DEVICE_FIELD_COUNT = 7;

function deviceTypeOf(packageName: string, device: string): DeviceType {
  if (WEAR_OS_PACKAGE.test(packageName)) return "watch";
  const inferred = inferDeviceType(packageName, device);
  // inferDeviceType answers "app" for anything it does not recognise, e.g. "Google Pixel 8": that is the phone.
  return inferred === "app" ? "phone" : inferred;
}

/** The source of one data point; GOOGLE_FIT_SOURCE when the id names no device. */
export function sourceFromDataSourceId(dataSourceId: string | undefined): SourceRef {
  const fields = (dataSourceId ?? "").split(":");
  if (fields.at(-1) === USER_INPUT_STREAM) return MANUAL_SOURCE;
  if (fields.length < DEVICE_FIELD_COUNT) return GOOGLE_FIT_SOURCE;
  const [, , packageName = "", manufacturer = "", model = ""] = fields;
  const device = `${manufacturer.trim()} ${model.trim()}`.trim();
  if (device === "" || /^unknown( unknown)?$/i.test(device)) return GOOGLE_FIT_SOURCE;
  return { name: `Google Fit (${device})`, deviceType: deviceTypeOf(packageName, device), device };
}
