CREATE TABLE "day_confirmations" (
	"user_id" text NOT NULL,
	"local_date" date NOT NULL,
	"flags" text[] NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "day_confirmations_pkey" PRIMARY KEY("user_id","local_date")
);
--> statement-breakpoint
ALTER TABLE "body_measurements" ADD COLUMN "outlier" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "body_measurements" ADD COLUMN "outlier_override" boolean;--> statement-breakpoint
ALTER TABLE "daily_energy" ADD COLUMN "burned_low_kcal" double precision;--> statement-breakpoint
ALTER TABLE "daily_energy" ADD COLUMN "burned_high_kcal" double precision;--> statement-breakpoint
ALTER TABLE "daily_energy" ADD COLUMN "flags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "daily_energy" ADD COLUMN "flags_confirmed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "weekly_projections" ADD COLUMN "projected_change_low_kg" double precision;--> statement-breakpoint
ALTER TABLE "weekly_projections" ADD COLUMN "projected_change_high_kg" double precision;--> statement-breakpoint
ALTER TABLE "day_confirmations" ADD CONSTRAINT "day_confirmations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;