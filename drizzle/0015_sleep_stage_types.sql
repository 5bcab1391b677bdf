ALTER TYPE "public"."sample_type" ADD VALUE 'sleep_in_bed';--> statement-breakpoint
ALTER TYPE "public"."sample_type" ADD VALUE 'sleep_asleep';--> statement-breakpoint
ALTER TYPE "public"."sample_type" ADD VALUE 'sleep_core';--> statement-breakpoint
ALTER TYPE "public"."sample_type" ADD VALUE 'sleep_deep';--> statement-breakpoint
ALTER TYPE "public"."sample_type" ADD VALUE 'sleep_rem';--> statement-breakpoint
ALTER TYPE "public"."sample_type" ADD VALUE 'sleep_awake';