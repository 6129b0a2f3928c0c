-- Obligation escalation through the reminder outbox (decision 046): rows about an
-- obligation (person, certification type) or a manager's weekly digest, kept
-- "never twice" by the unique (escalation_key, recipient, channel).

-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('EXPIRY', 'DUE_SOON', 'DUE_TODAY', 'OVERDUE', 'DIGEST');

-- AlterTable
ALTER TABLE "reminder_outbox"
    ADD COLUMN "kind" "ReminderKind" NOT NULL DEFAULT 'EXPIRY',
    ALTER COLUMN "certification_id" DROP NOT NULL,
    ADD COLUMN "subject_person_id" INTEGER,
    ADD COLUMN "certification_type_id" INTEGER,
    ADD COLUMN "escalation_key" TEXT,
    ADD COLUMN "data" JSONB;

-- Hand-written (Prisma cannot express checks). An expiry row names its
-- certification (automatic: a real threshold and the empty manual key; by hand:
-- threshold 0 and its own key); an escalation is automatic, names its key and,
-- unless it is a digest, the obligation (person and certification type).
ALTER TABLE "reminder_outbox" DROP CONSTRAINT "reminder_outbox_kind_check";
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_kind_check" CHECK (
    CASE WHEN "kind" = 'EXPIRY' THEN
        "certification_id" IS NOT NULL AND "escalation_key" IS NULL AND "subject_person_id" IS NULL AND "certification_type_id" IS NULL
        AND ((NOT "manual" AND "threshold" IN (90, 30, 7) AND "manual_key" = '' AND "requested_by_id" IS NULL)
             OR ("manual" AND "threshold" = 0 AND "manual_key" <> ''))
    ELSE
        "certification_id" IS NULL AND "escalation_key" IS NOT NULL
        AND NOT "manual" AND "threshold" = 0 AND "manual_key" = '' AND "requested_by_id" IS NULL
        AND ("kind" = 'DIGEST' OR ("subject_person_id" IS NOT NULL AND "certification_type_id" IS NOT NULL))
    END);

-- CreateIndex
CREATE UNIQUE INDEX "reminder_outbox_escalation_key_recipient_person_id_channel_key" ON "reminder_outbox"("escalation_key", "recipient_person_id", "channel");

-- CreateIndex
CREATE INDEX "reminder_outbox_subject_person_id_idx" ON "reminder_outbox"("subject_person_id");

-- AddForeignKey
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_subject_person_id_fkey" FOREIGN KEY ("subject_person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_certification_type_id_fkey" FOREIGN KEY ("certification_type_id") REFERENCES "certification_types"("id") ON DELETE CASCADE ON UPDATE CASCADE;
