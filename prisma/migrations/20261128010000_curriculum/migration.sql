-- CreateEnum
CREATE TYPE "LegalStatus" AS ENUM ('IN_FORCE', 'SUPERSEDED', 'UNVERIFIED');

-- CreateTable
CREATE TABLE "legal_documents" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "issued_on" DATE,
    "effective_from" DATE,
    "status" "LegalStatus" NOT NULL,
    "superseded_by" TEXT,
    "superseded_from" DATE,
    "confidence" TEXT NOT NULL,
    "note" TEXT,
    "summary" TEXT,
    "source_url" TEXT,
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "legal_documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_provisions" (
    "id" SERIAL NOT NULL,
    "document_id" INTEGER NOT NULL,
    "article" TEXT NOT NULL,
    "clause" TEXT NOT NULL DEFAULT '',
    "point" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL,
    "excerpt" TEXT NOT NULL,
    "confidence" TEXT NOT NULL,

    CONSTRAINT "legal_provisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "courses" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "audience" TEXT[],
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "courses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lessons" (
    "id" SERIAL NOT NULL,
    "course_id" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lessons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lesson_versions" (
    "id" SERIAL NOT NULL,
    "lesson_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "published_by" INTEGER,

    CONSTRAINT "lesson_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lesson_citations" (
    "id" SERIAL NOT NULL,
    "lesson_version_id" INTEGER NOT NULL,
    "document_code" TEXT NOT NULL,
    "article" TEXT NOT NULL DEFAULT '',
    "clause" TEXT NOT NULL DEFAULT '',
    "point" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "lesson_citations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lesson_drafts" (
    "lesson_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" INTEGER,

    CONSTRAINT "lesson_drafts_pkey" PRIMARY KEY ("lesson_id")
);

-- CreateTable
CREATE TABLE "lesson_progress" (
    "person_id" INTEGER NOT NULL,
    "lesson_id" INTEGER NOT NULL,
    "last_viewed_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "lesson_progress_pkey" PRIMARY KEY ("person_id","lesson_id")
);

-- CreateTable
CREATE TABLE "course_completions" (
    "person_id" INTEGER NOT NULL,
    "course_id" INTEGER NOT NULL,
    "completed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "course_completions_pkey" PRIMARY KEY ("person_id","course_id")
);

-- CreateTable
CREATE TABLE "glossary_terms" (
    "id" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "en" TEXT,

    CONSTRAINT "glossary_terms_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "legal_documents_code_key" ON "legal_documents"("code");

-- CreateIndex
CREATE UNIQUE INDEX "legal_provisions_document_id_article_clause_point_key" ON "legal_provisions"("document_id", "article", "clause", "point");

-- CreateIndex
CREATE UNIQUE INDEX "courses_slug_key" ON "courses"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "lessons_course_id_slug_key" ON "lessons"("course_id", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "lesson_versions_lesson_id_version_key" ON "lesson_versions"("lesson_id", "version");

-- CreateIndex
CREATE INDEX "lesson_citations_document_code_idx" ON "lesson_citations"("document_code");

-- CreateIndex
CREATE INDEX "lesson_citations_lesson_version_id_idx" ON "lesson_citations"("lesson_version_id");

-- CreateIndex
CREATE INDEX "lesson_progress_person_id_last_viewed_at_idx" ON "lesson_progress"("person_id", "last_viewed_at");

-- CreateIndex
CREATE INDEX "course_completions_course_id_idx" ON "course_completions"("course_id");

-- AddForeignKey
ALTER TABLE "legal_provisions" ADD CONSTRAINT "legal_provisions_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "legal_documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lesson_versions" ADD CONSTRAINT "lesson_versions_lesson_id_fkey" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lesson_citations" ADD CONSTRAINT "lesson_citations_lesson_version_id_fkey" FOREIGN KEY ("lesson_version_id") REFERENCES "lesson_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lesson_drafts" ADD CONSTRAINT "lesson_drafts_lesson_id_fkey" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_lesson_id_fkey" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_completions" ADD CONSTRAINT "course_completions_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_completions" ADD CONSTRAINT "course_completions_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written
-- ---------------------------------------------------------------------------

-- A published lesson version is a record of what learners were taught: never edited.
CREATE FUNCTION lesson_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published lesson versions are immutable; publish a new version instead';
END $$;
CREATE TRIGGER lesson_versions_immutable BEFORE UPDATE ON lesson_versions
  FOR EACH ROW EXECUTE FUNCTION lesson_versions_immutable();

ALTER TABLE lesson_versions ADD CONSTRAINT lesson_versions_minutes_positive CHECK (minutes > 0);
