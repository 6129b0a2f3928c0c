-- Lesson completion is earned (decision 026): a learner's answers to a lesson
-- version's knowledge checks, graded on the server. The app needs SELECT, INSERT
-- and UPDATE here (an answer is an upsert); rows go with their person or version.
-- CreateTable
CREATE TABLE "knowledge_check_answers" (
    "person_id" INTEGER NOT NULL,
    "lesson_version_id" INTEGER NOT NULL,
    "check_index" INTEGER NOT NULL,
    "option_index" INTEGER NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL,
    "correct_at" TIMESTAMPTZ(3),

    CONSTRAINT "knowledge_check_answers_pkey" PRIMARY KEY ("person_id","lesson_version_id","check_index")
);

-- CreateIndex
CREATE INDEX "knowledge_check_answers_lesson_version_id_idx" ON "knowledge_check_answers"("lesson_version_id");

-- AddForeignKey
ALTER TABLE "knowledge_check_answers" ADD CONSTRAINT "knowledge_check_answers_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_check_answers" ADD CONSTRAINT "knowledge_check_answers_lesson_version_id_fkey" FOREIGN KEY ("lesson_version_id") REFERENCES "lesson_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
