ALTER TABLE "imports" ADD COLUMN "runs" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "data_start_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "data_end_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workouts" ADD COLUMN "duplicate_of" text;--> statement-breakpoint
ALTER TABLE "workouts" ADD COLUMN "duplicate_reason" text;--> statement-breakpoint
ALTER TABLE "workouts" ADD CONSTRAINT "workouts_duplicate_of_workouts_id_fk" FOREIGN KEY ("duplicate_of") REFERENCES "public"."workouts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workouts_duplicate_of_idx" ON "workouts" USING btree ("duplicate_of") WHERE "workouts"."duplicate_of" is not null;