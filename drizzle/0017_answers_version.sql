ALTER TABLE "users" ADD COLUMN "answers_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Kept answers (src/http/answer-cache.ts) are tagged with users.answers_version: the id of the last transaction that
-- changed a row they are built from. Deferred constraint triggers set it at commit, in the writing transaction, so
-- the new rows and the new version become visible together, whichever process wrote them; the users row is locked
-- only for the moment of the commit. Repeated rows of one transaction cost a primary-key probe each.
CREATE FUNCTION "bump_answers_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_user text := CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END;
BEGIN
  UPDATE users SET answers_version = txid_current() WHERE id = changed_user AND answers_version <> txid_current();
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "daily_energy_answers_version" AFTER INSERT OR UPDATE OR DELETE ON "daily_energy"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_answers_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "day_confirmations_answers_version" AFTER INSERT OR UPDATE OR DELETE ON "day_confirmations"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_answers_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "weekly_projections_answers_version" AFTER INSERT OR UPDATE OR DELETE ON "weekly_projections"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_answers_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "sources_answers_version" AFTER INSERT OR UPDATE OR DELETE ON "sources"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_answers_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dirty_days_answers_version" AFTER INSERT OR UPDATE OR DELETE ON "dirty_days"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_answers_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "workouts_answers_version" AFTER INSERT OR UPDATE OR DELETE ON "workouts"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_answers_version"();
--> statement-breakpoint
-- Samples: only the sleep stages (sleep is computed at read time; every other type reaches an answer through a
-- recompute, which writes daily_energy and the outbox). The WHEN clause is checked as each row is written, so the
-- other types queue no trigger event: an import's COPY pays one comparison a row (as text: the enum's newer values
-- cannot be named in the migration transaction that adds them). Keep the list equal to
-- SLEEP_STAGE_TYPES (a test compares them).
CREATE CONSTRAINT TRIGGER "samples_insert_answers_version" AFTER INSERT ON "samples" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.type::text IN ('sleep_in_bed', 'sleep_asleep', 'sleep_core', 'sleep_deep', 'sleep_rem', 'sleep_awake'))
  EXECUTE FUNCTION "bump_answers_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "samples_update_answers_version" AFTER UPDATE ON "samples" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.type::text IN ('sleep_in_bed', 'sleep_asleep', 'sleep_core', 'sleep_deep', 'sleep_rem', 'sleep_awake')
    OR NEW.type::text IN ('sleep_in_bed', 'sleep_asleep', 'sleep_core', 'sleep_deep', 'sleep_rem', 'sleep_awake'))
  EXECUTE FUNCTION "bump_answers_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "samples_delete_answers_version" AFTER DELETE ON "samples" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.type::text IN ('sleep_in_bed', 'sleep_asleep', 'sleep_core', 'sleep_deep', 'sleep_rem', 'sleep_awake'))
  EXECUTE FUNCTION "bump_answers_version"();
