-- Two-person duties and two holes in the roster rule found by raw SQL (issue 16,
-- decision 064). Mirrors app/domain/roster/pair.ts.

-- AlterTable: a duty type may need two people, one of them senior (holding
-- the named position, or with at least so many months of work).
ALTER TABLE "duty_types" ADD COLUMN "requires_pair" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "pair_senior_position_id" INTEGER,
ADD COLUMN "pair_senior_months" INTEGER;

-- AlterTable: a manager's mark that a shift lacks its pair (shown in the gaps list).
ALTER TABLE "shifts" ADD COLUMN "uncovered_at" TIMESTAMPTZ(3),
ADD COLUMN "uncovered_by_id" INTEGER,
ADD COLUMN "uncovered_reason" TEXT;

-- AddForeignKey
ALTER TABLE "duty_types" ADD CONSTRAINT "duty_types_pair_senior_position_id_fkey" FOREIGN KEY ("pair_senior_position_id") REFERENCES "positions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written.
-- ---------------------------------------------------------------------------

ALTER TABLE duty_types ADD CONSTRAINT duty_types_pair_senior CHECK (
  NOT requires_pair OR pair_senior_position_id IS NOT NULL OR pair_senior_months IS NOT NULL);
ALTER TABLE duty_types ADD CONSTRAINT duty_types_pair_months CHECK (pair_senior_months BETWEEN 0 AND 600);
ALTER TABLE shifts ADD CONSTRAINT shifts_uncovered CHECK ((uncovered_at IS NULL) = (uncovered_reason IS NULL));

-- Hole 1: changing which certification a duty type requires was not checked.
-- An UPDATE is checked like an INSERT (the duty type it now belongs to).
DROP TRIGGER duty_type_certifications_enforce ON duty_type_certifications;
CREATE TRIGGER duty_type_certifications_enforce AFTER INSERT OR UPDATE ON duty_type_certifications
  FOR EACH ROW EXECUTE FUNCTION duty_requirements_enforce();

-- Whether person p is senior for a pair rule (position pos, or `months` of work)
-- on a shift starting at s, months counted as the KT1 rule counts them.
CREATE FUNCTION pair_senior(p integer, pos integer, months integer, s timestamptz) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(pe.position_id = pos, false)
      OR coalesce((extract(year FROM age(x.d, pe.work_started_on)) * 12 + extract(month FROM age(x.d, pe.work_started_on)))::integer >= months, false)
    FROM people pe, (SELECT (s AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d) x
   WHERE pe.id = p
$$;

-- How many people are on shift sh (starting at s), and how many of them are senior.
-- Callers lock the shift first, then call this in a new statement, so that it
-- sees every committed change to the shift's people.
CREATE FUNCTION shift_pair_state(sh integer, s timestamptz, pos integer, months integer, OUT active integer, OUT seniors integer)
LANGUAGE sql STABLE AS $$
  SELECT count(*)::integer, (count(*) FILTER (WHERE pair_senior(a.person_id, pos, months, s)))::integer
    FROM assignments a WHERE a.shift_id = sh AND a.status = 'ACTIVE'
$$;

-- Hole 2 and the booking side of the pair rule. The shift is locked first, then
-- the person and their certifications (assignment_violations): the order of the
-- pages and of roster_book, which lock the shift before they insert.
CREATE OR REPLACE FUNCTION assignments_enforce() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sh record;
  v text[];
  st record;
BEGIN
  IF NEW.status <> 'ACTIVE' THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = 'ACTIVE' AND NEW.shift_id = OLD.shift_id AND NEW.person_id = OLD.person_id THEN
    RETURN NEW;
  END IF;
  SELECT s.starts_at, s.ends_at, s.duty_type_id, s.headcount, d.requires_pair, d.pair_senior_position_id AS pos, d.pair_senior_months AS months
    INTO sh FROM shifts s JOIN duty_types d ON d.id = s.duty_type_id WHERE s.id = NEW.shift_id FOR NO KEY UPDATE OF s;
  v := assignment_violations(NEW.person_id, sh.duty_type_id, sh.starts_at, sh.ends_at, NEW.id);
  IF cardinality(v) > 0 THEN
    RAISE EXCEPTION 'KT1 assignment refused: %', array_to_string(v, ',')
      USING ERRCODE = 'check_violation', DETAIL = array_to_string(v, ',');
  END IF;
  -- The others on the shift: an INSERT is not in the table yet; an UPDATE that
  -- gives an active seat to someone else takes the old holder off.
  SELECT * INTO st FROM shift_pair_state(NEW.shift_id, sh.starts_at, sh.pos, sh.months);
  IF TG_OP = 'UPDATE' AND OLD.status = 'ACTIVE' AND OLD.shift_id = NEW.shift_id THEN
    st.active := st.active - 1;
    st.seniors := st.seniors - pair_senior(OLD.person_id, sh.pos, sh.months, sh.starts_at)::integer;
  END IF;
  IF st.active >= sh.headcount THEN
    RAISE EXCEPTION 'shift % is full (headcount %)', NEW.shift_id, sh.headcount
      USING ERRCODE = 'check_violation', DETAIL = 'SHIFT_FULL';
  END IF;
  -- The last seat of a two-person shift goes to a senior when nobody on it is.
  IF sh.requires_pair AND st.active + 1 = sh.headcount AND st.seniors = 0
     AND NOT pair_senior(NEW.person_id, sh.pos, sh.months, sh.starts_at) THEN
    RAISE EXCEPTION 'two-person shift % would be full without a senior', NEW.shift_id
      USING ERRCODE = 'check_violation', DETAIL = 'PAIR_NEEDS_SENIOR';
  END IF;
  RETURN NEW;
END $$;

-- The leaving side of the pair rule: a cancellation, a move or a delete may not
-- leave a complete two-person shift (two people, one senior) with people on it
-- who no longer make a pair, unless a manager marked the shift uncovered. A
-- shift that becomes complete again loses the mark.
CREATE FUNCTION assignments_pair_after() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sh record;
  st record;
  before_active integer;
  before_seniors integer;
BEGIN
  IF TG_OP <> 'DELETE' AND NEW.status = 'ACTIVE'
     AND (TG_OP = 'INSERT' OR OLD.status <> 'ACTIVE' OR OLD.shift_id <> NEW.shift_id OR OLD.person_id <> NEW.person_id) THEN
    UPDATE shifts s SET uncovered_at = NULL, uncovered_by_id = NULL, uncovered_reason = NULL
      FROM duty_types d
     WHERE s.id = NEW.shift_id AND d.id = s.duty_type_id AND d.requires_pair AND s.uncovered_at IS NOT NULL
       AND (SELECT ps.active >= 2 AND ps.seniors >= 1
              FROM shift_pair_state(s.id, s.starts_at, d.pair_senior_position_id, d.pair_senior_months) ps);
  END IF;
  IF TG_OP = 'INSERT' OR OLD.status <> 'ACTIVE' THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND NEW.status = 'ACTIVE' AND NEW.shift_id = OLD.shift_id AND NEW.person_id = OLD.person_id THEN
    RETURN NULL;
  END IF;
  -- Only a two-person shift is locked here: a cascade (person, certification,
  -- then this row) takes no shift lock for other duties, and for two-person
  -- ones it locked the shift before the row (cancel_unqualified_assignments),
  -- as the pages do (shift, then row).
  IF NOT EXISTS (SELECT 1 FROM shifts s JOIN duty_types d ON d.id = s.duty_type_id WHERE s.id = OLD.shift_id AND d.requires_pair) THEN
    RETURN NULL;
  END IF;
  SELECT s.starts_at, s.ends_at, s.uncovered_at, d.requires_pair, d.pair_senior_position_id AS pos, d.pair_senior_months AS months
    INTO sh FROM shifts s JOIN duty_types d ON d.id = s.duty_type_id WHERE s.id = OLD.shift_id FOR NO KEY UPDATE OF s;
  IF sh.uncovered_at IS NOT NULL OR sh.ends_at <= now() THEN RETURN NULL; END IF;
  SELECT * INTO st FROM shift_pair_state(OLD.shift_id, sh.starts_at, sh.pos, sh.months);
  -- Before the change: the old row back, and a new person on the same shift out.
  before_active := st.active + 1;
  before_seniors := st.seniors + pair_senior(OLD.person_id, sh.pos, sh.months, sh.starts_at)::integer;
  IF TG_OP = 'UPDATE' AND NEW.status = 'ACTIVE' AND NEW.shift_id = OLD.shift_id THEN
    before_active := before_active - 1;
    before_seniors := before_seniors - pair_senior(NEW.person_id, sh.pos, sh.months, sh.starts_at)::integer;
  END IF;
  IF before_active >= 2 AND before_seniors >= 1 AND st.active >= 1 AND NOT (st.active >= 2 AND st.seniors >= 1) THEN
    RAISE EXCEPTION 'two-person shift % would be left without its pair; mark it uncovered first', OLD.shift_id
      USING ERRCODE = 'check_violation', DETAIL = 'PAIR_WOULD_BREAK';
  END IF;
  RETURN NULL;
END $$;
-- Checked at COMMIT, so that one transaction may give a seat to someone else by
-- cancelling and then booking (a swap): the pair is judged on the result. The
-- shift's lock, then a fresh read, still serialises concurrent transactions.
CREATE CONSTRAINT TRIGGER assignments_pair_after AFTER INSERT OR UPDATE OR DELETE ON assignments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION assignments_pair_after();

-- A shift's own changes: a two-person shift has room for two; the headcount
-- never drops below the people booked; a full two-person shift has a senior;
-- the uncovered mark comes off only a shift that is complete or empty.
-- An UPDATE holds the shift's row lock before this runs, as the bookings do.
CREATE FUNCTION shifts_pair_enforce() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d record;
  st record;
BEGIN
  SELECT requires_pair, pair_senior_position_id AS pos, pair_senior_months AS months INTO d FROM duty_types WHERE id = NEW.duty_type_id;
  IF d.requires_pair AND NEW.headcount < 2 THEN
    RAISE EXCEPTION 'a two-person shift needs a headcount of at least 2' USING ERRCODE = 'check_violation', DETAIL = 'PAIR_HEADCOUNT';
  END IF;
  IF TG_OP = 'INSERT' THEN RETURN NEW; END IF;
  SELECT * INTO st FROM shift_pair_state(NEW.id, NEW.starts_at, d.pos, d.months);
  IF st.active > NEW.headcount THEN
    RAISE EXCEPTION 'shift % has % people booked, more than headcount %', NEW.id, st.active, NEW.headcount
      USING ERRCODE = 'check_violation', DETAIL = 'HEADCOUNT_BELOW_BOOKED';
  END IF;
  IF d.requires_pair AND st.active = NEW.headcount AND st.seniors = 0 THEN
    RAISE EXCEPTION 'two-person shift % would be full without a senior', NEW.id USING ERRCODE = 'check_violation', DETAIL = 'PAIR_NEEDS_SENIOR';
  END IF;
  IF d.requires_pair AND OLD.uncovered_at IS NOT NULL AND NEW.uncovered_at IS NULL AND st.active >= 1 AND NOT (st.active >= 2 AND st.seniors >= 1) THEN
    RAISE EXCEPTION 'two-person shift % is not complete; it stays marked uncovered', NEW.id
      USING ERRCODE = 'check_violation', DETAIL = 'PAIR_WOULD_BREAK';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER shifts_pair_enforce BEFORE INSERT OR UPDATE OF headcount, duty_type_id, starts_at, uncovered_at ON shifts
  FOR EACH ROW EXECUTE FUNCTION shifts_pair_enforce();

-- A duty type's pair rule changes: every later shift of that type, not marked
-- uncovered, must still hold under the new rule (a complete shift stays
-- complete; a full one keeps a senior; room for two).
CREATE FUNCTION duty_types_pair_enforce() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s record;
  was record;
  st record;
BEGIN
  IF NOT NEW.requires_pair THEN RETURN NULL; END IF;
  FOR s IN SELECT id, starts_at, headcount FROM shifts
            WHERE duty_type_id = NEW.id AND ends_at > now() AND uncovered_at IS NULL ORDER BY id FOR NO KEY UPDATE LOOP
    SELECT * INTO st FROM shift_pair_state(s.id, s.starts_at, NEW.pair_senior_position_id, NEW.pair_senior_months);
    SELECT * INTO was FROM shift_pair_state(s.id, s.starts_at, OLD.pair_senior_position_id, OLD.pair_senior_months);
    IF s.headcount < 2 OR (st.active = s.headcount AND st.seniors = 0)
       OR (OLD.requires_pair AND was.active >= 2 AND was.seniors >= 1 AND NOT (st.active >= 2 AND st.seniors >= 1)) THEN
      RAISE EXCEPTION 'the new two-person rule does not hold on shift %; mark it uncovered or change it first', s.id
        USING ERRCODE = 'check_violation', DETAIL = 'PAIR_WOULD_BREAK';
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER duty_types_pair_enforce AFTER UPDATE OF requires_pair, pair_senior_position_id, pair_senior_months ON duty_types
  FOR EACH ROW EXECUTE FUNCTION duty_types_pair_enforce();

-- The cascades (a revocation, a person leaving) are not refused: they mark the
-- two-person shifts they take someone off as uncovered, with why, first.
CREATE OR REPLACE FUNCTION cancel_unqualified_assignments(p integer, at timestamptz, why text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  a record;
  n integer := 0;
BEGIN
  FOR a IN SELECT asg.id, asg.shift_id, sh.duty_type_id, sh.starts_at, sh.ends_at FROM assignments asg JOIN shifts sh ON sh.id = asg.shift_id
            WHERE asg.person_id = p AND asg.status = 'ACTIVE' AND sh.ends_at > at ORDER BY sh.starts_at LOOP
    IF cardinality(kept_assignment_violations(p, a.duty_type_id, a.starts_at, a.ends_at, a.id)) > 0 THEN
      UPDATE shifts s SET uncovered_at = at, uncovered_reason = why
        FROM duty_types d WHERE s.id = a.shift_id AND d.id = s.duty_type_id AND d.requires_pair AND s.uncovered_at IS NULL;
      UPDATE assignments SET status = 'CANCELLED', cancelled_at = at, cancel_reason = why WHERE id = a.id;
      n := n + 1;
    END IF;
  END LOOP;
  RETURN n;
END $$;

-- The roster API's booking creates a missing shift with room for the duty:
-- two for a two-person duty, one otherwise (the app's audit entry says the same).
CREATE OR REPLACE FUNCTION roster_book(
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
      SELECT p_shift_id, p_station, p_duty_type, p_start, p_end, CASE WHEN d.requires_pair THEN 2 ELSE 1 END, p_now
        FROM duty_types d WHERE d.id = p_duty_type;
    INSERT INTO audit_pending (entry) VALUES (p_shift_entry);
    chosen := p_shift_id;
  END IF;
  INSERT INTO assignments (id, shift_id, person_id, source, created_at)
    VALUES (p_assignment_id, chosen, p_person, 'API', p_now);
  INSERT INTO audit_pending (entry) VALUES (p_assign_entry);
  RETURN 'ASSIGNED';
END $$;

-- The roster API's targets name whether the duty is two-person, for the audit
-- entry of a shift roster_book creates (headcount 2 then).
CREATE OR REPLACE FUNCTION roster_targets(p_station text, p_employee text, p_duty_type text, p_start timestamptz, p_end timestamptz)
RETURNS json LANGUAGE plpgsql STABLE AS $$
DECLARE
  station json;
  person json;
  duty_type json;
  person_id integer;
  duty_type_id integer;
BEGIN
  SELECT json_build_object('id', s.id, 'code', s.code, 'unitId', s.unit_id, 'path', u.path) INTO station
    FROM stations s JOIN units u ON u.id = s.unit_id WHERE s.code = p_station;
  SELECT p.id, json_build_object('id', p.id, 'employeeCode', p.employee_code, 'path', u.path) INTO person_id, person
    FROM people p JOIN units u ON u.id = p.unit_id WHERE p.employee_code = p_employee;
  SELECT d.id, json_build_object('id', d.id, 'code', d.code, 'requiresPair', d.requires_pair) INTO duty_type_id, duty_type
    FROM duty_types d WHERE d.code = p_duty_type;
  RETURN json_build_object('station', station, 'person', person, 'dutyType', duty_type,
    'rule', roster_rule_inputs(person_id, duty_type_id, p_start, p_end, NULL));
END $$;
