// A reminder sent by hand from the person page: outbox rows for the holder
// (IN_APP, and EMAIL when email is on and they have an address) with threshold
// 0, the manual flag and the form's one-time key, so a double submit of the
// same form is one reminder. Audited as "reminder.manual".
import { z } from "zod";
import { MANUAL_THRESHOLD } from "~/domain/reminders/thresholds.ts";
import { statusAt } from "~/domain/exams/validity.ts";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import { idSchema } from "~/utils/ids.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { getMailTransport } from "./mailer.server.ts";

export const remindSchema = z.object({
  certificationId: idSchema,
  remindKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});

/** The outbox rows written (none for a repeated key), or why not. */
export type ManualReminderOutcome = Result<{ ids: number[]; duplicate: boolean }, "notFound" | "notValid" | "left">;

export async function sendManualReminder(
  input: { personId: number; certificationId: number; key: string; actorId: number; email?: boolean },
  now: Date,
): Promise<ManualReminderOutcome> {
  const email = input.email ?? getMailTransport() !== null;
  return auditedTransaction(async (tx): Promise<ManualReminderOutcome> => {
    const cert = await tx.certification.findUnique({
      where: { id: input.certificationId },
      include: {
        person: { select: { id: true, status: true, email: true, unitId: true, employeeCode: true } },
        certificationType: { select: { code: true } },
      },
    });
    if (!cert || cert.personId !== input.personId) return refused("notFound");
    if (cert.person.status !== "ACTIVE") return refused("left");
    const status = statusAt(
      { validFrom: fromDateColumn(cert.validFrom), validUntil: fromDateColumn(cert.validUntil), revokedAt: cert.revokedAt },
      now,
    );
    if (status !== "VALID") return refused("notValid");
    const channels = email && cert.person.email ? (["IN_APP", "EMAIL"] as const) : (["IN_APP"] as const);
    const rows = await tx.reminderOutbox.createManyAndReturn({
      data: channels.map((channel) => ({
        certificationId: cert.id,
        threshold: MANUAL_THRESHOLD,
        recipientPersonId: cert.personId,
        role: "HOLDER" as const,
        channel,
        nextAttemptAt: now,
        createdAt: now,
        manual: true,
        manualKey: input.key,
        requestedById: input.actorId,
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    if (rows.length === 0) return ok({ ids: [], duplicate: true });
    await appendAudit(
      tx,
      {
        actorId: input.actorId,
        action: "reminder.manual",
        unitId: cert.person.unitId,
        targetType: "certification",
        targetId: cert.id,
        data: {
          serial: cert.serial,
          type: cert.certificationType.code,
          person: cert.person.employeeCode,
          validUntil: fromDateColumn(cert.validUntil),
          channels: [...channels],
        },
      },
      now,
    );
    return ok({ ids: rows.map((r) => r.id), duplicate: false });
  });
}
