import { DETECTABLE_FORMATS, type DetectedFormat } from "../ingest/format-detect.js";

/** Every format an upload can be: exactly what detection can recognise; `?format=` may override detection. */
export const IMPORT_FORMATS = DETECTABLE_FORMATS;
export type ImportFormat = DetectedFormat;
