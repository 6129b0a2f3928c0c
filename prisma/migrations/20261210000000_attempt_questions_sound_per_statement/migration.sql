-- The rule of 20261206200000_exam_quality_gate (a certifying attempt draws only
-- sound questions), checked once per statement instead of once per drawn
-- question: an exam start inserts its 34 questions in one statement, and the
-- per-row trigger's own call and attempt lookup were half of the check's
-- ~2.5 ms of PostgreSQL time per start (decision 080). Same rule, same error.
CREATE OR REPLACE FUNCTION attempt_questions_sound() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM added n JOIN exam_attempts a ON a.id = n.attempt_id
              WHERE a.certifying AND NOT coalesce(question_version_sound(n.question_version_id), false)) THEN
    RAISE EXCEPTION 'a certifying attempt draws only reviewed questions citing law in force' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER attempt_questions_sound ON attempt_questions;
CREATE TRIGGER attempt_questions_sound AFTER INSERT ON attempt_questions
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION attempt_questions_sound();
