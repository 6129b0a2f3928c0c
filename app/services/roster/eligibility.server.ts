import { checkEligibility, type Reason } from "~/domain/roster/eligibility.ts";
import type { Tx } from "~/utils/db.server.ts";
import { getDb } from "~/utils/db.server.ts";

const day = (d: Date) => d.toISOString().slice(0, 10);
type Reader = Pick<Tx, "person" | "dutyType" | "certification" | "assignment">;

/** Loads what the rule needs and applies it (the database checks the same again on write). */
export async function eligibilityOf(
  input: { personId: number; dutyTypeId: number; startsAt: Date; endsAt: Date; excludeAssignmentId?: number },
  db: Reader = getDb(),
): Promise<{ ok: true } | { ok: false; reasons: Reason[] }> {
  const [person, dutyType, certifications, others] = await Promise.all([
    db.person.findUnique({ where: { id: input.personId }, select: { status: true, workStartedOn: true, commitmentSignedOn: true } }),
    db.dutyType.findUniqueOrThrow({ where: { id: input.dutyTypeId }, include: { requiredCertifications: { select: { certificationTypeId: true } } } }),
    db.certification.findMany({ where: { personId: input.personId }, select: { certificationTypeId: true, validFrom: true, validUntil: true, revokedAt: true } }),
    db.assignment.findMany({
      where: { personId: input.personId, status: "ACTIVE", id: input.excludeAssignmentId ? { not: input.excludeAssignmentId } : undefined, shift: { startsAt: { lt: input.endsAt }, endsAt: { gt: input.startsAt } } },
      select: { shift: { select: { startsAt: true, endsAt: true } } },
    }),
  ]);
  if (!person) return { ok: false, reasons: [{ code: "PERSON_INACTIVE" }] };
  return checkEligibility({
    duty: { startsAt: input.startsAt, endsAt: input.endsAt },
    dutyType: { requiredCertificationTypeIds: dutyType.requiredCertifications.map((r) => r.certificationTypeId), minExperienceMonths: dutyType.minExperienceMonths, requiresCommitment: dutyType.requiresCommitment },
    person: { status: person.status, workStartedOn: day(person.workStartedOn), commitmentSignedOn: person.commitmentSignedOn ? day(person.commitmentSignedOn) : null },
    certifications: certifications.map((c) => ({ certificationTypeId: c.certificationTypeId, validFrom: day(c.validFrom), validUntil: day(c.validUntil), revokedAt: c.revokedAt })),
    otherAssignments: others.map((o) => o.shift),
  });
}
