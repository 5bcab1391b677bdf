CREATE TABLE "hiit_analyses" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"workout_id" text,
	"local_date" date NOT NULL,
	"is_hiit" boolean NOT NULL,
	"hr_max_bpm" real NOT NULL,
	"hr_max_source" text NOT NULL,
	"threshold_bpm" real NOT NULL,
	"band_seconds" jsonb NOT NULL,
	"method_version" text NOT NULL,
	"analyzed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hiit_intervals" (
	"session_id" text NOT NULL,
	"position" smallint NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"peak_bpm" real NOT NULL,
	"mean_bpm" real NOT NULL,
	CONSTRAINT "hiit_intervals_pkey" PRIMARY KEY("session_id","position")
);
--> statement-breakpoint
CREATE TABLE "hiit_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"analysis_id" text NOT NULL,
	"user_id" text NOT NULL,
	"workout_id" text,
	"local_date" date NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"utc_offset_min" smallint NOT NULL,
	"bouts" integer NOT NULL,
	"work_seconds" real NOT NULL,
	"recovery_seconds" real NOT NULL,
	"threshold_bpm" real NOT NULL,
	"hr_max_bpm" real NOT NULL,
	"band_seconds" jsonb NOT NULL,
	"method_version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weekly_projections" (
	"user_id" text NOT NULL,
	"week_start" date NOT NULL,
	"model" text NOT NULL,
	"status" text NOT NULL,
	"logged_days" integer NOT NULL,
	"mean_deficit_kcal" double precision,
	"projected_change_kg" double precision,
	"trajectory" jsonb NOT NULL,
	"observed_change_kg" double precision,
	"calibration_factor" double precision,
	"flags" jsonb NOT NULL,
	"inputs" jsonb NOT NULL,
	"model_version" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "weekly_projections_pkey" PRIMARY KEY("user_id","week_start","model")
);
--> statement-breakpoint
ALTER TABLE "hiit_analyses" ADD CONSTRAINT "hiit_analyses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hiit_analyses" ADD CONSTRAINT "hiit_analyses_workout_id_workouts_id_fk" FOREIGN KEY ("workout_id") REFERENCES "public"."workouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hiit_intervals" ADD CONSTRAINT "hiit_intervals_session_id_hiit_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."hiit_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hiit_sessions" ADD CONSTRAINT "hiit_sessions_analysis_id_hiit_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."hiit_analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hiit_sessions" ADD CONSTRAINT "hiit_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hiit_sessions" ADD CONSTRAINT "hiit_sessions_workout_id_workouts_id_fk" FOREIGN KEY ("workout_id") REFERENCES "public"."workouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_projections" ADD CONSTRAINT "weekly_projections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hiit_analyses_workout_key" ON "hiit_analyses" USING btree ("workout_id") WHERE "hiit_analyses"."workout_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "hiit_analyses_day_key" ON "hiit_analyses" USING btree ("user_id","local_date") WHERE "hiit_analyses"."workout_id" is null;--> statement-breakpoint
CREATE INDEX "hiit_sessions_user_start_idx" ON "hiit_sessions" USING btree ("user_id","start_at");--> statement-breakpoint
CREATE INDEX "hiit_sessions_user_date_idx" ON "hiit_sessions" USING btree ("user_id","local_date");