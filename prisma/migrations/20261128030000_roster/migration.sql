-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('ACTIVE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RequestPath" AS ENUM ('PAGE', 'API', 'COPY');

-- CreateTable
CREATE TABLE "stations" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "duty_types" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "min_experience_months" INTEGER NOT NULL DEFAULT 0,
    "requires_commitment" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "duty_types_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "duty_type_certifications" (
    "duty_type_id" INTEGER NOT NULL,
    "certification_type_id" INTEGER NOT NULL,

    CONSTRAINT "duty_type_certifications_pkey" PRIMARY KEY ("duty_type_id","certification_type_id")
);

-- CreateTable
CREATE TABLE "shifts" (
    "id" SERIAL NOT NULL,
    "station_id" INTEGER NOT NULL,
    "duty_type_id" INTEGER NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "headcount" INTEGER NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shifts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "id" SERIAL NOT NULL,
    "shift_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "source" "RequestPath" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" INTEGER,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancelled_by_id" INTEGER,
    "cancel_reason" TEXT,

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refusals" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" INTEGER,
    "api_token_id" INTEGER,
    "person_id" INTEGER,
    "employee_code" TEXT NOT NULL,
    "station_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "duty_type_id" INTEGER NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "reasons" TEXT[],
    "path" "RequestPath" NOT NULL,

    CONSTRAINT "refusals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "scopes" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" INTEGER,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "token_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("token_id","key")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "person_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "stations_code_key" ON "stations"("code");

-- CreateIndex
CREATE INDEX "stations_unit_id_idx" ON "stations"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "duty_types_code_key" ON "duty_types"("code");

-- CreateIndex
CREATE INDEX "shifts_station_id_starts_at_idx" ON "shifts"("station_id", "starts_at");

-- CreateIndex
CREATE INDEX "shifts_starts_at_idx" ON "shifts"("starts_at");

-- CreateIndex
CREATE INDEX "assignments_person_id_status_idx" ON "assignments"("person_id", "status");

-- CreateIndex
CREATE INDEX "assignments_shift_id_status_idx" ON "assignments"("shift_id", "status");

-- CreateIndex
CREATE INDEX "refusals_unit_id_at_idx" ON "refusals"("unit_id", "at");

-- CreateIndex
CREATE INDEX "refusals_at_idx" ON "refusals"("at");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "notifications_person_id_read_at_idx" ON "notifications"("person_id", "read_at");

-- AddForeignKey
ALTER TABLE "stations" ADD CONSTRAINT "stations_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duty_type_certifications" ADD CONSTRAINT "duty_type_certifications_duty_type_id_fkey" FOREIGN KEY ("duty_type_id") REFERENCES "duty_types"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duty_type_certifications" ADD CONSTRAINT "duty_type_certifications_certification_type_id_fkey" FOREIGN KEY ("certification_type_id") REFERENCES "certification_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "stations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_duty_type_id_fkey" FOREIGN KEY ("duty_type_id") REFERENCES "duty_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_shift_id_fkey" FOREIGN KEY ("shift_id") REFERENCES "shifts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: the KT1 assignment rule, enforced for every writer.
-- Mirrors app/domain/roster/eligibility.ts; tests hold both to the same cases.
-- ---------------------------------------------------------------------------

ALTER TABLE shifts ADD CONSTRAINT shifts_time_order CHECK (ends_at > starts_at);
ALTER TABLE shifts ADD CONSTRAINT shifts_headcount CHECK (headcount BETWEEN 1 AND 100);
ALTER TABLE duty_types ADD CONSTRAINT duty_types_experience CHECK (min_experience_months BETWEEN 0 AND 600);
ALTER TABLE assignments ADD CONSTRAINT assignments_cancellation CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL));

-- The first instant of a calendar day in Vietnam (UTC+7, no daylight saving).
CREATE FUNCTION vn_day_start(d date) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT d::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
$$;

-- Every reason why person p may not take a duty of type t from s to e (empty: eligible).
-- Locks what it reads: the person row (serialising assignment writes per person,
-- which makes the overlap check race-free) and the certification rows (so a
-- concurrent revocation waits for this transaction, or this one for it).
CREATE FUNCTION assignment_violations(p integer, t integer, s timestamptz, e timestamptz, exclude integer)
RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
  reasons text[] := '{}';
  who record;
  duty record;
  req record;
  c record;
  start_day date := (s AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
  months integer;
  code text;
BEGIN
  SELECT status, work_started_on, commitment_signed_on INTO who FROM people WHERE id = p FOR NO KEY UPDATE;
  IF NOT FOUND THEN RETURN ARRAY['PERSON_INACTIVE']::text[]; END IF;
  SELECT min_experience_months, requires_commitment INTO duty FROM duty_types WHERE id = t;
  IF who.status <> 'ACTIVE' THEN reasons := array_append(reasons, 'PERSON_INACTIVE'); END IF;
  FOR req IN SELECT certification_type_id AS id FROM duty_type_certifications WHERE duty_type_id = t ORDER BY 1 LOOP
    PERFORM 1 FROM certifications WHERE person_id = p AND certification_type_id = req.id FOR SHARE;
    SELECT
      coalesce(bool_or((revoked_at IS NULL OR revoked_at >= e) AND vn_day_start(valid_from) <= s AND vn_day_start(valid_until + 1) >= e), false) AS covering,
      count(*) > 0 AS any_held,
      coalesce(bool_or((revoked_at IS NULL OR revoked_at >= e) AND vn_day_start(valid_from) > s), false) AS not_yet,
      coalesce(bool_or(revoked_at IS NULL OR revoked_at >= e), false) AS live
    INTO c FROM certifications WHERE person_id = p AND certification_type_id = req.id;
    IF c.covering THEN CONTINUE; END IF;
    code := CASE WHEN NOT c.any_held THEN 'NO_CERTIFICATION'
                 WHEN c.not_yet THEN 'CERTIFICATION_NOT_YET_VALID'
                 WHEN c.live THEN 'CERTIFICATION_EXPIRES_BEFORE_END'
                 ELSE 'CERTIFICATION_REVOKED' END;
    IF NOT code = ANY (reasons) THEN reasons := array_append(reasons, code); END IF;
  END LOOP;
  months := (extract(year FROM age(start_day, who.work_started_on)) * 12 + extract(month FROM age(start_day, who.work_started_on)))::integer;
  IF months < duty.min_experience_months THEN reasons := array_append(reasons, 'INSUFFICIENT_EXPERIENCE'); END IF;
  IF duty.requires_commitment AND (who.commitment_signed_on IS NULL OR who.commitment_signed_on > start_day) THEN
    reasons := array_append(reasons, 'NO_COMMITMENT');
  END IF;
  IF EXISTS (SELECT 1 FROM assignments a JOIN shifts sh ON sh.id = a.shift_id
              WHERE a.person_id = p AND a.status = 'ACTIVE' AND a.id IS DISTINCT FROM exclude
                AND sh.starts_at < e AND sh.ends_at > s) THEN
    reasons := array_append(reasons, 'OVERLAPPING_ASSIGNMENT');
  END IF;
  RETURN reasons;
END $$;

-- No active assignment is ever stored that breaks the rule, whoever writes it.
CREATE FUNCTION assignments_enforce() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sh record;
  v text[];
BEGIN
  IF NEW.status <> 'ACTIVE' THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = 'ACTIVE' AND NEW.shift_id = OLD.shift_id AND NEW.person_id = OLD.person_id THEN
    RETURN NEW;
  END IF;
  SELECT starts_at, ends_at, duty_type_id INTO sh FROM shifts WHERE id = NEW.shift_id;
  v := assignment_violations(NEW.person_id, sh.duty_type_id, sh.starts_at, sh.ends_at, NEW.id);
  IF cardinality(v) > 0 THEN
    RAISE EXCEPTION 'KT1 assignment refused: %', array_to_string(v, ',')
      USING ERRCODE = 'check_violation', DETAIL = array_to_string(v, ',');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assignments_enforce BEFORE INSERT OR UPDATE ON assignments
  FOR EACH ROW EXECUTE FUNCTION assignments_enforce();

-- Moving a shift or changing its duty type re-checks everyone on it.
CREATE FUNCTION shifts_enforce() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a record;
  v text[];
BEGIN
  FOR a IN SELECT id, person_id FROM assignments WHERE shift_id = NEW.id AND status = 'ACTIVE' LOOP
    v := assignment_violations(a.person_id, NEW.duty_type_id, NEW.starts_at, NEW.ends_at, a.id);
    IF cardinality(v) > 0 THEN
      RAISE EXCEPTION 'shift change would break assignment %: %', a.id, array_to_string(v, ',') USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  RETURN NEW;
END $$;
CREATE TRIGGER shifts_enforce BEFORE UPDATE OF starts_at, ends_at, duty_type_id ON shifts
  FOR EACH ROW EXECUTE FUNCTION shifts_enforce();

-- Tightening a duty type's requirements must not leave violating assignments behind.
CREATE FUNCTION duty_requirements_enforce() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t integer;
  a record;
BEGIN
  -- Separate branches: plpgsql resolves NEW's fields only on the branch it runs.
  IF TG_TABLE_NAME = 'duty_types' THEN t := NEW.id; ELSE t := NEW.duty_type_id; END IF;
  FOR a IN SELECT asg.id, asg.person_id, sh.starts_at, sh.ends_at FROM assignments asg JOIN shifts sh ON sh.id = asg.shift_id
            WHERE sh.duty_type_id = t AND asg.status = 'ACTIVE' AND sh.ends_at > now() LOOP
    IF cardinality(assignment_violations(a.person_id, t, a.starts_at, a.ends_at, a.id)) > 0 THEN
      RAISE EXCEPTION 'new requirements would break assignment %; cancel it first', a.id USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER duty_types_enforce AFTER UPDATE OF min_experience_months, requires_commitment ON duty_types
  FOR EACH ROW EXECUTE FUNCTION duty_requirements_enforce();
CREATE TRIGGER duty_type_certifications_enforce AFTER INSERT ON duty_type_certifications
  FOR EACH ROW EXECUTE FUNCTION duty_requirements_enforce();

-- Revoking a certification, or a person leaving or losing a requirement,
-- cancels their active assignments that end afterwards and no longer qualify;
-- they stay as history with the reason.
CREATE FUNCTION cancel_unqualified_assignments(p integer, at timestamptz, why text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  a record;
  n integer := 0;
BEGIN
  FOR a IN SELECT asg.id, sh.duty_type_id, sh.starts_at, sh.ends_at FROM assignments asg JOIN shifts sh ON sh.id = asg.shift_id
            WHERE asg.person_id = p AND asg.status = 'ACTIVE' AND sh.ends_at > at ORDER BY sh.starts_at LOOP
    IF cardinality(assignment_violations(p, a.duty_type_id, a.starts_at, a.ends_at, a.id)) > 0 THEN
      UPDATE assignments SET status = 'CANCELLED', cancelled_at = at, cancel_reason = why WHERE id = a.id;
      n := n + 1;
    END IF;
  END LOOP;
  RETURN n;
END $$;

CREATE FUNCTION certifications_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cancel_unqualified_assignments(NEW.person_id, NEW.revoked_at, 'CERTIFICATION_REVOKED');
  RETURN NULL;
END $$;
CREATE TRIGGER certifications_cascade AFTER UPDATE OF revoked_at ON certifications
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION certifications_cascade();

CREATE FUNCTION people_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cancel_unqualified_assignments(NEW.id, now(), CASE WHEN NEW.status = 'LEFT' THEN 'PERSON_LEFT' ELSE 'REQUIREMENT_LOST' END);
  RETURN NULL;
END $$;
CREATE TRIGGER people_cascade AFTER UPDATE OF status, work_started_on, commitment_signed_on ON people
  FOR EACH ROW EXECUTE FUNCTION people_cascade();
