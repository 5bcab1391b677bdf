CREATE TYPE "public"."sample_type" AS ENUM('steps', 'active_energy', 'basal_energy', 'heart_rate', 'resting_heart_rate', 'dietary_energy', 'body_mass', 'body_fat_percentage', 'distance');--> statement-breakpoint
CREATE TABLE "body_measurements" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"measured_at" timestamp with time zone NOT NULL,
	"utc_offset_min" smallint NOT NULL,
	"local_date" date NOT NULL,
	"weight_kg" double precision,
	"body_fat_pct" double precision,
	"source_id" integer,
	"import_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" bigint NOT NULL,
	"format" text NOT NULL,
	"filename" text,
	"storage_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"partial" boolean DEFAULT false NOT NULL,
	"progress_bytes" bigint DEFAULT 0 NOT NULL,
	"progress_records" bigint DEFAULT 0 NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rejections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error_code" text,
	"error_message" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_day_statuses" (
	"user_id" text NOT NULL,
	"local_date" date NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_day_statuses_pkey" PRIMARY KEY("user_id","local_date")
);
--> statement-breakpoint
CREATE TABLE "intake_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"consumed_at" timestamp with time zone NOT NULL,
	"utc_offset_min" smallint NOT NULL,
	"local_date" date NOT NULL,
	"energy_kcal" double precision NOT NULL,
	"name" text,
	"meal" text,
	"protein_g" double precision,
	"carbs_g" double precision,
	"fat_g" double precision,
	"external_id" text,
	"origin" text NOT NULL,
	"source_id" integer,
	"import_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "samples" (
	"user_id" text NOT NULL,
	"type" "sample_type" NOT NULL,
	"source_id" integer NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"utc_offset_min" smallint NOT NULL,
	"local_date" date NOT NULL,
	"value" double precision NOT NULL,
	"import_id" text,
	CONSTRAINT "samples_pkey" PRIMARY KEY("user_id","type","source_id","start_at","end_at")
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"device_type" text NOT NULL,
	"device" text DEFAULT '' NOT NULL,
	"priority" integer
);
--> statement-breakpoint
CREATE TABLE "workout_streams" (
	"workout_id" text NOT NULL,
	"kind" text NOT NULL,
	"offsets_ms" integer[] NOT NULL,
	"values" real[] NOT NULL,
	CONSTRAINT "workout_streams_pkey" PRIMARY KEY("workout_id","kind")
);
--> statement-breakpoint
CREATE TABLE "workouts" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"source_id" integer NOT NULL,
	"external_id" text,
	"activity_type" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"utc_offset_min" smallint NOT NULL,
	"local_date" date NOT NULL,
	"duration_s" double precision NOT NULL,
	"active_energy_kcal" double precision,
	"distance_m" double precision,
	"avg_hr_bpm" real,
	"max_hr_bpm" real,
	"hr_sample_count" integer DEFAULT 0 NOT NULL,
	"device_labeled_hiit" boolean DEFAULT false NOT NULL,
	"import_id" text
);
--> statement-breakpoint
ALTER TABLE "body_measurements" ADD CONSTRAINT "body_measurements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_measurements" ADD CONSTRAINT "body_measurements_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_day_statuses" ADD CONSTRAINT "intake_day_statuses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_entries" ADD CONSTRAINT "intake_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_entries" ADD CONSTRAINT "intake_entries_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_streams" ADD CONSTRAINT "workout_streams_workout_id_workouts_id_fk" FOREIGN KEY ("workout_id") REFERENCES "public"."workouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workouts" ADD CONSTRAINT "workouts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workouts" ADD CONSTRAINT "workouts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "body_measurements_instant_key" ON "body_measurements" USING btree ("user_id","measured_at");--> statement-breakpoint
CREATE INDEX "body_measurements_user_date_idx" ON "body_measurements" USING btree ("user_id","local_date");--> statement-breakpoint
CREATE UNIQUE INDEX "imports_user_sha256_key" ON "imports" USING btree ("user_id","sha256");--> statement-breakpoint
CREATE INDEX "imports_user_created_idx" ON "imports" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "imports_unfinished_idx" ON "imports" USING btree ("status","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "intake_entries_external_key" ON "intake_entries" USING btree ("user_id","external_id") WHERE "intake_entries"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "intake_entries_user_date_idx" ON "intake_entries" USING btree ("user_id","local_date");--> statement-breakpoint
CREATE INDEX "intake_entries_user_consumed_idx" ON "intake_entries" USING btree ("user_id","consumed_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "samples_user_type_date_idx" ON "samples" USING btree ("user_id","type","local_date");--> statement-breakpoint
CREATE UNIQUE INDEX "sources_natural_key" ON "sources" USING btree ("user_id","name","device_type","device");--> statement-breakpoint
CREATE UNIQUE INDEX "workouts_external_key" ON "workouts" USING btree ("user_id","external_id") WHERE "workouts"."external_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "workouts_natural_key" ON "workouts" USING btree ("user_id","source_id","start_at","activity_type") WHERE "workouts"."external_id" is null;--> statement-breakpoint
CREATE INDEX "workouts_user_start_idx" ON "workouts" USING btree ("user_id","start_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "workouts_user_date_idx" ON "workouts" USING btree ("user_id","local_date");