// The formats' public face: what the imports and sync modules use. Parsers and their helpers stay inside.

export { checkPushedSets, type SetProblem } from "./common/strength-sets.js";
export { draftEvents } from "./common/workout-draft.js";
export * from "./contract.js";
export { DETECT_HEAD_BYTES, detectFileFormat } from "./detect.js";
export { parseHealthAutoExport } from "./health-auto-export/index.js";
export {
  FOOD_LOG_FORMATS,
  FORMAT_NAMES,
  type FormatName,
  isArchiveFormat,
  isFoodLogFormat,
  openArchive,
  openFoodLog,
  openRecords,
} from "./registry.js";
export { EXPORT_FORMAT_NAME, EXPORT_FORMAT_VERSION } from "./wearsync-export/index.js";
