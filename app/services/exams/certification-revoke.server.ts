// A manager revokes one of a person's certifications, with a reason, on the
// person page. The holder and then the row are locked first (the lock order of
// decision 028), so two revocations cannot race and none deadlocks with an assignment.
import { z } from "zod";
import { ok, refused, type Result } from "~/domain/result.ts";
import { statusAt } from "~/domain/exams/validity.ts";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { idField } from "~/utils/ids.ts";
import { auditedTransaction } from "../audit.server.ts";
import { lockCertificationForChange, revokeCertification } from "./certifications.server.ts";

const REVOKE_REASON_MIN = 5;
const REVOKE_REASON_MAX = 500;

const INVALID: MessageKey = "cert.revoke.error.invalid";
const REASON: MessageKey = "cert.revoke.error.reason";

export const certificationRevokeSchema = z.object({
  certificationId: idField(INVALID),
  reason: z
    .string({ error: REASON })
    .transform((s) => s.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(REVOKE_REASON_MIN, REASON).max(REVOKE_REASON_MAX, REASON)),
});

export type RevokeRefusal = "notFound" | "already" | "expired";

/** Revokes `certificationId` if it is `personId`'s and still in force (valid or not yet valid). */
export async function revokePersonCertification(
  personId: number,
  input: { certificationId: number; reason: string },
  actorId: number,
  now: Date,
): Promise<Result<undefined, RevokeRefusal>> {
  return auditedTransaction(async (tx) => {
    const row = await lockCertificationForChange(tx, input.certificationId);
    if (!row || row.person_id !== personId) return refused("notFound");
    if (row.revoked_at) return refused("already");
    if (
      statusAt({ validFrom: fromDateColumn(row.valid_from), validUntil: fromDateColumn(row.valid_until), revokedAt: null }, now) ===
      "EXPIRED"
    )
      return refused("expired");
    await revokeCertification(tx, input.certificationId, input.reason, actorId, now);
    return ok();
  });
}
