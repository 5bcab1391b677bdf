ALTER TABLE "samples" DROP CONSTRAINT "samples_user_id_users_id_fk";
