/** Every format an upload can be; detection picks one from the content, `?format=` may override it. */
export const IMPORT_FORMATS = [
  "apple_health_zip",
  "apple_health_xml",
  "fit",
  "tcx",
  "gpx",
  "health_auto_export_json",
  "fitbit_json",
  "google_fit_zip",
  "fitbit_takeout_zip",
  "myfitnesspal_csv",
  "cronometer_dailysummary_csv",
  "cronometer_servings_csv",
] as const;

export type ImportFormat = (typeof IMPORT_FORMATS)[number];
