-- Staff follow their own duties (decision 065): the iCalendar feed's token (its
-- hash only), swap requests, and a notice for every change of a person's duty,
-- written by triggers on assignments so that no path (page, API, copy, swap,
-- revocation cascade, raw SQL) can change a duty without telling its holder.

-- CreateEnum
CREATE TYPE "SwapStatus" AS ENUM ('REQUESTED', 'ACCEPTED', 'APPROVED', 'DECLINED', 'REFUSED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "assignments" ADD COLUMN "sequence" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "reminder_outbox" ADD COLUMN "assignment_id" INTEGER;

-- CreateTable
CREATE TABLE "duty_feeds" (
    "person_id" INTEGER NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "duty_feeds_pkey" PRIMARY KEY ("person_id")
);

-- CreateTable
CREATE TABLE "duty_swaps" (
    "id" SERIAL NOT NULL,
    "assignment_id" INTEGER NOT NULL,
    "from_person_id" INTEGER NOT NULL,
    "to_person_id" INTEGER NOT NULL,
    "status" "SwapStatus" NOT NULL DEFAULT 'REQUESTED',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" INTEGER,
    "new_assignment_id" INTEGER,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "duty_swaps_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "duty_feeds_token_hash_key" ON "duty_feeds"("token_hash");

-- CreateIndex
CREATE INDEX "duty_swaps_assignment_id_idx" ON "duty_swaps"("assignment_id");

-- CreateIndex
CREATE INDEX "duty_swaps_to_person_id_status_idx" ON "duty_swaps"("to_person_id", "status");

-- CreateIndex
CREATE INDEX "duty_swaps_from_person_id_status_idx" ON "duty_swaps"("from_person_id", "status");

-- AddForeignKey
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duty_feeds" ADD CONSTRAINT "duty_feeds_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_from_person_id_fkey" FOREIGN KEY ("from_person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_to_person_id_fkey" FOREIGN KEY ("to_person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_new_assignment_id_fkey" FOREIGN KEY ("new_assignment_id") REFERENCES "assignments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written.
-- ---------------------------------------------------------------------------

ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_two_people" CHECK ("from_person_id" <> "to_person_id");

-- A duty notice names its assignment and its key "DUTY:<assignment>:<sequence>"
-- (with recipient and channel unique: never twice); the other kinds as before.
ALTER TABLE "reminder_outbox" DROP CONSTRAINT "reminder_outbox_kind_check";
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_kind_check" CHECK (
    CASE WHEN "kind" = 'EXPIRY' THEN
        "certification_id" IS NOT NULL AND "escalation_key" IS NULL AND "subject_person_id" IS NULL AND "certification_type_id" IS NULL
        AND "assignment_id" IS NULL
        AND ((NOT "manual" AND "threshold" IN (90, 30, 7) AND "manual_key" = '' AND "requested_by_id" IS NULL)
             OR ("manual" AND "threshold" = 0 AND "manual_key" <> ''))
    WHEN "kind" = 'DUTY' THEN
        "certification_id" IS NULL AND "escalation_key" IS NOT NULL AND "assignment_id" IS NOT NULL
        AND NOT "manual" AND "threshold" = 0 AND "manual_key" = '' AND "requested_by_id" IS NULL
    ELSE
        "certification_id" IS NULL AND "escalation_key" IS NOT NULL AND "assignment_id" IS NULL
        AND NOT "manual" AND "threshold" = 0 AND "manual_key" = '' AND "requested_by_id" IS NULL
        AND ("kind" = 'DIGEST' OR ("subject_person_id" IS NOT NULL AND "certification_type_id" IS NOT NULL))
    END);

-- An assignment's version for calendars (iCalendar SEQUENCE): one more on every
-- change its holder must hear of; never lowered.
CREATE FUNCTION assignments_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status OR NEW.shift_id <> OLD.shift_id OR NEW.person_id <> OLD.person_id THEN
    NEW.sequence := greatest(NEW.sequence, OLD.sequence + 1);
  ELSIF NEW.sequence < OLD.sequence THEN
    NEW.sequence := OLD.sequence;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assignments_sequence BEFORE UPDATE ON assignments
  FOR EACH ROW EXECUTE FUNCTION assignments_sequence();

-- Moving a shift, or changing its station or duty type, changes every active duty on it.
CREATE FUNCTION shifts_duty_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assignments SET sequence = sequence + 1 WHERE shift_id = NEW.id AND status = 'ACTIVE';
  RETURN NULL;
END $$;
CREATE TRIGGER shifts_duty_changed AFTER UPDATE OF starts_at, ends_at, station_id, duty_type_id ON shifts
  FOR EACH ROW WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.ends_at IS DISTINCT FROM NEW.ends_at
                     OR OLD.station_id IS DISTINCT FROM NEW.station_id OR OLD.duty_type_id IS DISTINCT FROM NEW.duty_type_id)
  EXECUTE FUNCTION shifts_duty_changed();

-- The holder hears of every new, changed or cancelled duty that has not ended:
-- an in-app notification in this same transaction (once per sequence), and an
-- email through the outbox when they have an address (key unique: never twice).
-- The facts are those of the moment of the change; the words are the app's.
CREATE FUNCTION assignments_notice() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  change text;
  facts jsonb;
  address text;
  ends timestamptz;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'ACTIVE' THEN RETURN NULL; END IF;
    change := 'ASSIGNED';
  ELSIF NEW.sequence = OLD.sequence THEN
    RETURN NULL;
  ELSIF NEW.status = 'CANCELLED' THEN
    IF OLD.status = 'CANCELLED' THEN RETURN NULL; END IF;
    change := 'CANCELLED';
  ELSIF OLD.status = 'CANCELLED' OR NEW.person_id <> OLD.person_id THEN
    change := 'ASSIGNED';
  ELSE
    change := 'CHANGED';
  END IF;
  SELECT sh.ends_at,
         jsonb_build_object(
           'assignmentId', NEW.id, 'shiftId', sh.id, 'sequence', NEW.sequence, 'change', change,
           'station', st.name, 'duty', d.name,
           'startsAt', to_char(sh.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'endsAt', to_char(sh.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'reason', CASE WHEN change = 'CANCELLED' THEN NEW.cancel_reason END)
    INTO ends, facts
    FROM shifts sh JOIN stations st ON st.id = sh.station_id JOIN duty_types d ON d.id = sh.duty_type_id
   WHERE sh.id = NEW.shift_id;
  IF ends <= now() THEN RETURN NULL; END IF;
  INSERT INTO notifications (person_id, kind, data, created_at) VALUES (NEW.person_id, 'DUTY_CHANGE', facts, now());
  SELECT email INTO address FROM people WHERE id = NEW.person_id;
  IF address IS NOT NULL THEN
    INSERT INTO reminder_outbox (kind, threshold, recipient_person_id, role, channel, next_attempt_at, created_at,
                                 escalation_key, subject_person_id, assignment_id, data)
    VALUES ('DUTY', 0, NEW.person_id, 'HOLDER', 'EMAIL', now(), now(),
            concat('DUTY:', NEW.id, ':', NEW.sequence), NEW.person_id, NEW.id, facts)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER assignments_notice AFTER INSERT OR UPDATE ON assignments
  FOR EACH ROW EXECUTE FUNCTION assignments_notice();
