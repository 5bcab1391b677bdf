CREATE TABLE "daily_energy" (
	"user_id" text NOT NULL,
	"local_date" date NOT NULL,
	"basal_kcal" double precision,
	"active_kcal" double precision,
	"burned_kcal" double precision,
	"intake_kcal" double precision,
	"deficit_kcal" double precision,
	"steps" integer,
	"status" text NOT NULL,
	"coverage_hours" real NOT NULL,
	"day_length_hours" real NOT NULL,
	"intake_status" text NOT NULL,
	"basal_method" text NOT NULL,
	"active_method" text NOT NULL,
	"breakdown" jsonb NOT NULL,
	"hiit_sessions" integer DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "daily_energy_pkey" PRIMARY KEY("user_id","local_date")
);
--> statement-breakpoint
ALTER TABLE "daily_energy" ADD CONSTRAINT "daily_energy_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;