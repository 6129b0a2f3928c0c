-- The soundness rule of 20261206200000_exam_quality_gate, asked for a set of
-- question versions at once. An exam start inserts its 34 questions in one
-- statement; the statement trigger of 20261210000000 still called
-- question_version_sound once per question, ~2.7 ms of PostgreSQL's time per
-- start, two thirds of the start's insert (pg_stat_statements and
-- track_functions, decision 082). One set-based query reads every citation
-- of the drawn questions together. The rule's text lives here only:
-- question_version_sound (its twin test against the domain's questionProblems,
-- and the per-row triggers) asks this function about one version.
CREATE FUNCTION question_versions_unsound(ids INTEGER[]) RETURNS SETOF INTEGER LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
    WITH wanted AS (SELECT DISTINCT w.id FROM unnest(ids) AS w(id)),
    cited AS (
      SELECT c.question_version_id AS id,
             CASE WHEN d.id IS NULL OR (c.article <> '' AND p.id IS NULL) THEN NULL ELSE coalesce(p.status, d.status) END AS status,
             CASE WHEN p.status IS NOT NULL THEN p.status_changed_at ELSE greatest(d.status_changed_at, p.status_changed_at) END AS changed_at
        FROM question_citations c
        LEFT JOIN legal_documents d ON d.code = c.document_code
        LEFT JOIN legal_provisions p ON p.document_id = d.id AND c.article <> ''
                                     AND p.article = c.article AND p.clause = c.clause AND p.point = c.point
       WHERE c.question_version_id IN (SELECT wanted.id FROM wanted)
    )
    SELECT w.id FROM wanted w LEFT JOIN question_versions v ON v.id = w.id
     WHERE NOT coalesce(btrim(v.explanation) <> '', false)
        OR NOT EXISTS (SELECT 1 FROM cited x WHERE x.id = w.id)
        OR EXISTS (SELECT 1 FROM cited x WHERE x.id = w.id AND (x.status IS DISTINCT FROM 'IN_FORCE' OR x.changed_at > v.created_at));
END $$;

-- A version that does not exist is not sound (it was NULL, which every caller read as "not sound").
CREATE OR REPLACE FUNCTION question_version_sound(version_id INTEGER) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN NOT EXISTS (SELECT 1 FROM question_versions_unsound(ARRAY[version_id]));
END $$;

CREATE OR REPLACE FUNCTION attempt_questions_sound() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM question_versions_unsound(ARRAY(
               SELECT n.question_version_id FROM added n JOIN exam_attempts a ON a.id = n.attempt_id WHERE a.certifying))) THEN
    RAISE EXCEPTION 'a certifying attempt draws only reviewed questions citing law in force' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
