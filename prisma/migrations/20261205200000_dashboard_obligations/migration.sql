-- The dashboard measured against obligations (decision 045): each stored
-- standing gains the person's obligation for the type (its status and dates as
-- of the counts' day), and the per-unit counts count obligations instead of
-- certification states. Decision 012's design is unchanged: triggers mark
-- units stale (now also on obligations), reads recount them, a new day
-- recounts everything (DUE becomes OVERDUE at the due date that way).

-- AlterTable
ALTER TABLE "person_cert_states" ADD COLUMN "obligation" TEXT,
ADD COLUMN "obligation_due_on" DATE,
ADD COLUMN "obligation_until" DATE;

-- AlterTable
ALTER TABLE "unit_cert_counts" DROP COLUMN "w30",
DROP COLUMN "w60",
DROP COLUMN "w90",
DROP COLUMN "expired",
DROP COLUMN "revoked",
DROP COLUMN "never",
ADD COLUMN "obligated" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "compliant" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "expiring" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "due" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "due_soon" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "overdue" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "expired" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "revoked" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "late" INTEGER NOT NULL DEFAULT 0;

-- ---------------------------------------------------------------------------
-- Hand-written below.
-- ---------------------------------------------------------------------------

DROP FUNCTION dashboard_catch_up(date, timestamptz, int);
DROP FUNCTION dashboard_refresh(int[], date, timestamptz, int);

-- Recomputes the counts of `p_units` (null: every unit) as of the Vietnam day
-- `p_today`, with revocations counted from `p_now`. The rules are those of
-- app/domain/dashboard/state.ts (dashboardStanding: the certification standing,
-- and the obligation's status by app/domain/obligations/status.ts; a test holds
-- the two to the same answers). `p_expiring_days` is EXPIRING_DAYS,
-- `p_due_soon_days` DUE_SOON_DAYS (app/domain/dashboard/filters.ts).
CREATE FUNCTION dashboard_refresh(p_units int[], p_today date, p_now timestamptz, p_expiring_days int, p_due_soon_days int) RETURNS void
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

  -- Each active person's standing per type, and their obligation's status.
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
          GROUP BY c.person_id, c.certification_type_id),
       owed AS (
         SELECT o.person_id, o.certification_type_id AS type_id, o.due_on
           FROM obligations o JOIN ppl ON ppl.id = o.person_id),
       -- The live certifications of obligated types in runs that touch or
       -- overlap (a renewal starting the day after the last one ends continues
       -- the run); the run covering today ends when the cover ends.
       live AS (
         SELECT c.person_id, c.certification_type_id AS type_id, c.valid_from, c.valid_until,
                max(c.valid_until) OVER (PARTITION BY c.person_id, c.certification_type_id ORDER BY c.valid_from, c.valid_until
                                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
           FROM certifications c JOIN owed ON owed.person_id = c.person_id AND owed.type_id = c.certification_type_id
          WHERE c.revoked_at IS NULL OR c.revoked_at > p_now),
       runs AS (
         SELECT person_id, type_id, valid_from, valid_until,
                count(*) FILTER (WHERE reach IS NULL OR valid_from > reach + 1)
                  OVER (PARTITION BY person_id, type_id ORDER BY valid_from, valid_until ROWS UNBOUNDED PRECEDING) AS run
           FROM live),
       cover AS (
         SELECT person_id, type_id, max(valid_until) AS until
           FROM runs GROUP BY person_id, type_id, run
         HAVING min(valid_from) <= p_today AND max(valid_until) >= p_today),
       -- The certification that started last (latest end; of equal ends, one
       -- not revoked, else the latest revocation): what lapsed.
       lapsed AS (
         SELECT DISTINCT ON (c.person_id, c.certification_type_id)
                c.person_id, c.certification_type_id AS type_id, c.valid_until,
                CASE WHEN c.revoked_at <= p_now THEN (c.revoked_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END AS revoked_on
           FROM certifications c JOIN owed ON owed.person_id = c.person_id AND owed.type_id = c.certification_type_id
          WHERE c.valid_from <= p_today
          ORDER BY c.person_id, c.certification_type_id, c.valid_until DESC,
                   (c.revoked_at IS NOT NULL AND c.revoked_at <= p_now), c.revoked_at DESC),
       obliged AS (
         SELECT owed.person_id, owed.type_id, owed.due_on, cv.until, l.valid_until AS lapsed_until, l.revoked_on,
                CASE WHEN cv.until IS NOT NULL THEN
                          CASE WHEN p_today >= cv.until - t.renewal_window_days THEN 'EXPIRING' ELSE 'COMPLIANT' END
                     WHEN p_today <= owed.due_on THEN 'DUE'
                     WHEN l.person_id IS NULL THEN 'OVERDUE'
                     WHEN l.revoked_on IS NOT NULL THEN 'REVOKED'
                     ELSE 'EXPIRED' END AS status
           FROM owed
           JOIN certification_types t ON t.id = owed.type_id
           LEFT JOIN cover cv ON cv.person_id = owed.person_id AND cv.type_id = owed.type_id
           LEFT JOIN lapsed l ON l.person_id = owed.person_id AND l.type_id = owed.type_id)
  INSERT INTO person_cert_states (person_id, type_id, unit_id, state, valid_now, best_until, certified_months,
                                  obligation, obligation_due_on, obligation_until)
  SELECT ppl.id, t.id, ppl.unit_id,
         CASE WHEN h.person_id IS NULL THEN 'NEVER'
              WHEN h.valid_now AND h.best_until <= p_today + p_expiring_days THEN 'EXPIRING'
              WHEN h.valid_now THEN 'VALID'
              WHEN h.latest_revoked THEN 'REVOKED'
              ELSE 'EXPIRED' END,
         coalesce(h.valid_now, false), h.best_until, coalesce(h.certified_months, 0),
         ob.status,
         CASE ob.status WHEN 'EXPIRING' THEN ob.until WHEN 'DUE' THEN ob.due_on WHEN 'OVERDUE' THEN ob.due_on
                        WHEN 'REVOKED' THEN ob.revoked_on WHEN 'EXPIRED' THEN ob.lapsed_until END,
         CASE WHEN ob.status IN ('COMPLIANT', 'EXPIRING') THEN ob.until
              WHEN ob.status IN ('REVOKED', 'EXPIRED') THEN ob.lapsed_until END
    FROM ppl
   CROSS JOIN certification_types t
    LEFT JOIN held h ON h.person_id = ppl.id AND h.type_id = t.id
    LEFT JOIN obliged ob ON ob.person_id = ppl.id AND ob.type_id = t.id;

  -- Per unit and type: active people, those certified, and the obligations by
  -- status. Type 0 counts people: certified in any type; obligated for any
  -- type; compliant with every obligation; with any obligation in each status.
  INSERT INTO unit_cert_counts (unit_id, type_id, active, valid, obligated, compliant, expiring, due, due_soon, overdue, expired, revoked, late)
  SELECT unit_id, type_id, count(*),
         count(*) FILTER (WHERE valid_now),
         count(obligation),
         count(*) FILTER (WHERE obligation IN ('COMPLIANT', 'EXPIRING')),
         count(*) FILTER (WHERE obligation = 'EXPIRING'),
         count(*) FILTER (WHERE obligation = 'DUE'),
         count(*) FILTER (WHERE obligation IN ('DUE', 'EXPIRING') AND obligation_due_on <= p_today + p_due_soon_days),
         count(*) FILTER (WHERE obligation = 'OVERDUE'),
         count(*) FILTER (WHERE obligation = 'EXPIRED'),
         count(*) FILTER (WHERE obligation = 'REVOKED'),
         count(*) FILTER (WHERE obligation IN ('OVERDUE', 'EXPIRED', 'REVOKED'))
    FROM person_cert_states
   WHERE p_units IS NULL OR unit_id = ANY (p_units)
   GROUP BY unit_id, type_id
  UNION ALL
  SELECT p.unit_id, 0, count(*),
         count(*) FILTER (WHERE s.valid),
         count(*) FILTER (WHERE s.obligated > 0),
         count(*) FILTER (WHERE s.obligated > 0 AND s.compliant = s.obligated),
         count(*) FILTER (WHERE s.expiring), count(*) FILTER (WHERE s.due), count(*) FILTER (WHERE s.due_soon),
         count(*) FILTER (WHERE s.overdue), count(*) FILTER (WHERE s.expired), count(*) FILTER (WHERE s.revoked),
         count(*) FILTER (WHERE s.overdue OR s.expired OR s.revoked)
    FROM people p
    LEFT JOIN (
         SELECT person_id, bool_or(valid_now) AS valid, count(obligation) AS obligated,
                count(*) FILTER (WHERE obligation IN ('COMPLIANT', 'EXPIRING')) AS compliant,
                bool_or(obligation = 'EXPIRING') AS expiring, bool_or(obligation = 'DUE') AS due,
                bool_or(obligation IN ('DUE', 'EXPIRING') AND obligation_due_on <= p_today + p_due_soon_days) AS due_soon,
                bool_or(obligation = 'OVERDUE') AS overdue, bool_or(obligation = 'EXPIRED') AS expired,
                bool_or(obligation = 'REVOKED') AS revoked
           FROM person_cert_states
          WHERE p_units IS NULL OR unit_id = ANY (p_units)
          GROUP BY person_id) s ON s.person_id = p.id
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
CREATE FUNCTION dashboard_catch_up(p_today date, p_now timestamptz, p_expiring_days int, p_due_soon_days int) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  stale int[];
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('kt1.dashboard_refresh'));
  IF (SELECT as_of FROM dashboard_counts_state WHERE id = 1) IS DISTINCT FROM p_today THEN
    PERFORM dashboard_refresh(NULL, p_today, p_now, p_expiring_days, p_due_soon_days);
    RETURN 'all';
  END IF;
  WITH taken AS (DELETE FROM dashboard_stale_units RETURNING unit_id)
  SELECT array_agg(DISTINCT unit_id) INTO stale FROM taken;
  IF stale IS NULL THEN
    RETURN 'none';
  END IF;
  PERFORM dashboard_refresh(stale, p_today, p_now, p_expiring_days, p_due_soon_days);
  RETURN 'units';
END $$;

-- Obligations added, changed (rule, dates) or removed: their people's units
-- are recounted. The function marks the units of `person_id` in the
-- transition tables, as it does for certifications.
CREATE TRIGGER obligations_dashboard_insert AFTER INSERT ON obligations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_certifications();
CREATE TRIGGER obligations_dashboard_update AFTER UPDATE ON obligations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_certifications();
CREATE TRIGGER obligations_dashboard_delete AFTER DELETE ON obligations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_certifications();

-- A type's renewal window decides EXPIRING: changing it recounts everything.
DROP TRIGGER certification_types_dashboard ON certification_types;
CREATE TRIGGER certification_types_dashboard AFTER INSERT OR DELETE OR UPDATE OF code, name, renewal_window_days ON certification_types
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_all();

-- The stored counts have a new shape: recount everything on the next read.
DELETE FROM unit_cert_counts;
UPDATE dashboard_counts_state SET as_of = NULL WHERE id = 1;
