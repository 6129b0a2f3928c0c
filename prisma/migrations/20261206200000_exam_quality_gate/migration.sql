-- The exam quality gate (decision 051) and review states of questions and
-- provisions (decision 052). The app decides with app/domain/exams/quality-gate.ts;
-- these rows and triggers hold the parts that must never break against the
-- app's own role: a certifying attempt needs a second person's approval of the
-- exam version it runs, draws only sound questions, and only such an attempt
-- can issue a certification.

-- ---------------------------------------------------------------------------
-- A provision's own legal status (NULL: its document's)
-- ---------------------------------------------------------------------------
ALTER TABLE "legal_provisions"
  ADD COLUMN "status" "LegalStatus",
  ADD COLUMN "superseded_by" TEXT,
  ADD COLUMN "status_changed_at" TIMESTAMPTZ(3);

-- ---------------------------------------------------------------------------
-- Exam versions and their approvals
-- ---------------------------------------------------------------------------
ALTER TABLE "exams"
  ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN "revised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ADD COLUMN "revised_by_id" INTEGER;

-- What an approver vouches for is the exam's settings (which topics, how many
-- of each, pass mark, time, attempts, cooldown, review, scoring): changing any
-- of them is a new revision, which needs an approval of its own. Who made it
-- is what the app sends with the change (NULL: the content/ files).
CREATE FUNCTION exams_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.revision := 1;
    RETURN NEW;
  END IF;
  IF (NEW.topics, NEW.pass_percent, NEW.time_limit_minutes, NEW.attempts_per_period, NEW.period_days, NEW.cooldown_minutes,
      NEW.review_policy, NEW.multiple_scoring, NEW.certification_type_id)
     IS NOT DISTINCT FROM
     (OLD.topics, OLD.pass_percent, OLD.time_limit_minutes, OLD.attempts_per_period, OLD.period_days, OLD.cooldown_minutes,
      OLD.review_policy, OLD.multiple_scoring, OLD.certification_type_id) THEN
    NEW.revision := OLD.revision;
    NEW.revised_at := OLD.revised_at;
    NEW.revised_by_id := OLD.revised_by_id;
    RETURN NEW;
  END IF;
  NEW.revision := OLD.revision + 1;
  IF NEW.revised_at IS NOT DISTINCT FROM OLD.revised_at THEN
    NEW.revised_at := now();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER exams_revision BEFORE INSERT OR UPDATE ON exams
  FOR EACH ROW EXECUTE FUNCTION exams_revision();

CREATE TABLE "exam_approvals" (
    "id" SERIAL NOT NULL,
    "exam_id" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "approved_by_id" INTEGER NOT NULL,
    "approved_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "exam_approvals_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "exam_approvals_exam_id_revision_key" ON "exam_approvals"("exam_id", "revision");
ALTER TABLE "exam_approvals" ADD CONSTRAINT "exam_approvals_exam_id_fkey" FOREIGN KEY ("exam_id") REFERENCES "exams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Two-person rule for a certifying exam version: approved once, for the
-- revision the exam has now, by a trainer or admin who did not make it; an
-- approval is a record, never changed or deleted.
CREATE FUNCTION exam_approvals_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  e record;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'an exam approval is a record and is never changed or deleted' USING ERRCODE = 'check_violation';
  END IF;
  SELECT revision, revised_by_id INTO e FROM exams WHERE id = NEW.exam_id FOR SHARE;
  IF NOT FOUND OR NEW.revision <> e.revision THEN
    RAISE EXCEPTION 'an approval is for the exam version in force now' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.approved_by_id = e.revised_by_id THEN
    RAISE EXCEPTION 'a second person, not the one who made this exam version, approves it (two-person rule)' USING ERRCODE = 'check_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = NEW.approved_by_id AND g.role IN ('TRAINER', 'ADMIN')) THEN
    RAISE EXCEPTION 'only a trainer or admin approves an exam version' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER exam_approvals_guard BEFORE INSERT OR UPDATE OR DELETE ON exam_approvals
  FOR EACH ROW EXECUTE FUNCTION exam_approvals_guard();

-- ---------------------------------------------------------------------------
-- Certifying attempts
-- ---------------------------------------------------------------------------
ALTER TABLE "exam_attempts"
  ADD COLUMN "certifying" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "exam_revision" INTEGER;
-- Attempts before the gate ran under the old rule, which certified every pass.
UPDATE "exam_attempts" SET "certifying" = true, "exam_revision" = 1;

-- A certifying attempt runs an approved exam version, and says so for good.
CREATE FUNCTION exam_attempts_certifying() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (NEW.certifying, NEW.exam_revision) IS DISTINCT FROM (OLD.certifying, OLD.exam_revision) THEN
      RAISE EXCEPTION 'whether an attempt certifies is decided when it starts' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.certifying AND NOT EXISTS (
    SELECT 1 FROM exams e JOIN exam_approvals ap ON ap.exam_id = e.id AND ap.revision = e.revision
     WHERE e.id = NEW.exam_id AND e.revision = NEW.exam_revision) THEN
    RAISE EXCEPTION 'a certifying attempt needs the exam version in force, approved by a second person' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER exam_attempts_certifying BEFORE INSERT OR UPDATE ON exam_attempts
  FOR EACH ROW EXECUTE FUNCTION exam_attempts_certifying();

-- A question version is sound for a certifying draw when it has an explanation
-- and at least one citation, every citation names a provision (or document) in
-- force — not superseded (a historical question), unverified or unknown — and no
-- cited status changed since the version was written (a change asks a trainer
-- to review it first). A citation's status is its provision's own, else its
-- document's. The twin of questionProblems in app/domain/exams/quality-gate.ts.
CREATE FUNCTION question_version_sound(version_id INTEGER) RETURNS boolean LANGUAGE sql STABLE AS $$
  WITH cited AS (
    SELECT CASE WHEN d.id IS NULL OR (c.article <> '' AND p.id IS NULL) THEN NULL ELSE coalesce(p.status, d.status) END AS status,
           CASE WHEN p.status IS NOT NULL THEN p.status_changed_at ELSE greatest(d.status_changed_at, p.status_changed_at) END AS changed_at
      FROM question_citations c
      LEFT JOIN legal_documents d ON d.code = c.document_code
      LEFT JOIN legal_provisions p ON p.document_id = d.id AND c.article <> ''
                                   AND p.article = c.article AND p.clause = c.clause AND p.point = c.point
     WHERE c.question_version_id = version_id
  )
  SELECT btrim(v.explanation) <> ''
     AND EXISTS (SELECT 1 FROM cited)
     AND NOT EXISTS (SELECT 1 FROM cited WHERE status IS DISTINCT FROM 'IN_FORCE' OR changed_at > v.created_at)
    FROM question_versions v WHERE v.id = version_id
$$;

-- After the statement, so the attempt inserted alongside (one statement, two
-- CTEs) is visible.
CREATE FUNCTION attempt_questions_sound() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM exam_attempts a WHERE a.id = NEW.attempt_id AND a.certifying)
     AND NOT coalesce(question_version_sound(NEW.question_version_id), false) THEN
    RAISE EXCEPTION 'a certifying attempt draws only reviewed questions citing law in force' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER attempt_questions_sound AFTER INSERT ON attempt_questions
  FOR EACH ROW EXECUTE FUNCTION attempt_questions_sound();

-- A certification from an exam needs a passed attempt that was certifying
-- (decision 029's rule, one condition more).
CREATE OR REPLACE FUNCTION certifications_origin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.source = 'EXAM' THEN
    IF NEW.training_attendance_id IS NOT NULL OR NOT EXISTS (
      SELECT 1 FROM exam_attempts a JOIN exams e ON e.id = a.exam_id
       WHERE a.id = NEW.attempt_id AND a.person_id = NEW.person_id AND a.status = 'SUBMITTED' AND a.passed AND a.certifying
         AND e.certification_type_id = NEW.certification_type_id) THEN
      RAISE EXCEPTION 'a certification from an exam needs a passed, certifying attempt of that person at that exam' USING ERRCODE = 'check_violation';
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
