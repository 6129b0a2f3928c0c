// A certificate as its page and its PDF show it, and who may open it: the
// holder, or someone who may read people of the holder's unit (`visible`).
// The routes give anyone else the 404 of a missing one (requireFound).
import { can } from "~/domain/access/permissions.ts";
import { statusAt } from "~/domain/exams/validity.ts";
import { dayOf, fromDateColumn } from "~/domain/time/calendar.ts";
import type { SessionUser } from "~/utils/context.server.ts";
import { getDb } from "~/utils/db.server.ts";

/** The certificate as `user` would see it; null when there is none. */
export async function certificateFor(user: SessionUser, certId: number, now: Date) {
  const found = await getDb().certification.findUnique({
    where: { id: certId },
    include: {
      certificationType: { select: { name: true, code: true } },
      person: { select: { id: true, fullName: true, employeeCode: true, unit: { select: { name: true, path: true } } } },
    },
  });
  if (!found) return null;
  const c = found;
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
    visible: isHolder || canReadPerson,
  };
}
