-- CreateEnum
CREATE TYPE "QuestionType" AS ENUM ('SINGLE', 'MULTIPLE', 'TRUE_FALSE');

-- CreateEnum
CREATE TYPE "ReviewPolicy" AS ENUM ('NONE', 'SCORE_ONLY', 'FULL');

-- CreateEnum
CREATE TYPE "MultipleScoring" AS ENUM ('ALL_OR_NOTHING', 'PARTIAL');

-- CreateEnum
CREATE TYPE "AttemptStatus" AS ENUM ('IN_PROGRESS', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "CertificationSource" AS ENUM ('EXAM', 'IN_PERSON');

-- CreateTable
CREATE TABLE "questions" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "course_id" INTEGER,
    "topic" TEXT NOT NULL,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_versions" (
    "id" SERIAL NOT NULL,
    "question_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "type" "QuestionType" NOT NULL,
    "stem" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '[]',
    "answer" BOOLEAN,
    "explanation" TEXT NOT NULL,
    "difficulty" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" INTEGER,

    CONSTRAINT "question_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_citations" (
    "id" SERIAL NOT NULL,
    "question_version_id" INTEGER NOT NULL,
    "document_code" TEXT NOT NULL,
    "article" TEXT NOT NULL DEFAULT '',
    "clause" TEXT NOT NULL DEFAULT '',
    "point" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "question_citations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certification_types" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "validity_months" INTEGER NOT NULL DEFAULT 24,
    "renewal_window_days" INTEGER NOT NULL DEFAULT 90,

    CONSTRAINT "certification_types_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certification_type_courses" (
    "certification_type_id" INTEGER NOT NULL,
    "course_id" INTEGER NOT NULL,

    CONSTRAINT "certification_type_courses_pkey" PRIMARY KEY ("certification_type_id","course_id")
);

-- CreateTable
CREATE TABLE "exams" (
    "id" SERIAL NOT NULL,
    "certification_type_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "topics" JSONB NOT NULL,
    "pass_percent" INTEGER NOT NULL DEFAULT 80,
    "time_limit_minutes" INTEGER NOT NULL DEFAULT 30,
    "attempts_per_period" INTEGER NOT NULL DEFAULT 3,
    "period_days" INTEGER NOT NULL DEFAULT 30,
    "cooldown_minutes" INTEGER NOT NULL DEFAULT 60,
    "review_policy" "ReviewPolicy" NOT NULL DEFAULT 'FULL',
    "multiple_scoring" "MultipleScoring" NOT NULL DEFAULT 'PARTIAL',

    CONSTRAINT "exams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exam_attempts" (
    "id" SERIAL NOT NULL,
    "exam_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "deadline_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "AttemptStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "submitted_at" TIMESTAMPTZ(3),
    "auto_submitted" BOOLEAN NOT NULL DEFAULT false,
    "score" DECIMAL(7,3),
    "max_score" INTEGER,
    "percent" DECIMAL(5,2),
    "passed" BOOLEAN,

    CONSTRAINT "exam_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attempt_questions" (
    "id" SERIAL NOT NULL,
    "attempt_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "question_version_id" INTEGER NOT NULL,
    "option_order" TEXT[],
    "answer" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "answered_at" TIMESTAMPTZ(3),
    "score" DECIMAL(5,3),

    CONSTRAINT "attempt_questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certifications" (
    "id" SERIAL NOT NULL,
    "serial" TEXT NOT NULL,
    "verification_code" TEXT NOT NULL,
    "person_id" INTEGER NOT NULL,
    "certification_type_id" INTEGER NOT NULL,
    "source" "CertificationSource" NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_until" DATE NOT NULL,
    "attempt_id" INTEGER,
    "training_attendance_id" INTEGER,
    "renews_id" INTEGER,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" INTEGER,
    "revoke_reason" TEXT,

    CONSTRAINT "certifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_sessions" (
    "id" SERIAL NOT NULL,
    "certification_type_id" INTEGER NOT NULL,
    "course_id" INTEGER,
    "held_on" DATE NOT NULL,
    "place" TEXT NOT NULL,
    "trainer_id" INTEGER NOT NULL,
    "pass_percent" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_attendance" (
    "id" SERIAL NOT NULL,
    "session_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL,
    "attended" BOOLEAN NOT NULL,
    "paper_score" INTEGER,

    CONSTRAINT "training_attendance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "questions_key_key" ON "questions"("key");

-- CreateIndex
CREATE INDEX "questions_topic_idx" ON "questions"("topic");

-- CreateIndex
CREATE UNIQUE INDEX "question_versions_question_id_version_key" ON "question_versions"("question_id", "version");

-- CreateIndex
CREATE INDEX "question_citations_document_code_idx" ON "question_citations"("document_code");

-- CreateIndex
CREATE INDEX "question_citations_question_version_id_idx" ON "question_citations"("question_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "certification_types_code_key" ON "certification_types"("code");

-- CreateIndex
CREATE UNIQUE INDEX "exams_certification_type_id_key" ON "exams"("certification_type_id");

-- CreateIndex
CREATE INDEX "exam_attempts_person_id_exam_id_started_at_idx" ON "exam_attempts"("person_id", "exam_id", "started_at");

-- CreateIndex
CREATE INDEX "exam_attempts_status_deadline_at_idx" ON "exam_attempts"("status", "deadline_at");

-- CreateIndex
CREATE INDEX "attempt_questions_question_version_id_idx" ON "attempt_questions"("question_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "attempt_questions_attempt_id_position_key" ON "attempt_questions"("attempt_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "certifications_serial_key" ON "certifications"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "certifications_verification_code_key" ON "certifications"("verification_code");

-- CreateIndex
CREATE UNIQUE INDEX "certifications_attempt_id_key" ON "certifications"("attempt_id");

-- CreateIndex
CREATE UNIQUE INDEX "certifications_training_attendance_id_key" ON "certifications"("training_attendance_id");

-- CreateIndex
CREATE INDEX "certifications_person_id_certification_type_id_valid_until_idx" ON "certifications"("person_id", "certification_type_id", "valid_until");

-- CreateIndex
CREATE INDEX "certifications_certification_type_id_valid_until_idx" ON "certifications"("certification_type_id", "valid_until");

-- CreateIndex
CREATE UNIQUE INDEX "training_attendance_session_id_person_id_key" ON "training_attendance"("session_id", "person_id");

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_versions" ADD CONSTRAINT "question_versions_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_citations" ADD CONSTRAINT "question_citations_question_version_id_fkey" FOREIGN KEY ("question_version_id") REFERENCES "question_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certification_type_courses" ADD CONSTRAINT "certification_type_courses_certification_type_id_fkey" FOREIGN KEY ("certification_type_id") REFERENCES "certification_types"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certification_type_courses" ADD CONSTRAINT "certification_type_courses_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exams" ADD CONSTRAINT "exams_certification_type_id_fkey" FOREIGN KEY ("certification_type_id") REFERENCES "certification_types"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_exam_id_fkey" FOREIGN KEY ("exam_id") REFERENCES "exams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attempt_questions" ADD CONSTRAINT "attempt_questions_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "exam_attempts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attempt_questions" ADD CONSTRAINT "attempt_questions_question_version_id_fkey" FOREIGN KEY ("question_version_id") REFERENCES "question_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_certification_type_id_fkey" FOREIGN KEY ("certification_type_id") REFERENCES "certification_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "exam_attempts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_training_attendance_id_fkey" FOREIGN KEY ("training_attendance_id") REFERENCES "training_attendance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_certification_type_id_fkey" FOREIGN KEY ("certification_type_id") REFERENCES "certification_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "training_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written
-- ---------------------------------------------------------------------------

-- What a learner was asked is a record: a question version never changes.
CREATE FUNCTION question_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'question versions are immutable; save a new version instead';
END $$;
CREATE TRIGGER question_versions_immutable BEFORE UPDATE ON question_versions
  FOR EACH ROW EXECUTE FUNCTION question_versions_immutable();

ALTER TABLE question_versions ADD CONSTRAINT question_versions_difficulty CHECK (difficulty BETWEEN 1 AND 3);
ALTER TABLE question_versions ADD CONSTRAINT question_versions_tf_answer CHECK ((type = 'TRUE_FALSE') = (answer IS NOT NULL));
ALTER TABLE certification_types ADD CONSTRAINT certification_types_validity CHECK (validity_months BETWEEN 1 AND 120 AND renewal_window_days BETWEEN 0 AND 365);
ALTER TABLE exams ADD CONSTRAINT exams_settings CHECK (pass_percent BETWEEN 1 AND 100 AND time_limit_minutes BETWEEN 1 AND 600
  AND attempts_per_period >= 1 AND period_days >= 1 AND cooldown_minutes >= 0);
ALTER TABLE exam_attempts ADD CONSTRAINT exam_attempts_submitted CHECK ((status = 'SUBMITTED') = (submitted_at IS NOT NULL));
ALTER TABLE certifications ADD CONSTRAINT certifications_dates CHECK (valid_until >= valid_from);
ALTER TABLE certifications ADD CONSTRAINT certifications_revocation CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL));
ALTER TABLE certifications ADD CONSTRAINT certifications_evidence CHECK (
  (source = 'EXAM' AND attempt_id IS NOT NULL) OR (source = 'IN_PERSON' AND training_attendance_id IS NOT NULL));

-- A certification is only ever revoked, never edited or deleted: what it
-- certified, for whom and when stays as issued.
CREATE FUNCTION certifications_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'certifications are never deleted; revoke instead';
  END IF;
  IF (NEW.serial, NEW.verification_code, NEW.person_id, NEW.certification_type_id, NEW.source, NEW.issued_at,
      NEW.valid_from, NEW.valid_until, NEW.attempt_id, NEW.training_attendance_id, NEW.renews_id)
     IS DISTINCT FROM
     (OLD.serial, OLD.verification_code, OLD.person_id, OLD.certification_type_id, OLD.source, OLD.issued_at,
      OLD.valid_from, OLD.valid_until, OLD.attempt_id, OLD.training_attendance_id, OLD.renews_id) THEN
    RAISE EXCEPTION 'a certification can only be revoked, not changed';
  END IF;
  IF OLD.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'a revoked certification stays revoked';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER certifications_guard BEFORE UPDATE OR DELETE ON certifications
  FOR EACH ROW EXECUTE FUNCTION certifications_guard();
