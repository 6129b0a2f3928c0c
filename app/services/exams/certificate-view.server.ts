// Who may open a certificate (its page and its PDF): the holder, or someone who
// may read people of the holder's unit. Anyone else gets the 404 of a missing one.
import { can } from "~/domain/access/permissions.ts";
import { statusAt } from "~/domain/exams/validity.ts";
import { dayOf, fromDateColumn } from "~/domain/time/calendar.ts";
import { notFound, requireFound } from "~/utils/auth.server.ts";
import type { SessionUser } from "~/utils/context.server.ts";
import { getDb } from "~/utils/db.server.ts";


/** A positive 32-bit id from a URL segment, else a 404. */
export function certificateId(raw: string | undefined): number {
  const id = Number(raw);
  if (!/^\d{1,10}$/.test(raw ?? "") || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  return id;
}

export async function viewableCertificate(user: SessionUser, certId: number, now: Date) {
  const found = await getDb().certification.findUnique({
    where: { id: certId },
    include: {
      certificationType: { select: { name: true, code: true } },
      person: { select: { id: true, fullName: true, employeeCode: true, unit: { select: { name: true, path: true } } } },
    },
  });
  const c = requireFound(found, (c) => c.personId === user.personId || can(user.grants, "people:read", c.person.unit.path));
  const isHolder = c.personId === user.personId;
  const canReadPerson = can(user.grants, "people:read", c.person.unit.path);
  const dates = { validFrom: fromDateColumn(c.validFrom), validUntil: fromDateColumn(c.validUntil) };
  return {
    id: c.id,
    serial: c.serial,
    verificationCode: c.verificationCode,
    typeName: c.certificationType.name,
    typeCode: c.certificationType.code,
    source: c.source,
    issuedAt: c.issuedAt.toISOString(),
    ...dates,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revokedOn: c.revokedAt ? dayOf(c.revokedAt) : null,
    revokeReason: c.revokeReason,
    status: statusAt({ ...dates, revokedAt: c.revokedAt }, now),
    person: { id: c.person.id, fullName: c.person.fullName, employeeCode: c.person.employeeCode, unitName: c.person.unit.name },
    isHolder,
    canReadPerson,
  };
}
