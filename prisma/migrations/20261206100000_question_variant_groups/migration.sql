-- Variant groups in the question bank (decision 050): questions that ask the
-- same thing share a group, and an exam attempt holds at most one question of a
-- group. app/domain/exams/draw.ts draws that way; the trigger below refuses an
-- attempt whose questions break it, whatever the app sends.

ALTER TABLE "questions" ADD COLUMN "variant_group" TEXT;

-- Hand-written (Prisma cannot express checks): the same kebab-case key as a topic.
ALTER TABLE "questions" ADD CONSTRAINT "questions_variant_group_format" CHECK ("variant_group" ~ '^[a-z0-9-]{2,60}$');

-- CreateIndex
CREATE INDEX "questions_variant_group_idx" ON "questions"("variant_group");

-- Questions are written into an attempt once, in one statement, when it starts.
-- Checked per statement, for the attempts that statement touched; the group is
-- the question's group at that moment.
CREATE FUNCTION attempt_questions_one_per_group() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1
      FROM attempt_questions aq
      JOIN question_versions v ON v.id = aq.question_version_id
      JOIN questions q ON q.id = v.question_id
     WHERE aq.attempt_id IN (SELECT DISTINCT attempt_id FROM added)
       AND q.variant_group IS NOT NULL
     GROUP BY aq.attempt_id, q.variant_group
    HAVING count(DISTINCT q.id) > 1
  ) THEN
    RAISE EXCEPTION 'an exam attempt holds at most one question of a variant group' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER attempt_questions_one_per_group AFTER INSERT ON "attempt_questions"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION attempt_questions_one_per_group();
