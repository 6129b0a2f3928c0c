-- Books a person through the roster API in one statement instead of a
-- transaction of six round trips (decision 023): the shift at this station, of
-- this duty type, with exactly these times that the person is already on
-- ('ALREADY_ASSIGNED'); else the first with room; else 'SHIFT_FULL'; when there
-- is none, a new one with headcount 1 under p_shift_id. The assignment gets
-- p_assignment_id. The app drew both ids beforehand so that it could build the
-- audit entries in their canonical form (app/domain/audit/chain.ts); they go
-- to audit_pending and join the chain at COMMIT. The rule itself is checked by
-- the assignments trigger on the insert, which raises when it refuses.
CREATE FUNCTION roster_book(
  p_station integer, p_duty_type integer, p_start timestamptz, p_end timestamptz, p_person integer,
  p_shift_id integer, p_assignment_id integer, p_now timestamptz, p_shift_entry jsonb, p_assign_entry jsonb)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  existing integer;
  chosen integer;
BEGIN
  -- Serialises "find or create the shift" for these exact times (727003: the roster API's lock class).
  PERFORM pg_advisory_xact_lock(727003, hashtext(concat_ws(':', p_station, p_duty_type, extract(epoch FROM p_start), extract(epoch FROM p_end))));
  -- Row locks: serialised with the roster pages, which lock the shift before counting.
  PERFORM 1 FROM shifts
    WHERE station_id = p_station AND duty_type_id = p_duty_type AND starts_at = p_start AND ends_at = p_end
    ORDER BY id FOR UPDATE;
  GET DIAGNOSTICS existing = ROW_COUNT;
  -- Each statement below reads after the locks, so it sees every committed assignment.
  IF EXISTS (SELECT 1 FROM assignments a JOIN shifts s ON s.id = a.shift_id
             WHERE s.station_id = p_station AND s.duty_type_id = p_duty_type AND s.starts_at = p_start AND s.ends_at = p_end
               AND a.person_id = p_person AND a.status = 'ACTIVE') THEN
    RETURN 'ALREADY_ASSIGNED';
  END IF;
  SELECT s.id INTO chosen FROM shifts s
    WHERE s.station_id = p_station AND s.duty_type_id = p_duty_type AND s.starts_at = p_start AND s.ends_at = p_end
      AND (SELECT count(*) FROM assignments a WHERE a.shift_id = s.id AND a.status = 'ACTIVE') < s.headcount
    ORDER BY s.id LIMIT 1;
  IF chosen IS NULL AND existing > 0 THEN
    RETURN 'SHIFT_FULL';
  END IF;
  IF chosen IS NULL THEN
    INSERT INTO shifts (id, station_id, duty_type_id, starts_at, ends_at, headcount, created_at)
      VALUES (p_shift_id, p_station, p_duty_type, p_start, p_end, 1, p_now);
    INSERT INTO audit_pending (entry) VALUES (p_shift_entry);
    chosen := p_shift_id;
  END IF;
  INSERT INTO assignments (id, shift_id, person_id, source, created_at)
    VALUES (p_assignment_id, chosen, p_person, 'API', p_now);
  INSERT INTO audit_pending (entry) VALUES (p_assign_entry);
  RETURN 'ASSIGNED';
END $$;
