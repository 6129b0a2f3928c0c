-- Trigram indexes (name search) need pg_trgm, shipped with PostgreSQL and the embedded server.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "people" ADD COLUMN     "given_name_folded" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "name_folded" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "dashboard_counts_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "as_of" DATE,
    "refreshed_at" TIMESTAMPTZ(3),
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "dashboard_counts_state_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dashboard_stale_units" (
    "id" BIGSERIAL NOT NULL,
    "unit_id" INTEGER NOT NULL,

    CONSTRAINT "dashboard_stale_units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person_cert_states" (
    "person_id" INTEGER NOT NULL,
    "type_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "valid_now" BOOLEAN NOT NULL,
    "best_until" DATE,
    "certified_months" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "person_cert_states_pkey" PRIMARY KEY ("person_id","type_id")
);

-- CreateTable
CREATE TABLE "unit_cert_counts" (
    "unit_id" INTEGER NOT NULL,
    "type_id" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,
    "valid" INTEGER NOT NULL,
    "w30" INTEGER NOT NULL,
    "w60" INTEGER NOT NULL,
    "w90" INTEGER NOT NULL,
    "expired" INTEGER NOT NULL,
    "revoked" INTEGER NOT NULL,
    "never" INTEGER NOT NULL,

    CONSTRAINT "unit_cert_counts_pkey" PRIMARY KEY ("unit_id","type_id")
);

-- CreateTable
CREATE TABLE "unit_cert_months" (
    "unit_id" INTEGER NOT NULL,
    "type_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "expiring" INTEGER NOT NULL DEFAULT 0,
    "certified" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "unit_cert_months_pkey" PRIMARY KEY ("unit_id","type_id","month")
);

-- CreateIndex
CREATE INDEX "people_given_name_folded_name_folded_id_idx" ON "people"("given_name_folded", "name_folded", "id");

-- CreateIndex
CREATE INDEX "people_name_folded_trgm" ON "people" USING GIN ("name_folded" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "person_cert_states_unit_id_idx" ON "person_cert_states"("unit_id");

-- AddForeignKey
ALTER TABLE "person_cert_states" ADD CONSTRAINT "person_cert_states_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_cert_counts" ADD CONSTRAINT "unit_cert_counts_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_cert_months" ADD CONSTRAINT "unit_cert_months_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written below: the refresh, the triggers that mark units stale, and the
-- accent folding the people searches share. Decision 012 explains the design.
-- ---------------------------------------------------------------------------

INSERT INTO "dashboard_counts_state" ("id") VALUES (1);

-- Vietnamese letters to their base letter, lower case: "Nguyễn Văn An" and
-- "nguyen van an" fold to the same text. The people search and the dashboard
-- drill-down both call it.
-- COST 100: folding is slow next to a comparison (a translate over 67
-- letters); the planner should not choose to fold every row of a table.
CREATE FUNCTION kt1_fold(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT COST 100 AS $$
BEGIN
  RETURN translate(lower(t),
    'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ',
    'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd');
END $$;

-- The folded names on people, kept by a trigger so that searching and sorting
-- 100,000 names compares plain text (indexed above) instead of folding each.
CREATE FUNCTION people_fold_names() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.name_folded := kt1_fold(NEW.full_name);
  NEW.given_name_folded := kt1_fold(regexp_replace(NEW.full_name, '^.*\s', ''));
  RETURN NEW;
END $$;

CREATE TRIGGER people_fold_names BEFORE INSERT OR UPDATE OF full_name, name_folded, given_name_folded ON people
  FOR EACH ROW EXECUTE FUNCTION people_fold_names();

UPDATE people SET full_name = full_name;

-- Codes are searched by their lower case, with the same kind of index.
CREATE INDEX people_code_lower_trgm ON people USING gin (lower(employee_code) gin_trgm_ops);

-- Recomputes the counts of `p_units` (null: every unit) as of the Vietnam day
-- `p_today`, with revocations counted from `p_now`. The rules are those of
-- app/domain/dashboard/state.ts (standing and certifiedAtMonthEnds; a test holds
-- the two to the same answers); `p_expiring_days` is EXPIRING_DAYS.
CREATE FUNCTION dashboard_refresh(p_units int[], p_today date, p_now timestamptz, p_expiring_days int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  this_month date := date_trunc('month', p_today)::date;
BEGIN
  IF p_units IS NULL THEN
    DELETE FROM dashboard_stale_units;
    DELETE FROM person_cert_states;
    DELETE FROM unit_cert_counts;
    DELETE FROM unit_cert_months;
  ELSE
    -- A person who moved was marked stale in both units, so their old row goes here.
    DELETE FROM person_cert_states WHERE unit_id = ANY (p_units);
    DELETE FROM unit_cert_counts WHERE unit_id = ANY (p_units);
    DELETE FROM unit_cert_months WHERE unit_id = ANY (p_units);
  END IF;

  -- Each active person's standing per type.
  WITH ppl AS (
         SELECT id, unit_id FROM people
          WHERE status = 'ACTIVE' AND (p_units IS NULL OR unit_id = ANY (p_units))),
       held AS (
         SELECT c.person_id, c.certification_type_id AS type_id,
                bool_or((c.revoked_at IS NULL OR c.revoked_at > p_now) AND c.valid_from <= p_today AND c.valid_until >= p_today) AS valid_now,
                max(c.valid_until) FILTER (WHERE c.revoked_at IS NULL OR c.revoked_at > p_now) AS best_until,
                (array_agg(NOT (c.revoked_at IS NULL OR c.revoked_at > p_now) ORDER BY c.valid_until DESC, c.issued_at DESC))[1] AS latest_revoked,
                bit_or(CASE WHEN c.valid_from > p_today OR k.lo > k.hi THEN 0 ELSE (1 << (k.hi + 1)) - (1 << k.lo) END) AS certified_months
           FROM certifications c JOIN ppl ON ppl.id = c.person_id
          -- Which of the last 12 month ends the certification covers, as bits:
          -- bit k for the last day of the month k months back, bit 0 for today.
          -- A revocation ends the cover the day before it (Vietnam days).
          CROSS JOIN LATERAL (
                SELECT least(c.valid_until, coalesce((c.revoked_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1, c.valid_until)) AS last_day) e
          CROSS JOIN LATERAL (
                SELECT least((date_part('year', p_today) - date_part('year', c.valid_from)) * 12
                             + date_part('month', p_today) - date_part('month', c.valid_from), 11)::int AS hi,
                       -- the month of its last day counts only if it reaches that month's end
                       greatest((date_part('year', p_today) - date_part('year', e.last_day)) * 12
                                + date_part('month', p_today) - date_part('month', e.last_day)
                                + CASE WHEN e.last_day >= least((date_trunc('month', e.last_day) + interval '1 month - 1 day')::date, p_today)
                                       THEN 0 ELSE 1 END, 0)::int AS lo) k
          GROUP BY c.person_id, c.certification_type_id)
  INSERT INTO person_cert_states (person_id, type_id, unit_id, state, valid_now, best_until, certified_months)
  SELECT ppl.id, t.id, ppl.unit_id,
         CASE WHEN h.person_id IS NULL THEN 'NEVER'
              WHEN h.valid_now AND h.best_until <= p_today + p_expiring_days THEN 'EXPIRING'
              WHEN h.valid_now THEN 'VALID'
              WHEN h.latest_revoked THEN 'REVOKED'
              ELSE 'EXPIRED' END,
         coalesce(h.valid_now, false), h.best_until, coalesce(h.certified_months, 0)
    FROM ppl
   CROSS JOIN certification_types t
    LEFT JOIN held h ON h.person_id = ppl.id AND h.type_id = t.id;

  -- Per unit and type; type 0 counts people valid in any type.
  INSERT INTO unit_cert_counts (unit_id, type_id, active, valid, w30, w60, w90, expired, revoked, never)
  SELECT unit_id, type_id, count(*),
         count(*) FILTER (WHERE valid_now),
         count(*) FILTER (WHERE valid_now AND best_until <= p_today + 30),
         count(*) FILTER (WHERE valid_now AND best_until <= p_today + 60),
         count(*) FILTER (WHERE valid_now AND best_until <= p_today + 90),
         count(*) FILTER (WHERE state = 'EXPIRED'),
         count(*) FILTER (WHERE state = 'REVOKED'),
         count(*) FILTER (WHERE state = 'NEVER')
    FROM person_cert_states
   WHERE p_units IS NULL OR unit_id = ANY (p_units)
   GROUP BY unit_id, type_id
  UNION ALL
  SELECT p.unit_id, 0, count(*), count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM person_cert_states s WHERE s.person_id = p.id AND s.valid_now)), 0, 0, 0, 0, 0, 0
    FROM people p
   WHERE p.status = 'ACTIVE' AND (p_units IS NULL OR p.unit_id = ANY (p_units))
   GROUP BY p.unit_id;

  -- Covers ending in each of the 12 months ahead (this month first, from today).
  INSERT INTO unit_cert_months (unit_id, type_id, month, expiring)
  SELECT unit_id, type_id, date_trunc('month', best_until)::date, count(*)
    FROM person_cert_states
   WHERE valid_now AND best_until >= p_today AND best_until < (this_month + interval '12 months')::date
     AND (p_units IS NULL OR unit_id = ANY (p_units))
   GROUP BY 1, 2, 3;

  -- People certified at the last day of each of the 12 months behind (today
  -- for this month), from each standing's month bits; type 0: in any type.
  WITH per AS (
         SELECT unit_id, type_id, certified_months AS m FROM person_cert_states
          WHERE p_units IS NULL OR unit_id = ANY (p_units)
         UNION ALL
         SELECT unit_id, 0, bit_or(certified_months) FROM person_cert_states
          WHERE p_units IS NULL OR unit_id = ANY (p_units)
          GROUP BY unit_id, person_id),
       counted AS (
         SELECT unit_id, type_id, ARRAY[
                            count(*) FILTER (WHERE m & 1 <> 0),
                            count(*) FILTER (WHERE m & 2 <> 0),
                            count(*) FILTER (WHERE m & 4 <> 0),
                            count(*) FILTER (WHERE m & 8 <> 0),
                            count(*) FILTER (WHERE m & 16 <> 0),
                            count(*) FILTER (WHERE m & 32 <> 0),
                            count(*) FILTER (WHERE m & 64 <> 0),
                            count(*) FILTER (WHERE m & 128 <> 0),
                            count(*) FILTER (WHERE m & 256 <> 0),
                            count(*) FILTER (WHERE m & 512 <> 0),
                            count(*) FILTER (WHERE m & 1024 <> 0),
                            count(*) FILTER (WHERE m & 2048 <> 0)] AS n
           FROM per GROUP BY unit_id, type_id)
  INSERT INTO unit_cert_months (unit_id, type_id, month, certified)
  SELECT unit_id, type_id, (this_month - make_interval(months => x.k::int - 1))::date, x.n
    FROM counted CROSS JOIN unnest(counted.n) WITH ORDINALITY AS x(n, k)
   WHERE x.n > 0
  ON CONFLICT (unit_id, type_id, month) DO UPDATE SET certified = excluded.certified;

  UPDATE dashboard_counts_state SET version = version + 1 WHERE id = 1;
  IF p_units IS NULL THEN
    UPDATE dashboard_counts_state SET as_of = p_today, refreshed_at = p_now WHERE id = 1;
    -- Every row was just replaced: give the planner their new shape now.
    ANALYZE person_cert_states, unit_cert_counts, unit_cert_months;
  END IF;
END $$;

-- Brings the counts up to `p_today`: everything when they describe another
-- day, else the units marked stale since the last refresh. One at a time (the
-- lock); a caller that waited finds nothing left to do. Returns what it did.
CREATE FUNCTION dashboard_catch_up(p_today date, p_now timestamptz, p_expiring_days int) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  stale int[];
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('kt1.dashboard_refresh'));
  IF (SELECT as_of FROM dashboard_counts_state WHERE id = 1) IS DISTINCT FROM p_today THEN
    PERFORM dashboard_refresh(NULL, p_today, p_now, p_expiring_days);
    RETURN 'all';
  END IF;
  WITH taken AS (DELETE FROM dashboard_stale_units RETURNING unit_id)
  SELECT array_agg(DISTINCT unit_id) INTO stale FROM taken;
  IF stale IS NULL THEN
    RETURN 'none';
  END IF;
  PERFORM dashboard_refresh(stale, p_today, p_now, p_expiring_days);
  RETURN 'units';
END $$;

-- Statement-level triggers with transition tables: a bulk insert of 300,000
-- certifications marks each unit once, and concurrent writers only append.
CREATE FUNCTION dashboard_mark_certifications() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO dashboard_stale_units (unit_id)
    SELECT DISTINCT p.unit_id FROM new_rows n JOIN people p ON p.id = n.person_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO dashboard_stale_units (unit_id)
    SELECT DISTINCT p.unit_id FROM old_rows o JOIN people p ON p.id = o.person_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER certifications_dashboard_insert AFTER INSERT ON certifications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_certifications();
CREATE TRIGGER certifications_dashboard_update AFTER UPDATE ON certifications
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_certifications();
CREATE TRIGGER certifications_dashboard_delete AFTER DELETE ON certifications
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_certifications();

-- People: joining, leaving (status) and moving change counts; a renamed person does not.
CREATE FUNCTION dashboard_mark_people() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dashboard_stale_units (unit_id) SELECT DISTINCT unit_id FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO dashboard_stale_units (unit_id) SELECT DISTINCT unit_id FROM old_rows;
  ELSE
    INSERT INTO dashboard_stale_units (unit_id)
    SELECT DISTINCT x.unit_id
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     CROSS JOIN LATERAL (VALUES (o.unit_id), (n.unit_id)) AS x(unit_id)
     WHERE o.unit_id <> n.unit_id OR o.status <> n.status;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER people_dashboard_insert AFTER INSERT ON people
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_people();
CREATE TRIGGER people_dashboard_update AFTER UPDATE ON people
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_people();
CREATE TRIGGER people_dashboard_delete AFTER DELETE ON people
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_people();

-- A new or removed certification type changes every person's rows: recompute all.
CREATE FUNCTION dashboard_mark_all() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE dashboard_counts_state SET as_of = NULL WHERE id = 1;
  RETURN NULL;
END $$;

CREATE TRIGGER certification_types_dashboard AFTER INSERT OR DELETE OR UPDATE OF code, name ON certification_types
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_all();

-- A unit renamed, moved (its path changes, and its subtree's) or added: its rows
-- are recounted, which also bumps the version cached views are keyed on.
CREATE FUNCTION dashboard_mark_unit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_stale_units (unit_id) VALUES (NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER units_dashboard AFTER INSERT OR UPDATE OF code, name, kind, parent_id, path ON units
  FOR EACH ROW EXECUTE FUNCTION dashboard_mark_unit();
