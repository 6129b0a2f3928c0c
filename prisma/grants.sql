-- What the app's own role may do (docs/decisions/036-database-roles.md), applied by
-- the owner after every migration run (server/migrate.ts); :app_role is the role
-- DATABASE_URL logs in as. Every table is named here: a test fails when a
-- migration adds one that is not. Not granted to the app, ever: TRUNCATE, DDL,
-- REFERENCES/TRIGGER, UPDATE or DELETE on audit_entries (entries are appended
-- through audit_pending and the owner's SECURITY DEFINER audit_append).

REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM :app_role;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM :app_role;
GRANT USAGE ON SCHEMA public TO :app_role;

-- Read only: the chain is written by the owner's functions alone.
GRANT SELECT ON audit_entries TO :app_role;
-- Read only: bumped by the owner's trigger function when the question bank changes (decision 076).
GRANT SELECT ON gate_facts_state TO :app_role;

-- Rows the app adds and changes but never deletes (history, people, the roster).
GRANT SELECT, INSERT, UPDATE ON
  accounts, api_tokens, assignments, attempt_questions, certification_types, certifications,
  course_completions, courses, duty_types, exam_attempts, exams, glossary_terms, knowledge_check_answers,
  legal_documents, legal_provisions, lesson_citations, lesson_progress, lesson_versions, lessons,
  notifications, people, positions, question_citations, question_versions, questions, refusals,
  reminder_outbox, shifts, stations, training_attendance, training_sessions, units
TO :app_role;

-- Rows the app only appends: commitment texts, signatures and their scans (decision 044).
GRANT SELECT, INSERT ON commitment_versions, commitment_signatures, commitment_scans TO :app_role;

-- Swap requests of duties (decision 065): kept as history, never deleted.
GRANT SELECT, INSERT, UPDATE ON duty_swaps TO :app_role;

-- A person's calendar feed token (decision 065): revoking deletes it.
GRANT SELECT, INSERT, UPDATE, DELETE ON duty_feeds TO :app_role;

-- Approvals of exam versions (decision 051): records, appended only.
GRANT SELECT, INSERT ON exam_approvals TO :app_role;

-- Credential signing keys (decision 068): created and retired, never deleted; signed revocation lists, appended.
GRANT SELECT, INSERT, UPDATE ON signing_keys TO :app_role;
GRANT SELECT, INSERT ON revocation_lists TO :app_role;

-- Rows the app also deletes: sessions, counters, drafts, links and the stored counts it rebuilds.
GRANT SELECT, INSERT, UPDATE, DELETE ON
  audit_pending, certification_type_courses, dashboard_counts_state, dashboard_stale_units,
  duty_type_certifications, idempotency_records, item_statistics, lesson_drafts, obligations, person_cert_states,
  rate_limits, requirement_rules, role_grants, sessions, unit_cert_counts, unit_cert_months
TO :app_role;

-- Readiness (/readyz, decision 066): which migrations are applied.
GRANT SELECT ON "_prisma_migrations" TO :app_role;

-- Ids for the rows above (the audit chain's ids are drawn by audit_append).
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO :app_role;
REVOKE USAGE ON SEQUENCE audit_entries_id_seq FROM :app_role;

-- pg-boss: its schema and queues are created by the owner at migration time
-- (server/job-queues.ts); at run time it only reads and writes its rows.
GRANT USAGE ON SCHEMA pgboss TO :app_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO :app_role;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA pgboss TO :app_role;
