// Who wrote the file: file_id (or the creator device_info) → SourceRef, plus a stable workout id.
import { getFitGarminProductDisplayName, getFitGarminProductName } from "fit-file-parser";
import type { DeviceType } from "../../lib/vocabulary.js";
import type { SourceRef } from "../contract.js";
import type { FitDeviceInfo, FitFileId } from "./fit-decode.js";
import { fitSeconds } from "./fit-time.js";

/** Manufacturers whose product ids follow Garmin's numbering. */
const GARMIN_FAMILY = new Set(["garmin", "dynastream", "dynastream_oem"]);
const APP_MAKERS = new Set(["strava", "zwift", "zwift_byte", "development", "trainerroad", "the_sufferfest", "stryd"]);
const BAND_MAKERS = new Set(["fitbit", "whoop"]);
// DEVICE_TYPES has no "bike computer": Edge/ELEMNT/Karoo head units record strap HR and GPS like a
// sports watch, so they rank with watches for source priority rather than with phone apps.
const DEVICE_MAKERS = new Set([
  "garmin",
  "dynastream",
  "dynastream_oem",
  "suunto",
  "coros",
  "polar",
  "wahoo_fitness",
  "hammerhead",
  "bryton",
  "sigmasport",
  "lezyne",
  "huawei",
  "zepp",
  "apple",
]);
const GARMIN_BAND_PREFIXES = ["vivo_fit", "vivofit", "vivosmart", "vivo_smart", "hrm"];

interface Creator {
  manufacturer: string | null;
  product: number | null;
  productName: string | null;
}

function creatorOf(fileId: FitFileId | null, deviceInfos: readonly FitDeviceInfo[]): Creator {
  const creatorInfo = deviceInfos.find((info) => String(info.device_index) === "creator");
  const manufacturer = fileId?.manufacturer ?? creatorInfo?.manufacturer;
  const product = fileId?.product ?? creatorInfo?.product;
  return {
    manufacturer: manufacturer === undefined ? null : String(manufacturer),
    product: typeof product === "number" ? product : null,
    productName: fileId?.product_name ?? creatorInfo?.product_name ?? null,
  };
}

function titleCase(snake: string): string {
  return snake
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

function modelOf(creator: Creator): string | null {
  if (creator.productName) return creator.productName.trim();
  if (creator.product === null) return null;
  if (creator.manufacturer && GARMIN_FAMILY.has(creator.manufacturer)) {
    return getFitGarminProductDisplayName(creator.product) ?? `product ${creator.product}`;
  }
  return `product ${creator.product}`;
}

function deviceTypeOf(creator: Creator): DeviceType {
  const maker = creator.manufacturer ?? "";
  if (APP_MAKERS.has(maker)) return "app";
  if (BAND_MAKERS.has(maker)) return "band";
  if (GARMIN_FAMILY.has(maker) && creator.product !== null) {
    const key = getFitGarminProductName(creator.product) ?? "";
    if (GARMIN_BAND_PREFIXES.some((prefix) => key.startsWith(prefix))) return "band";
  }
  // Unknown writers are most often converters and apps; ranking them lowest never overrides a device.
  return DEVICE_MAKERS.has(maker) ? "watch" : "app";
}

export function fitSource(fileId: FitFileId | null, deviceInfos: readonly FitDeviceInfo[]): SourceRef {
  const creator = creatorOf(fileId, deviceInfos);
  const maker = creator.manufacturer && !/^\d+$/.test(creator.manufacturer) ? titleCase(creator.manufacturer) : null;
  const model = modelOf(creator);
  const modelHasMaker = model !== null && maker !== null && model.toLowerCase().startsWith(maker.toLowerCase());
  const name = [modelHasMaker ? null : maker, model].filter((part) => part !== null).join(" ") || "FIT file";
  return { name, deviceType: deviceTypeOf(creator), device: model };
}

/** `fit:<manufacturer>:<serial>:<time_created>:<session index>`, or null without serial and creation time. */
export function fitExternalId(fileId: FitFileId | null, sessionIndex: number): string | null {
  const serial = fileId?.serial_number;
  const created = fileId?.time_created;
  if (typeof serial !== "number" || !(created instanceof Date)) return null;
  return `fit:${String(fileId?.manufacturer ?? "unknown")}:${serial}:${fitSeconds(created)}:${sessionIndex}`;
}
