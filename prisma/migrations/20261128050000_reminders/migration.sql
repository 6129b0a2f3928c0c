-- CreateEnum
CREATE TYPE "ReminderRole" AS ENUM ('HOLDER', 'MANAGER');

-- CreateEnum
CREATE TYPE "ReminderChannel" AS ENUM ('EMAIL', 'IN_APP');

-- CreateEnum
CREATE TYPE "ReminderStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "reminder_outbox" (
    "id" SERIAL NOT NULL,
    "certification_id" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "recipient_person_id" INTEGER NOT NULL,
    "role" "ReminderRole" NOT NULL,
    "channel" "ReminderChannel" NOT NULL,
    "status" "ReminderStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "manual_key" TEXT NOT NULL DEFAULT '',
    "requested_by_id" INTEGER,

    CONSTRAINT "reminder_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reminder_outbox_status_channel_next_attempt_at_idx" ON "reminder_outbox"("status", "channel", "next_attempt_at");

-- CreateIndex
CREATE INDEX "reminder_outbox_recipient_person_id_idx" ON "reminder_outbox"("recipient_person_id");

-- CreateIndex
CREATE UNIQUE INDEX "reminder_outbox_certification_id_threshold_recipient_person_key" ON "reminder_outbox"("certification_id", "threshold", "recipient_person_id", "channel", "manual_key");

-- AddForeignKey
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_certification_id_fkey" FOREIGN KEY ("certification_id") REFERENCES "certifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_recipient_person_id_fkey" FOREIGN KEY ("recipient_person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma cannot express checks). Automatic rows carry a real
-- threshold and the empty manual key, so the unique index above covers them;
-- a reminder sent by hand has threshold 0 and its own non-empty key.
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_kind_check" CHECK (
    (NOT "manual" AND "threshold" IN (90, 30, 7) AND "manual_key" = '' AND "requested_by_id" IS NULL)
    OR ("manual" AND "threshold" = 0 AND "manual_key" <> '')
);
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_attempts_check" CHECK ("attempts" >= 0);
