ALTER TABLE "imports" ADD COLUMN "skipped" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "workouts" ADD COLUMN "duration_source" text;--> statement-breakpoint
ALTER TABLE "workouts" ADD COLUMN "energy_source" text;--> statement-breakpoint
ALTER TABLE "workouts" ADD COLUMN "distance_source" text;--> statement-breakpoint
ALTER TABLE "workouts" ADD COLUMN "avg_hr_source" text;--> statement-breakpoint
ALTER TABLE "workouts" ADD COLUMN "max_hr_source" text;--> statement-breakpoint
ALTER TABLE "workouts" ADD COLUMN "hr_points_dropped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workouts" ADD COLUMN "speed_points_dropped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workouts" ADD COLUMN "power_points_dropped" integer DEFAULT 0 NOT NULL;