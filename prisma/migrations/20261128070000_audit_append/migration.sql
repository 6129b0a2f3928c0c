-- CreateTable
CREATE TABLE "audit_pending" (
    "id" BIGSERIAL NOT NULL,
    "entry" JSONB NOT NULL,

    CONSTRAINT "audit_pending_pkey" PRIMARY KEY ("id")
);

-- Audit entries are chained at COMMIT (decision 013). The app computes each
-- entry's canonical JSON (app/domain/audit/chain.ts) around the id, which only
-- exists once the chain's lock is held: `head` is everything before the id's
-- digits, `tail` everything after.
--
-- audit_append takes the chain's lock, reads the last hash, and for each entry
-- draws the id, hashes prev_hash || head || id || tail with SHA-256 and inserts:
-- the same bytes entryHash() hashes, so audit:verify is unchanged.
CREATE FUNCTION audit_append(entries jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  e jsonb;
  prev text;
  new_id bigint;
  h text;
  seq text := pg_get_serial_sequence('audit_entries', 'id');
BEGIN
  -- The key the app used before (727002): old and new processes stay serialised during a deploy.
  PERFORM pg_advisory_xact_lock(727002);
  SELECT hash INTO prev FROM audit_entries ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  FOR e IN SELECT value FROM jsonb_array_elements(entries) LOOP
    new_id := nextval(seq);
    h := encode(sha256(convert_to(prev || (e->>'head') || new_id::text || (e->>'tail'), 'UTF8')), 'hex');
    INSERT INTO audit_entries (id, at, actor_id, action, unit_id, target_type, target_id, data, prev_hash, hash)
    VALUES (new_id, (e->>'at')::timestamptz, (e->>'actorId')::int, e->>'action', (e->>'unitId')::int,
            e->>'targetType', e->>'targetId', coalesce(e->'data', '{}'::jsonb), prev, h);
    prev := h;
  END LOOP;
END
$$;

-- The app inserts entries into audit_pending during its transaction (no lock);
-- this deferred trigger runs inside COMMIT, after all the transaction's work, and
-- moves them into the chain in insertion order. The chain's lock is so held only
-- while the commit itself finishes: the chain order is still the commit order,
-- and no audited transaction waits on another's application code or round trips.
CREATE FUNCTION audit_pending_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM audit_append(jsonb_build_array(NEW.entry));
  DELETE FROM audit_pending WHERE id = NEW.id;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER audit_pending_chain AFTER INSERT ON audit_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_pending_chain();
