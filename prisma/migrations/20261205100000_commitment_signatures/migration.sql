-- The commitment to protect state secrets becomes a versioned text that people
-- sign (decision 044); the typed date on people becomes a paper record.

-- CreateEnum
CREATE TYPE "CommitmentSignatureKind" AS ENUM ('ELECTRONIC', 'PAPER');

-- CreateTable
CREATE TABLE "commitment_versions" (
    "id" SERIAL NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "text_sha256" CHAR(64) NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "published_by_id" INTEGER,

    CONSTRAINT "commitment_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commitment_signatures" (
    "id" SERIAL NOT NULL,
    "person_id" INTEGER NOT NULL,
    "version_id" INTEGER NOT NULL,
    "text_sha256" CHAR(64) NOT NULL,
    "kind" "CommitmentSignatureKind" NOT NULL,
    "signed_on" DATE NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "typed_name" TEXT,
    "ip_address" TEXT,
    "recorded_by_id" INTEGER,
    "scan_id" INTEGER,
    "note" TEXT,

    CONSTRAINT "commitment_signatures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commitment_scans" (
    "id" SERIAL NOT NULL,
    "content_type" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "bytes" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "commitment_scans_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "commitment_versions_number_key" ON "commitment_versions"("number");

-- CreateIndex
CREATE UNIQUE INDEX "commitment_versions_id_text_sha256_key" ON "commitment_versions"("id", "text_sha256");

-- CreateIndex
CREATE UNIQUE INDEX "commitment_signatures_scan_id_key" ON "commitment_signatures"("scan_id");

-- CreateIndex
CREATE INDEX "commitment_signatures_version_id_idx" ON "commitment_signatures"("version_id");

-- CreateIndex
CREATE UNIQUE INDEX "commitment_signatures_person_id_version_id_key" ON "commitment_signatures"("person_id", "version_id");

-- AddForeignKey
ALTER TABLE "commitment_versions" ADD CONSTRAINT "commitment_versions_published_by_id_fkey" FOREIGN KEY ("published_by_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_signatures" ADD CONSTRAINT "commitment_signatures_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_signatures" ADD CONSTRAINT "commitment_signatures_version_id_text_sha256_fkey" FOREIGN KEY ("version_id", "text_sha256") REFERENCES "commitment_versions"("id", "text_sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_signatures" ADD CONSTRAINT "commitment_signatures_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_signatures" ADD CONSTRAINT "commitment_signatures_scan_id_fkey" FOREIGN KEY ("scan_id") REFERENCES "commitment_scans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written (decision 044): the commitment is signed, not typed.
-- ---------------------------------------------------------------------------

ALTER TABLE commitment_versions ADD CONSTRAINT commitment_versions_number_positive CHECK (number > 0);
ALTER TABLE commitment_versions ADD CONSTRAINT commitment_versions_text_present CHECK (length(btrim(text)) > 0);
-- The stored hash is the text's: a signature's copy of it (a foreign key) names exactly what was signed.
ALTER TABLE commitment_versions ADD CONSTRAINT commitment_versions_text_hash
  CHECK (text_sha256 = encode(sha256(convert_to(text, 'UTF8')), 'hex'));
-- In the app: the typed name and the request's address. On paper: a scan, or the note of a carried-over date.
ALTER TABLE commitment_signatures ADD CONSTRAINT commitment_signatures_kind_fields CHECK (
  CASE kind
    WHEN 'ELECTRONIC' THEN typed_name IS NOT NULL AND ip_address IS NOT NULL AND recorded_by_id IS NULL AND scan_id IS NULL
    ELSE typed_name IS NULL AND ip_address IS NULL AND (scan_id IS NOT NULL OR note IS NOT NULL)
  END);
ALTER TABLE commitment_scans ADD CONSTRAINT commitment_scans_size CHECK (size > 0 AND size = octet_length(bytes));

-- The typed dates become paper records of version 1, "the text in force at
-- migration" (created only when there are dates to carry over; a new database
-- gets its first text from an admin or the demo seed).
INSERT INTO commitment_versions (number, text, text_sha256, published_at)
SELECT 1, t.body, encode(sha256(convert_to(t.body, 'UTF8')), 'hex'), now()
  FROM (SELECT $text$BẢN CAM KẾT BẢO VỆ BÍ MẬT NHÀ NƯỚC

Tôi là người được giao tiếp nhận, chuyển giao, khai thác, vận chuyển hoặc quản lý tài liệu, vật chứa bí mật nhà nước qua mạng bưu chính KT1. Căn cứ Luật Bảo vệ bí mật nhà nước số 117/2025/QH15 và quy chế bảo vệ bí mật nhà nước của cơ quan, đơn vị, tôi cam kết:

1. Chấp hành nghiêm quy định của pháp luật, quy chế và nội quy của cơ quan, đơn vị về bảo vệ bí mật nhà nước.
2. Chỉ tiếp cận, sử dụng bí mật nhà nước trong phạm vi nhiệm vụ được giao và đúng mục đích; không tự ý sao, chụp, ghi âm, ghi hình, mang ra ngoài hoặc cung cấp cho người không có trách nhiệm.
3. Không mở, xem hoặc làm hư hỏng bao bì, dấu niêm phong của bưu gửi KT1; giao nhận, vận chuyển, bảo quản đúng quy trình và ký nhận đầy đủ vào sổ theo dõi.
4. Không trao đổi nội dung bí mật nhà nước qua điện thoại, thư điện tử, mạng xã hội hoặc bất kỳ phương tiện nào không được phép.
5. Khi phát hiện bưu gửi KT1 bị bóc mở, thất lạc hoặc có dấu hiệu lộ, mất bí mật nhà nước, báo cáo ngay người phụ trách và làm theo hướng dẫn để ngăn chặn, khắc phục.
6. Khi thôi việc, chuyển công tác, nghỉ hưu hoặc không còn được giao nhiệm vụ, bàn giao đầy đủ tài liệu, vật chứa bí mật nhà nước đang quản lý và tiếp tục giữ bí mật những thông tin đã biết.
7. Tôi hiểu rằng nếu vi phạm cam kết này, tùy tính chất, mức độ, tôi sẽ bị xử lý kỷ luật, xử phạt vi phạm hành chính hoặc truy cứu trách nhiệm hình sự theo quy định của pháp luật.

Tôi đã đọc kỹ, hiểu rõ và tự nguyện ký bản cam kết này.$text$::text AS body) t
 WHERE EXISTS (SELECT 1 FROM people WHERE commitment_signed_on IS NOT NULL);
INSERT INTO commitment_signatures (person_id, version_id, text_sha256, kind, signed_on, recorded_at, note)
SELECT p.id, v.id, v.text_sha256, 'PAPER', p.commitment_signed_on, now(), 'nhập từ dữ liệu cũ'
  FROM people p CROSS JOIN (SELECT id, text_sha256 FROM commitment_versions ORDER BY number DESC LIMIT 1) v
 WHERE p.commitment_signed_on IS NOT NULL;

-- The column goes; the cascade on people no longer watches it (signatures are never removed).
DROP TRIGGER people_cascade ON people;
ALTER TABLE "people" DROP COLUMN "commitment_signed_on";
CREATE TRIGGER people_cascade AFTER UPDATE OF status, work_started_on ON people
  FOR EACH ROW EXECUTE FUNCTION people_cascade();

-- The Vietnam day person p signed the current (highest-numbered) text; null when not signed.
CREATE FUNCTION current_commitment_signed_on(p integer) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT s.signed_on FROM commitment_signatures s
   WHERE s.person_id = p
     AND s.version_id = (SELECT v.id FROM commitment_versions v ORDER BY v.number DESC LIMIT 1)
$$;

-- The rule for a booking, as in the roster migration, reading the signature of
-- the current text instead of the typed date. Mirrors app/domain/roster/eligibility.ts.
CREATE OR REPLACE FUNCTION assignment_violations(p integer, t integer, s timestamptz, e timestamptz, exclude integer)
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
  signed_on date;
BEGIN
  SELECT status, work_started_on INTO who FROM people WHERE id = p FOR NO KEY UPDATE;
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
  IF duty.requires_commitment THEN
    signed_on := current_commitment_signed_on(p);
    IF signed_on IS NULL OR signed_on > start_day THEN reasons := array_append(reasons, 'NO_COMMITMENT'); END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM assignments a JOIN shifts sh ON sh.id = a.shift_id
              WHERE a.person_id = p AND a.status = 'ACTIVE' AND a.id IS DISTINCT FROM exclude
                AND sh.starts_at < e AND sh.ends_at > s) THEN
    reasons := array_append(reasons, 'OVERLAPPING_ASSIGNMENT');
  END IF;
  RETURN reasons;
END $$;

-- What breaks an assignment already booked: the booking rule, except that a
-- commitment signed before a newer text was published still carries it (a new
-- text is required of new bookings only; decision 044). Used by the re-checks
-- below: a moved shift, tightened requirements, the cascades.
CREATE FUNCTION kept_assignment_violations(p integer, t integer, s timestamptz, e timestamptz, a integer)
RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
  v text[] := assignment_violations(p, t, s, e, a);
BEGIN
  IF 'NO_COMMITMENT' = ANY (v) AND EXISTS (
       SELECT 1 FROM commitment_signatures WHERE person_id = p AND signed_on <= (s AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) THEN
    v := array_remove(v, 'NO_COMMITMENT');
  END IF;
  RETURN v;
END $$;

CREATE OR REPLACE FUNCTION shifts_enforce() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a record;
  v text[];
BEGIN
  FOR a IN SELECT id, person_id FROM assignments WHERE shift_id = NEW.id AND status = 'ACTIVE' LOOP
    v := kept_assignment_violations(a.person_id, NEW.duty_type_id, NEW.starts_at, NEW.ends_at, a.id);
    IF cardinality(v) > 0 THEN
      RAISE EXCEPTION 'shift change would break assignment %: %', a.id, array_to_string(v, ',') USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION duty_requirements_enforce() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t integer;
  a record;
BEGIN
  -- Separate branches: plpgsql resolves NEW's fields only on the branch it runs.
  IF TG_TABLE_NAME = 'duty_types' THEN t := NEW.id; ELSE t := NEW.duty_type_id; END IF;
  FOR a IN SELECT asg.id, asg.person_id, sh.starts_at, sh.ends_at FROM assignments asg JOIN shifts sh ON sh.id = asg.shift_id
            WHERE sh.duty_type_id = t AND asg.status = 'ACTIVE' AND sh.ends_at > now() LOOP
    IF cardinality(kept_assignment_violations(a.person_id, t, a.starts_at, a.ends_at, a.id)) > 0 THEN
      RAISE EXCEPTION 'new requirements would break assignment %; cancel it first', a.id USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cancel_unqualified_assignments(p integer, at timestamptz, why text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  a record;
  n integer := 0;
BEGIN
  FOR a IN SELECT asg.id, sh.duty_type_id, sh.starts_at, sh.ends_at FROM assignments asg JOIN shifts sh ON sh.id = asg.shift_id
            WHERE asg.person_id = p AND asg.status = 'ACTIVE' AND sh.ends_at > at ORDER BY sh.starts_at LOOP
    IF cardinality(kept_assignment_violations(p, a.duty_type_id, a.starts_at, a.ends_at, a.id)) > 0 THEN
      UPDATE assignments SET status = 'CANCELLED', cancelled_at = at, cancel_reason = why WHERE id = a.id;
      n := n + 1;
    END IF;
  END LOOP;
  RETURN n;
END $$;

-- The application's copy of the rule reads the same day (app/services/roster/eligibility.server.ts).
CREATE OR REPLACE FUNCTION roster_rule_inputs(p_person integer, p_duty_type integer, p_start timestamptz, p_end timestamptz, p_exclude integer)
RETURNS json LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN json_build_object(
    'person', (SELECT json_build_object('status', p.status, 'workStartedOn', p.work_started_on, 'commitmentSignedOn', current_commitment_signed_on(p.id))
               FROM people p WHERE p.id = p_person),
    'dutyType', (SELECT json_build_object('minExperienceMonths', d.min_experience_months, 'requiresCommitment', d.requires_commitment,
                   'required', ARRAY(SELECT r.certification_type_id FROM duty_type_certifications r WHERE r.duty_type_id = d.id ORDER BY 1))
                 FROM duty_types d WHERE d.id = p_duty_type),
    'certifications', ARRAY(SELECT json_build_object('t', c.certification_type_id, 'from', c.valid_from, 'until', c.valid_until, 'revokedAt', c.revoked_at)
                            FROM certifications c WHERE c.person_id = p_person ORDER BY c.id),
    'others', ARRAY(SELECT json_build_object('startsAt', sh.starts_at, 'endsAt', sh.ends_at, 'stationId', sh.station_id, 'dutyTypeId', sh.duty_type_id)
                    FROM assignments a JOIN shifts sh ON sh.id = a.shift_id
                    WHERE a.person_id = p_person AND a.status = 'ACTIVE' AND a.id IS DISTINCT FROM p_exclude
                      AND sh.starts_at < p_end AND sh.ends_at > p_start
                    ORDER BY a.id));
END $$;
