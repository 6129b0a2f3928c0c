-- Least privilege (docs/decisions/036-database-roles.md): the app's role may not
-- write audit_entries at all (prisma/grants.sql). Entries still reach the chain
-- the one way they always did — inserted into audit_pending, chained at COMMIT
-- by audit_pending_chain through audit_append — so those two run with their
-- owner's rights. A fixed search_path keeps a caller from substituting the
-- objects they name.
ALTER FUNCTION audit_append(jsonb) SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION audit_pending_chain() SECURITY DEFINER SET search_path = public, pg_temp;
