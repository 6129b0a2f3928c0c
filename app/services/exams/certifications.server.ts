import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { issueDates, statusAt, type CertStatus } from "~/domain/exams/validity.ts";
import { dayOf, fromDateColumn, toDateColumn } from "~/domain/time/calendar.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { appendAudit } from "../audit.server.ts";
import { afterRevocation } from "../roster/assignments.server.ts";

/** 20 random bytes: the public verification code, unguessable. */
function verificationCode() {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * Issues a certification inside the caller's transaction (the grading or the
 * training-session record). The person's certifications of that type are
 * locked first, so two passes at once cannot both renew the same one.
 */
export async function issueCertification(
  tx: Tx,
  input: { personId: number; certificationTypeId: number; source: "EXAM" | "IN_PERSON"; attemptId?: number; trainingAttendanceId?: number },
  actorId: number | null,
  now: Date,
) {
  const type = await tx.certificationType.findUniqueOrThrow({ where: { id: input.certificationTypeId } });
  const held = await tx.$queryRaw<{ id: number; valid_from: Date; valid_until: Date; revoked_at: Date | null }[]>`
    select id, valid_from, valid_until, revoked_at from certifications
     where person_id = ${input.personId} and certification_type_id = ${input.certificationTypeId}
     for update`;
  const dates = issueDates(
    now,
    type.validityMonths,
    type.renewalWindowDays,
    held.map((c) => ({
      id: c.id,
      validFrom: fromDateColumn(c.valid_from),
      validUntil: fromDateColumn(c.valid_until),
      revoked: c.revoked_at !== null,
    })),
  );
  const [{ id }] = await tx.$queryRaw<{ id: number }[]>`select nextval('certifications_id_seq')::int as id`;
  const serial = `KT1-${dayOf(now).slice(0, 4)}-${String(id).padStart(6, "0")}`;
  const cert = await tx.certification.create({
    data: {
      id,
      serial,
      verificationCode: verificationCode(),
      personId: input.personId,
      certificationTypeId: input.certificationTypeId,
      source: input.source,
      issuedAt: now,
      validFrom: toDateColumn(dates.validFrom),
      validUntil: toDateColumn(dates.validUntil),
      attemptId: input.attemptId ?? null,
      trainingAttendanceId: input.trainingAttendanceId ?? null,
      renewsId: dates.renewsId,
    },
  });
  const person = await tx.person.findUniqueOrThrow({ where: { id: input.personId }, select: { unitId: true } });
  await appendAudit(
    tx,
    {
      actorId,
      action: "certification.issue",
      unitId: person.unitId,
      targetType: "certification",
      targetId: cert.id,
      data: {
        serial,
        type: type.code,
        source: input.source,
        validFrom: dates.validFrom,
        validUntil: dates.validUntil,
        renews: dates.renewsId,
      },
    },
    now,
  );
  return cert;
}

/**
 * Locks a certification for a change of its standing (revocation) in the one
 * order every roster path takes (decision 028): its holder's row first, with
 * the strength the roster rule's trigger takes it (FOR NO KEY UPDATE, in
 * assignment_violations), then the certification. Taken the other way round,
 * against an assignment (person, then certifications), the two deadlocked.
 * Returns the certification as locked, or null when there is none.
 */
export async function lockCertificationForChange(tx: Tx, certificationId: number) {
  // The holder never changes (no path updates person_id), so reading it unlocked is safe.
  await tx.$queryRaw`select p.id from people p where p.id = (select person_id from certifications where id = ${certificationId}) for no key update`;
  const [row] = await tx.$queryRaw<{ person_id: number; valid_from: Date; valid_until: Date; revoked_at: Date | null }[]>`
    select person_id, valid_from, valid_until, revoked_at from certifications where id = ${certificationId} for update`;
  return row ?? null;
}

/**
 * Revokes inside the caller's transaction, which must have locked the
 * certification with lockCertificationForChange first (the database then
 * cancels the assignments it carried, re-checking the rule under the person's lock).
 */
export async function revokeCertification(tx: Tx, certificationId: number, reason: string, actorId: number | null, now: Date) {
  const cert = await tx.certification.update({
    where: { id: certificationId },
    data: { revokedAt: now, revokedById: actorId, revokeReason: reason },
    include: { person: { select: { unitId: true } }, certificationType: { select: { code: true } } },
  });
  await appendAudit(
    tx,
    {
      actorId,
      action: "certification.revoke",
      unitId: cert.person.unitId,
      targetType: "certification",
      targetId: cert.id,
      data: { serial: cert.serial, type: cert.certificationType.code, reason },
    },
    now,
  );
  // The database cancelled the assignments this certification was carrying.
  const cancelledAssignmentIds = await afterRevocation(tx, cert, actorId, now);
  return { ...cert, cancelledAssignmentIds };
}

export type CertificationView = {
  id: number;
  serial: string;
  verificationCode: string;
  typeCode: string;
  typeName: string;
  source: "EXAM" | "IN_PERSON";
  issuedAt: Date;
  validFrom: string;
  validUntil: string;
  revokedAt: Date | null;
  revokeReason: string | null;
  status: CertStatus;
};

export async function certificationsOf(personId: number, now: Date): Promise<CertificationView[]> {
  const rows = await getDb().certification.findMany({
    where: { personId },
    orderBy: [{ validUntil: "desc" }],
    include: { certificationType: { select: { code: true, name: true } } },
  });
  return rows.map((c) => ({
    id: c.id,
    serial: c.serial,
    verificationCode: c.verificationCode,
    typeCode: c.certificationType.code,
    typeName: c.certificationType.name,
    source: c.source,
    issuedAt: c.issuedAt,
    validFrom: fromDateColumn(c.validFrom),
    validUntil: fromDateColumn(c.validUntil),
    revokedAt: c.revokedAt,
    revokeReason: c.revokeReason,
    status: statusAt({ validFrom: fromDateColumn(c.validFrom), validUntil: fromDateColumn(c.validUntil), revokedAt: c.revokedAt }, now),
  }));
}

/** The public verification answer: status, certificate number, name, type and dates — nothing else. */
export async function verifyCertificate(code: string, now: Date) {
  const c = await getDb().certification.findUnique({
    where: { verificationCode: code },
    select: {
      serial: true,
      validFrom: true,
      validUntil: true,
      revokedAt: true,
      person: { select: { fullName: true } },
      certificationType: { select: { name: true } },
    },
  });
  if (!c) return null;
  const dates = { validFrom: fromDateColumn(c.validFrom), validUntil: fromDateColumn(c.validUntil) };
  return {
    status: statusAt({ ...dates, revokedAt: c.revokedAt }, now),
    // Printed on the certificate: the reader compares it with the paper in hand.
    serial: c.serial,
    fullName: c.person.fullName,
    typeName: c.certificationType.name,
    ...dates,
    revokedOn: c.revokedAt ? dayOf(c.revokedAt) : null,
  };
}
