// A manager revokes one of a person's certifications, with a reason, on the
// person page. The row is locked first so two revocations cannot race.
import { z } from "zod";
import { statusAt } from "~/domain/exams/validity.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { getDb } from "~/utils/db.server.ts";
import { revokeCertification } from "./certifications.server.ts";

export const REVOKE_REASON_MIN = 5;
export const REVOKE_REASON_MAX = 500;

const INVALID: MessageKey = "cert.revoke.error.invalid";
const REASON: MessageKey = "cert.revoke.error.reason";

export const certificationRevokeSchema = z.object({
  certificationId: z.coerce.number({ error: INVALID }).int(INVALID).positive(INVALID).max(2_147_483_647, INVALID),
  reason: z
    .string({ error: REASON })
    .transform((s) => s.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(REVOKE_REASON_MIN, REASON).max(REVOKE_REASON_MAX, REASON)),
});

export type RevokeOutcome = "revoked" | "notFound" | "already" | "expired";

/** Revokes `certificationId` if it is `personId`'s and still in force (valid or not yet valid). */
export async function revokePersonCertification(
  personId: number,
  input: { certificationId: number; reason: string },
  actorId: number,
  now: Date,
): Promise<RevokeOutcome> {
  return getDb().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ person_id: number; valid_from: Date; valid_until: Date; revoked_at: Date | null }[]>`
      select person_id, valid_from, valid_until, revoked_at from certifications where id = ${input.certificationId} for update`;
    if (!row || row.person_id !== personId) return "notFound";
    if (row.revoked_at) return "already";
    const day = (d: Date) => d.toISOString().slice(0, 10);
    if (statusAt({ validFrom: day(row.valid_from), validUntil: day(row.valid_until), revokedAt: null }, now) === "EXPIRED") return "expired";
    await revokeCertification(tx, input.certificationId, input.reason, actorId, now);
    return "revoked";
  });
}
