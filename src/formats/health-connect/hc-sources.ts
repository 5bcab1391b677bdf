// Every Health Connect record names the app that wrote it (application_info_table: package_name, app_name) and the
// device (device_info_table: manufacturer, model, device_type). The app is the record's source, as it is in the
// phone's own Health Connect screens; the device's type decides which source wins where two overlap.

import type { DeviceType } from "../../lib/vocabulary.js";
import type { SourceRef } from "../contract.js";
import type { HcDatabase } from "./hc-database.js";
import { APP_INFO_TABLE, DEVICE_INFO_TABLE, DEVICE_TYPE_CODES } from "./hc-schema.js";

interface AppRow {
  row_id: number;
  package_name: string | null;
  app_name: string | null;
}

interface DeviceRow {
  row_id: number;
  manufacturer: string | null;
  model: string | null;
  device_type: number | null;
}

const DEVICE_TYPES: ReadonlyMap<number, DeviceType> = new Map([
  [DEVICE_TYPE_CODES.watch, "watch"],
  [DEVICE_TYPE_CODES.phone, "phone"],
  [DEVICE_TYPE_CODES.scale, "scale"],
  [DEVICE_TYPE_CODES.ring, "ring"],
  [DEVICE_TYPE_CODES.fitnessBand, "band"],
  // A chest strap is a worn sensor like a band: it measures the body directly.
  [DEVICE_TYPE_CODES.chestStrap, "band"],
]);

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

export class HcSources {
  private readonly apps = new Map<number, AppRow>();
  private readonly devices = new Map<number, DeviceRow>();
  private readonly cache = new Map<string, SourceRef>();

  constructor(db: HcDatabase) {
    for (const row of db.prepare(`select row_id, package_name, app_name from ${APP_INFO_TABLE}`).iterate()) {
      const app = row as AppRow;
      this.apps.set(app.row_id, app);
    }
    for (const row of db.prepare(`select row_id, manufacturer, model, device_type from ${DEVICE_INFO_TABLE}`).iterate()) {
      const device = row as DeviceRow;
      this.devices.set(device.row_id, device);
    }
  }

  /** The source of a record: its app by name (package name when the export has no label), typed by its device. */
  of(appInfoId: number | null, deviceInfoId: number | null): SourceRef {
    const key = `${appInfoId}:${deviceInfoId}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const app = appInfoId === null ? undefined : this.apps.get(appInfoId);
    const device = deviceInfoId === null ? undefined : this.devices.get(deviceInfoId);
    const name = text(app?.app_name) ?? text(app?.package_name) ?? "Health Connect";
    const model = [text(device?.manufacturer), text(device?.model)].filter((part) => part !== null).join(" ");
    const source: SourceRef = {
      name,
      // An app that says nothing of its device is an app.
      deviceType: DEVICE_TYPES.get(device?.device_type ?? 0) ?? "app",
      device: model === "" ? null : model,
    };
    this.cache.set(key, source);
    return source;
  }
}
