-- A number that moves whenever anything the exam quality gate reads of the
-- question bank moves: questions, their versions and citations, the courses
-- they belong to, and the status of the law they cite. An exam start reads it
-- in its first statement and app processes keep the question facts of that
-- number, instead of reading them again at every start (decision 076).
CREATE TABLE "gate_facts_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "gate_facts_state_pkey" PRIMARY KEY ("id")
);
INSERT INTO "gate_facts_state" ("id") VALUES (1);

-- The owner's: the app only reads the number (prisma/grants.sql).
CREATE FUNCTION gate_facts_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE gate_facts_state SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;

CREATE TRIGGER questions_gate_facts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON questions
  FOR EACH STATEMENT EXECUTE FUNCTION gate_facts_changed();
CREATE TRIGGER question_versions_gate_facts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON question_versions
  FOR EACH STATEMENT EXECUTE FUNCTION gate_facts_changed();
CREATE TRIGGER question_citations_gate_facts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON question_citations
  FOR EACH STATEMENT EXECUTE FUNCTION gate_facts_changed();
CREATE TRIGGER courses_gate_facts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON courses
  FOR EACH STATEMENT EXECUTE FUNCTION gate_facts_changed();
CREATE TRIGGER legal_documents_gate_facts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON legal_documents
  FOR EACH STATEMENT EXECUTE FUNCTION gate_facts_changed();
CREATE TRIGGER legal_provisions_gate_facts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON legal_provisions
  FOR EACH STATEMENT EXECUTE FUNCTION gate_facts_changed();
