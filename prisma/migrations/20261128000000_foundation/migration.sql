-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('PROVINCE', 'DEPARTMENT', 'AGENCY', 'POLICE', 'POST_OFFICE', 'COMMUNE_POST_OFFICE', 'STATION');

-- CreateEnum
CREATE TYPE "PersonStatus" AS ENUM ('ACTIVE', 'LEFT');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('LEARNER', 'TRAINER', 'MANAGER', 'AUDITOR', 'ADMIN');

-- CreateTable
CREATE TABLE "units" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "parent_id" INTEGER,
    "path" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "people" (
    "id" SERIAL NOT NULL,
    "employee_code" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "position" TEXT NOT NULL,
    "work_started_on" DATE NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "status" "PersonStatus" NOT NULL DEFAULT 'ACTIVE',
    "commitment_signed_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" SERIAL NOT NULL,
    "person_id" INTEGER NOT NULL,
    "password_hash" TEXT NOT NULL,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_grants" (
    "id" SERIAL NOT NULL,
    "person_id" INTEGER NOT NULL,
    "role" "Role" NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "granted_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "account_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" INTEGER,
    "action" TEXT NOT NULL,
    "unit_id" INTEGER,
    "target_type" TEXT,
    "target_id" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "units_code_key" ON "units"("code");

-- CreateIndex
CREATE INDEX "units_parent_id_idx" ON "units"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "people_employee_code_key" ON "people"("employee_code");

-- CreateIndex
CREATE UNIQUE INDEX "people_email_key" ON "people"("email");

-- CreateIndex
CREATE INDEX "people_unit_id_idx" ON "people"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_person_id_key" ON "accounts"("person_id");

-- CreateIndex
CREATE INDEX "role_grants_unit_id_idx" ON "role_grants"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "role_grants_person_id_role_unit_id_key" ON "role_grants"("person_id", "role", "unit_id");

-- CreateIndex
CREATE INDEX "sessions_account_id_idx" ON "sessions"("account_id");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE INDEX "rate_limits_window_start_idx" ON "rate_limits"("window_start");

-- CreateIndex
CREATE INDEX "audit_entries_at_idx" ON "audit_entries"("at");

-- CreateIndex
CREATE INDEX "audit_entries_unit_id_at_idx" ON "audit_entries"("unit_id", "at");

-- CreateIndex
CREATE INDEX "audit_entries_actor_id_at_idx" ON "audit_entries"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_entries_action_at_idx" ON "audit_entries"("action", "at");

-- AddForeignKey
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- CreateIndex
CREATE INDEX "units_path_idx" ON "units" USING GIN ("path");

-- ---------------------------------------------------------------------------
-- Hand-written: rules Prisma's schema language cannot express.
-- ---------------------------------------------------------------------------

-- Emails are compared case-insensitively at login; store them lower-cased.
ALTER TABLE "people" ADD CONSTRAINT "people_email_lowercase" CHECK (email = lower(email));
ALTER TABLE "people" ADD CONSTRAINT "people_full_name_present" CHECK (length(btrim(full_name)) > 0);
ALTER TABLE "units" ADD CONSTRAINT "units_not_own_parent" CHECK (parent_id IS NULL OR parent_id <> id);

-- Unit paths ({1,4,9}) are derived from parent_id here, so no writer can get
-- them wrong; moving a unit re-paths its whole subtree and refuses cycles.
CREATE FUNCTION units_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE parent_path integer[];
BEGIN
  IF NEW.parent_id IS NULL THEN
    NEW.path := ARRAY[NEW.id];
  ELSE
    SELECT path INTO parent_path FROM units WHERE id = NEW.parent_id;
    IF parent_path IS NULL THEN
      RAISE EXCEPTION 'parent unit % does not exist', NEW.parent_id;
    END IF;
    IF NEW.id = ANY(parent_path) THEN
      RAISE EXCEPTION 'unit % cannot be moved under its own subtree', NEW.id;
    END IF;
    NEW.path := parent_path || NEW.id;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER units_set_path BEFORE INSERT OR UPDATE OF parent_id, path ON units
  FOR EACH ROW EXECUTE FUNCTION units_set_path();

CREATE FUNCTION units_repath_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Touching parent_id re-runs units_set_path on each child, recursively.
  UPDATE units SET parent_id = parent_id WHERE parent_id = NEW.id;
  RETURN NULL;
END $$;

-- No column list: a column list matches the UPDATE's SET clause, not columns
-- changed by a BEFORE trigger, and path is only ever changed by one.
CREATE TRIGGER units_repath_children AFTER UPDATE ON units
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION units_repath_children();

-- The audit log is append-only for everyone who connects as the app.
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entries is append-only';
END $$;

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
