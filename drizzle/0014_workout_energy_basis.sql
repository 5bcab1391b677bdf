ALTER TABLE "workouts" ADD COLUMN "energy_basis" text DEFAULT 'net' NOT NULL;--> statement-breakpoint
-- Rows stored before the basis was kept: the formats whose workout energy counts the whole burn (resting included).
-- Hand-logged, synced, Apple Health and Health Auto Export workouts stay "net".
UPDATE "workouts" w SET "energy_basis" = 'gross' FROM "imports" i
WHERE i."id" = w."import_id" AND i."format" IN ('fit', 'tcx', 'gpx', 'strava_zip', 'strava_activities_csv', 'garmin_connect_zip', 'fitbit_json', 'fitbit_takeout_zip', 'google_fit_zip', 'samsung_health_zip', 'samsung_health_csv');
--> statement-breakpoint
-- The days those workouts fall on (start and end, at their own offset) were computed with their energy taken as net: the outbox has them recomputed.
INSERT INTO "dirty_days" ("user_id", "local_date")
SELECT DISTINCT w."user_id", d."local_date" FROM "workouts" w
CROSS JOIN LATERAL (VALUES (w."local_date"), ((w."end_at" AT TIME ZONE 'UTC' + make_interval(mins => w."utc_offset_min"))::date)) AS d("local_date")
WHERE w."energy_basis" = 'gross' AND w."active_energy_kcal" IS NOT NULL
  AND w."import_id" IN (SELECT "id" FROM "imports" WHERE "format" NOT IN ('fit', 'tcx', 'gpx'))
ON CONFLICT ("user_id", "local_date") DO UPDATE
  SET "version" = excluded."version", "marked_at" = excluded."marked_at", "sweeps" = 0, "swept_at" = NULL;
