-- Two-person rule for certifications outside an exam (decision 029).
-- An in-person session is recorded PENDING; a second person (TRAINER or ADMIN
-- over everyone listed, neither the recorder nor listed) confirms or rejects it
-- once; only a CONFIRMED session's passing lines can become certifications.
-- The twin of app/domain/exams/session-decision.ts, enforced against the app's
-- own role: whatever the app sends, these rows cannot break the rule.

CREATE TYPE "TrainingSessionStatus" AS ENUM ('PENDING', 'CONFIRMED', 'REJECTED');

ALTER TABLE "training_sessions"
  ADD COLUMN "status" "TrainingSessionStatus" NOT NULL DEFAULT 'PENDING',
  ADD COLUMN "decided_by_id" INTEGER,
  ADD COLUMN "decided_at" TIMESTAMPTZ(3),
  ADD COLUMN "reject_reason" TEXT;

-- Sessions recorded before this rule already issued their certifications when
-- saved: they are CONFIRMED with nobody named (the check below is NOT VALID so
-- it spares them; they can never issue anything again, see certifications_origin).
UPDATE "training_sessions" SET "status" = 'CONFIRMED';

ALTER TABLE training_sessions ADD CONSTRAINT training_sessions_two_people CHECK (decided_by_id <> trainer_id);
ALTER TABLE training_sessions ADD CONSTRAINT training_sessions_pass_percent CHECK (pass_percent BETWEEN 1 AND 100);
ALTER TABLE training_sessions ADD CONSTRAINT training_sessions_decision CHECK (
  (status = 'PENDING' AND decided_by_id IS NULL AND decided_at IS NULL AND reject_reason IS NULL)
  OR (status = 'CONFIRMED' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND reject_reason IS NULL)
  OR (status = 'REJECTED' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND reject_reason IS NOT NULL)) NOT VALID;

-- A session is recorded PENDING, decided once, and what it recorded never changes.
CREATE FUNCTION training_sessions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'PENDING' THEN
      RAISE EXCEPTION 'a training session is recorded as PENDING; a second person confirms it' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'PENDING' THEN
      RAISE EXCEPTION 'a decided training session is a record and is never deleted' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF (NEW.id, NEW.certification_type_id, NEW.course_id, NEW.held_on, NEW.place, NEW.trainer_id, NEW.pass_percent, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.certification_type_id, OLD.course_id, OLD.held_on, OLD.place, OLD.trainer_id, OLD.pass_percent, OLD.created_at) THEN
    RAISE EXCEPTION 'what a training session recorded cannot be changed' USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.status, NEW.decided_by_id, NEW.decided_at, NEW.reject_reason) IS NOT DISTINCT FROM (OLD.status, OLD.decided_by_id, OLD.decided_at, OLD.reject_reason) THEN
    RETURN NEW;
  END IF;
  IF OLD.status <> 'PENDING' THEN
    RAISE EXCEPTION 'a training session is confirmed or rejected once' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.decided_by_id IS NULL OR NEW.decided_by_id = NEW.trainer_id THEN
    RAISE EXCEPTION 'a second person, not the one who recorded it, decides on a training session' USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM training_attendance WHERE session_id = NEW.id AND person_id = NEW.decided_by_id) THEN
    RAISE EXCEPTION 'a person listed in a training session cannot decide on it' USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (
    SELECT 1 FROM training_attendance a JOIN people p ON p.id = a.person_id JOIN units u ON u.id = p.unit_id
     WHERE a.session_id = NEW.id
       AND NOT EXISTS (SELECT 1 FROM role_grants g
                        WHERE g.person_id = NEW.decided_by_id AND g.role IN ('TRAINER', 'ADMIN') AND g.unit_id = ANY (u.path))) THEN
    RAISE EXCEPTION 'only a trainer or admin over everyone listed decides on a training session' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER training_sessions_guard BEFORE INSERT OR UPDATE OR DELETE ON training_sessions
  FOR EACH ROW EXECUTE FUNCTION training_sessions_guard();

-- The lines change only while the session waits for its decision, and the
-- recorder is never one of them. The session row is locked (FOR SHARE) so a
-- line cannot slip in while someone confirms.
CREATE FUNCTION training_attendance_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s record;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT status INTO s FROM training_sessions WHERE id = OLD.session_id FOR SHARE;
    -- (Not found: the session itself is being deleted, which its own guard allowed.)
    IF FOUND AND s.status <> 'PENDING' THEN
      RAISE EXCEPTION 'the lines of a confirmed or rejected training session cannot change' USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
  END IF;
  SELECT status, trainer_id INTO s FROM training_sessions WHERE id = NEW.session_id FOR SHARE;
  IF FOUND AND s.status <> 'PENDING' THEN
    RAISE EXCEPTION 'the lines of a confirmed or rejected training session cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF FOUND AND NEW.person_id = s.trainer_id THEN
    RAISE EXCEPTION 'nobody records a training result for themself' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER training_attendance_guard BEFORE INSERT OR UPDATE OR DELETE ON training_attendance
  FOR EACH ROW EXECUTE FUNCTION training_attendance_guard();

-- Every certification has one origin that a second party vouched for: a
-- submitted, passed attempt of that very person at that type's exam, or a
-- passing line of a session confirmed by a second person, the holder being
-- neither the recorder nor the confirmer. Nothing else can insert one.
CREATE FUNCTION certifications_origin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.source = 'EXAM' THEN
    IF NEW.training_attendance_id IS NOT NULL OR NOT EXISTS (
      SELECT 1 FROM exam_attempts a JOIN exams e ON e.id = a.exam_id
       WHERE a.id = NEW.attempt_id AND a.person_id = NEW.person_id AND a.status = 'SUBMITTED' AND a.passed
         AND e.certification_type_id = NEW.certification_type_id) THEN
      RAISE EXCEPTION 'a certification from an exam needs a passed attempt of that person at that exam' USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW.source = 'IN_PERSON' THEN
    IF NEW.attempt_id IS NOT NULL OR NOT EXISTS (
      SELECT 1 FROM training_attendance ta JOIN training_sessions s ON s.id = ta.session_id
       WHERE ta.id = NEW.training_attendance_id AND ta.person_id = NEW.person_id
         AND s.certification_type_id = NEW.certification_type_id
         AND s.status = 'CONFIRMED' AND s.decided_by_id IS NOT NULL AND s.decided_by_id <> s.trainer_id
         AND NEW.person_id <> s.trainer_id AND NEW.person_id <> s.decided_by_id
         AND ta.attended AND ta.paper_score >= s.pass_percent) THEN
      RAISE EXCEPTION 'a certification from a training session needs a passing line of a session confirmed by a second person (two-person rule)' USING ERRCODE = 'check_violation';
    END IF;
  ELSE
    RAISE EXCEPTION 'a certification needs an exam or a confirmed training session behind it' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER certifications_origin BEFORE INSERT ON certifications
  FOR EACH ROW EXECUTE FUNCTION certifications_origin();
