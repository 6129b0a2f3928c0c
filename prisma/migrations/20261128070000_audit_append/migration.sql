-- Audit appends in one statement (decision 013). The app computes each entry's
-- canonical JSON (app/domain/audit/chain.ts) around the id, which only exists
-- once the chain's lock is held: `head` is everything before the id's digits,
-- `tail` everything after. This function takes the lock, reads the last hash,
-- and for each entry draws the id, hashes prev_hash || head || id || tail with
-- SHA-256 and inserts — the same bytes entryHash() hashes, so audit:verify is
-- unchanged. Called as the last statement of a transaction, it holds the lock
-- only for itself and the COMMIT.
CREATE FUNCTION audit_append(entries jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  e jsonb;
  prev text;
  new_id bigint;
  h text;
  seq text := pg_get_serial_sequence('audit_entries', 'id');
BEGIN
  -- The same key the app used before (727002): old and new processes stay serialised during a deploy.
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
