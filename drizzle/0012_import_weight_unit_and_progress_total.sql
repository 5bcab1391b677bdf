ALTER TABLE "imports" ADD COLUMN "weight_unit" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "progress_total_bytes" bigint;