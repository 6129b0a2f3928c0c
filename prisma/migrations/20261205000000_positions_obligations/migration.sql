-- Positions, requirement rules and obligations (decisions 042 and 043).

-- CreateTable
CREATE TABLE "positions" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "secret_access" BOOLEAN NOT NULL DEFAULT false,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "positions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "positions_code_key" ON "positions"("code");

-- The catalogue. KHAC is the default for a title nothing else matches.
INSERT INTO positions (code, name, name_en, secret_access, sort_order) VALUES
  ('VAN_THU',        'Văn thư',                          'Records clerk',                         true,  10),
  ('CAN_BO_BMNN',    'Cán bộ được giao xử lý BMNN',      'Officer assigned to state secrets',     true,  20),
  ('LANH_DAO',       'Lãnh đạo đơn vị',                  'Head of unit',                          true,  30),
  ('GDV_KT1',        'Giao dịch viên KT1',               'KT1 counter clerk',                     false, 40),
  ('KHAI_THAC_KT1',  'Nhân viên khai thác KT1',          'KT1 sorting officer',                   false, 50),
  ('BUU_TA_KT1',     'Bưu tá KT1',                       'KT1 postman',                           false, 60),
  ('VAN_CHUYEN_KT1', 'Nhân viên vận chuyển KT1',         'KT1 transport officer',                 false, 70),
  ('AP_TAI',         'Áp tải',                           'KT1 escort',                            false, 80),
  ('CHUYEN_VIEN',    'Chuyên viên',                      'Specialist',                            false, 90),
  ('KHAC',           'Vị trí khác',                      'Other position',                        false, 100);

-- The position a free-text title stands for: its code or name, folded (case and
-- diacritics ignored); else a historical title listed below (decision 043);
-- else KHAC. Used once by this migration and by SQL that inserts people with a
-- title and no position_id (the bench loader, old fixtures).
CREATE FUNCTION kt1_position_for(t text) RETURNS integer
LANGUAGE sql STABLE AS $$
  WITH f AS (SELECT regexp_replace(kt1_fold(btrim(coalesce(t, ''))), '\s+', ' ', 'g') AS v),
  legacy(pattern, code, n) AS (VALUES
    ('can bo van thu%', 'VAN_THU', 1), ('van thu%', 'VAN_THU', 2),
    ('giao dich vien%', 'GDV_KT1', 3),
    ('nhan vien khai thac%', 'KHAI_THAC_KT1', 4), ('chuyen vien khai thac kt1%', 'KHAI_THAC_KT1', 5),
    ('buu ta%', 'BUU_TA_KT1', 6),
    ('nhan vien van chuyen%', 'VAN_CHUYEN_KT1', 7),
    ('%ap tai%', 'AP_TAI', 8),
    ('giam doc%', 'LANH_DAO', 9), ('pho giam doc%', 'LANH_DAO', 10), ('truong %', 'LANH_DAO', 11),
    ('pho truong %', 'LANH_DAO', 12), ('chanh van phong%', 'LANH_DAO', 13), ('pho chanh van phong%', 'LANH_DAO', 14),
    ('chuyen vien%', 'CHUYEN_VIEN', 15))
  SELECT coalesce(
    (SELECT p.id FROM positions p, f WHERE kt1_fold(p.code) = f.v OR kt1_fold(p.name) = f.v ORDER BY p.sort_order LIMIT 1),
    (SELECT p.id FROM legacy l JOIN positions p ON p.code = l.code, f WHERE f.v LIKE l.pattern ORDER BY l.n LIMIT 1),
    (SELECT id FROM positions WHERE code = 'KHAC'))
$$;

-- AlterTable: the free-text title becomes a reference; `position` stays as the
-- position's name, kept by the trigger below and never written by the app, for
-- the readers that show it (decision 043).
ALTER TABLE "people" ADD COLUMN "position_id" INTEGER;
ALTER TABLE "people" ADD COLUMN "position_since" DATE;
UPDATE people SET position_id = kt1_position_for(position), position_since = work_started_on;
ALTER TABLE "people" ALTER COLUMN "position_id" SET NOT NULL;
ALTER TABLE "people" ALTER COLUMN "position_since" SET NOT NULL;
ALTER TABLE "people" ALTER COLUMN "position" SET DEFAULT '';
CREATE INDEX "people_position_id_idx" ON "people"("position_id");
ALTER TABLE "people" ADD CONSTRAINT "people_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE FUNCTION people_position_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.position_id IS NULL THEN
    NEW.position_id := kt1_position_for(NEW.position);
  END IF;
  IF NEW.position_since IS NULL THEN
    NEW.position_since := NEW.work_started_on;
  END IF;
  SELECT name INTO NEW.position FROM positions WHERE id = NEW.position_id;
  RETURN NEW;
END $$;

CREATE TRIGGER people_position_name BEFORE INSERT OR UPDATE OF position_id, position, position_since ON people
  FOR EACH ROW EXECUTE FUNCTION people_position_name();

UPDATE people SET position_id = position_id;

-- A renamed position renames the copy on its people.
CREATE FUNCTION positions_rename_people() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET position = NEW.name WHERE position_id = NEW.id AND position IS DISTINCT FROM NEW.name;
  RETURN NULL;
END $$;

CREATE TRIGGER positions_rename_people AFTER UPDATE OF name ON positions
  FOR EACH ROW EXECUTE FUNCTION positions_rename_people();

-- CreateTable
CREATE TABLE "requirement_rules" (
    "id" SERIAL NOT NULL,
    "unit_kind" "UnitKind",
    "position_id" INTEGER,
    "secret_access" BOOLEAN NOT NULL DEFAULT false,
    "certification_type_id" INTEGER NOT NULL,
    "due_within_days" INTEGER NOT NULL DEFAULT 30,
    "gates_kt1_duty" BOOLEAN NOT NULL DEFAULT false,
    "effective_from" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "requirement_rules_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "requirement_rules_selects_someone" CHECK ("unit_kind" IS NOT NULL OR "position_id" IS NOT NULL OR "secret_access"),
    CONSTRAINT "requirement_rules_due_within_days" CHECK ("due_within_days" BETWEEN 0 AND 3650)
);
CREATE INDEX "requirement_rules_position_id_idx" ON "requirement_rules"("position_id");
CREATE INDEX "requirement_rules_certification_type_id_idx" ON "requirement_rules"("certification_type_id");
ALTER TABLE "requirement_rules" ADD CONSTRAINT "requirement_rules_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "requirement_rules" ADD CONSTRAINT "requirement_rules_certification_type_id_fkey" FOREIGN KEY ("certification_type_id") REFERENCES "certification_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "obligations" (
    "person_id" INTEGER NOT NULL,
    "certification_type_id" INTEGER NOT NULL,
    "rule_id" INTEGER NOT NULL,
    "since" DATE NOT NULL,
    "due_on" DATE NOT NULL,

    CONSTRAINT "obligations_pkey" PRIMARY KEY ("person_id","certification_type_id")
);
CREATE INDEX "obligations_certification_type_id_idx" ON "obligations"("certification_type_id");
CREATE INDEX "obligations_rule_id_idx" ON "obligations"("rule_id");
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_certification_type_id_fkey" FOREIGN KEY ("certification_type_id") REFERENCES "certification_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "requirement_rules"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
