// The tables and columns of Android Health Connect's database, which its export ("Health Connect.zip") copies whole
// as `health_connect_export.db` (only the access and change logs are emptied). Names and codes are read from the
// AOSP HealthFitness module (packages/modules/HealthFitness): service/…/storage/datatypehelpers/*RecordHelper.java
// (RecordHelper, IntervalRecordHelper, InstantRecordHelper, SeriesRecordHelper, AppInfoHelper, DeviceInfoHelper),
// exportimport/ExportManager.java, and framework/…/datatypes (Device, ExerciseSessionType, SleepSessionRecord.StageType).

/** The one entry of an export zip (ExportManager.LOCAL_EXPORT_DATABASE_FILE_NAME). */
export const EXPORT_DB_ENTRY = "health_connect_export.db";

export const APP_INFO_TABLE = "application_info_table";
export const DEVICE_INFO_TABLE = "device_info_table";

// Interval records carry start_time/end_time (epoch ms) and start_zone_offset/end_zone_offset (seconds east of UTC);
// instant records carry time and zone_offset.
export const STEPS_TABLE = "steps_record_table";
export const ACTIVE_CALORIES_TABLE = "active_calories_burned_record_table";
export const TOTAL_CALORIES_TABLE = "total_calories_burned_record_table";
export const DISTANCE_TABLE = "distance_record_table";
export const BASAL_METABOLIC_RATE_TABLE = "basal_metabolic_rate_record_table";
export const HEART_RATE_TABLE = "heart_rate_record_table";
/** One row per reading: parent_key → heart_rate_record_table.row_id, epoch_millis, beats_per_minute. */
export const HEART_RATE_SERIES_TABLE = "heart_rate_record_series_table";
export const EXERCISE_SESSION_TABLE = "exercise_session_record_table";
export const WEIGHT_TABLE = "weight_record_table";
export const BODY_FAT_TABLE = "body_fat_record_table";
export const NUTRITION_TABLE = "nutrition_record_table";
export const SLEEP_SESSION_TABLE = "sleep_session_record_table";
/** One row per stage: parent_key → sleep_session_record_table.row_id, stage_start_time, stage_end_time, stage_type. */
export const SLEEP_STAGES_TABLE = "sleep_stages_table";

/** Tables an export always has (created at the database's first version); without them the file is not Health Connect's. */
export const REQUIRED_TABLES = [APP_INFO_TABLE, DEVICE_INFO_TABLE, STEPS_TABLE] as const;

/** Device.DEVICE_TYPE_*: 1 watch, 2 phone, 3 scale, 4 ring, 5 head-mounted, 6 fitness band, 7 chest strap, 8 smart display. */
export const DEVICE_TYPE_CODES = {
  watch: 1,
  phone: 2,
  scale: 3,
  ring: 4,
  fitnessBand: 6,
  chestStrap: 7,
} as const;

/** SleepSessionRecord.StageType.STAGE_TYPE_*. */
export const SLEEP_STAGE_CODES = {
  unknown: 0,
  awake: 1,
  sleeping: 2,
  awakeOutOfBed: 3,
  light: 4,
  deep: 5,
  rem: 6,
  awakeInBed: 7,
} as const;
