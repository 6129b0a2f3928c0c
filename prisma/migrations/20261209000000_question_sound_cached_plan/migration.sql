-- The same rule as in 20261206200000_exam_quality_gate, as PL/pgSQL: a SQL
-- function that cannot be inlined is parsed and planned again at every call,
-- and the attempt_questions_sound trigger calls it once per drawn question
-- (~0.5 ms each, ~15 ms of an exam start's 34 questions). PL/pgSQL keeps its
-- statement's plan for the session (decision 076).
CREATE OR REPLACE FUNCTION question_version_sound(version_id INTEGER) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    WITH cited AS (
      SELECT CASE WHEN d.id IS NULL OR (c.article <> '' AND p.id IS NULL) THEN NULL ELSE coalesce(p.status, d.status) END AS status,
             CASE WHEN p.status IS NOT NULL THEN p.status_changed_at ELSE greatest(d.status_changed_at, p.status_changed_at) END AS changed_at
        FROM question_citations c
        LEFT JOIN legal_documents d ON d.code = c.document_code
        LEFT JOIN legal_provisions p ON p.document_id = d.id AND c.article <> ''
                                     AND p.article = c.article AND p.clause = c.clause AND p.point = c.point
       WHERE c.question_version_id = $1
    )
    SELECT btrim(v.explanation) <> ''
       AND EXISTS (SELECT 1 FROM cited)
       AND NOT EXISTS (SELECT 1 FROM cited WHERE status IS DISTINCT FROM 'IN_FORCE' OR changed_at > v.created_at)
      FROM question_versions v WHERE v.id = $1
  );
END $$;
