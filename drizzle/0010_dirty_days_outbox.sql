CREATE TABLE "dirty_days" (
	"user_id" text NOT NULL,
	"local_date" date NOT NULL,
	"version" bigserial NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sweeps" integer DEFAULT 0 NOT NULL,
	"swept_at" timestamp with time zone,
	CONSTRAINT "dirty_days_user_id_local_date_pk" PRIMARY KEY("user_id","local_date")
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "recoveries" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dirty_days" ADD CONSTRAINT "dirty_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dirty_days_marked_idx" ON "dirty_days" USING btree ("marked_at");