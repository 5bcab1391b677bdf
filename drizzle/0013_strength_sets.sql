CREATE TABLE "workout_sets" (
	"workout_id" text NOT NULL,
	"set_index" integer NOT NULL,
	"exercise" text NOT NULL,
	"met_class" text NOT NULL,
	"reps" integer,
	"weight_kg" real,
	"duration_s" real,
	"rpe" real,
	"start_offset_s" real,
	CONSTRAINT "workout_sets_pkey" PRIMARY KEY("workout_id","set_index")
);
--> statement-breakpoint
ALTER TABLE "workout_sets" ADD CONSTRAINT "workout_sets_workout_id_workouts_id_fk" FOREIGN KEY ("workout_id") REFERENCES "public"."workouts"("id") ON DELETE cascade ON UPDATE no action;