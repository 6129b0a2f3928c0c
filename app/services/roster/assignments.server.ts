import { REASON_CODES, type Reason, type ReasonCode } from "~/domain/roster/eligibility.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { eligibilityOf } from "./eligibility.server.ts";

export type Requester = { personId: number | null; apiTokenId: number | null; path: "PAGE" | "API" | "COPY" };
export type AssignResult =
  | { ok: true; assignmentId: number }
  | { ok: false; error: "NOT_ELIGIBLE"; reasons: Reason[] }
  | { ok: false; error: "SHIFT_FULL" | "ALREADY_ASSIGNED" | "NOT_FOUND" };

/** The reason codes in a refusal raised by the database trigger (its DETAIL). */
export function reasonsFromDatabase(error: unknown): Reason[] | null {
  const text = JSON.stringify(error) + String((error as Error)?.message ?? "");
  if (!/KT1 assignment refused/.test(text)) return null;
  const found = REASON_CODES.filter((c) => text.includes(c));
  return found.map((code: ReasonCode) => ({ code }));
}

export type DutyAt = { stationId: number; unitId: number; dutyTypeId: number; startsAt: Date; endsAt: Date };

/** Keeps a refusal, in its own transaction: it stays although nothing else is written. */
export async function logRefusal(duty: DutyAt, person: { id: number; employeeCode: string }, reasons: Reason[], by: Requester, now: Date) {
  await getDb().refusal.create({
    data: {
      at: now,
      actorId: by.personId,
      apiTokenId: by.apiTokenId,
      personId: person.id,
      employeeCode: person.employeeCode,
      stationId: duty.stationId,
      unitId: duty.unitId,
      dutyTypeId: duty.dutyTypeId,
      startsAt: duty.startsAt,
      endsAt: duty.endsAt,
      reasons: reasons.map((r) => r.code),
      path: by.path,
    },
  });
}

/**
 * Assigns a person to a shift, or refuses with every reason — logged, never
 * stored. The rule is checked here for the reasons and again by the database
 * trigger on insert, which also settles races (a concurrent revocation).
 */
export async function assignToShift(shiftId: number, personId: number, by: Requester, now: Date): Promise<AssignResult> {
  const db = getDb();
  const [shift, person] = await Promise.all([
    db.shift.findUnique({ where: { id: shiftId }, include: { station: { select: { unitId: true, code: true } }, dutyType: { select: { code: true } } } }),
    db.person.findUnique({ where: { id: personId }, select: { id: true, employeeCode: true, unitId: true } }),
  ]);
  if (!shift || !person) return { ok: false, error: "NOT_FOUND" };
  const duty = { stationId: shift.stationId, unitId: shift.station.unitId, dutyTypeId: shift.dutyTypeId, startsAt: shift.startsAt, endsAt: shift.endsAt };
  const check = await eligibilityOf({ personId, dutyTypeId: shift.dutyTypeId, startsAt: shift.startsAt, endsAt: shift.endsAt });
  if (!check.ok) {
    await logRefusal(duty, person, check.reasons, by, now);
    return { ok: false, error: "NOT_ELIGIBLE", reasons: check.reasons };
  }
  try {
    return await auditedTransaction(async (tx) => {
      // Serialise assignments to this shift so the headcount holds.
      await tx.$queryRaw`select id from shifts where id = ${shiftId} for update`;
      const active = await tx.assignment.findMany({ where: { shiftId, status: "ACTIVE" }, select: { personId: true } });
      if (active.some((a) => a.personId === personId)) return { ok: false as const, error: "ALREADY_ASSIGNED" as const };
      if (active.length >= shift.headcount) return { ok: false as const, error: "SHIFT_FULL" as const };
      const a = await tx.assignment.create({ data: { shiftId, personId, source: by.path, createdAt: now, createdById: by.personId } });
      await appendAudit(
        tx,
        { actorId: by.personId, action: "roster.assign", unitId: shift.station.unitId, targetType: "assignment", targetId: a.id, data: { person: person.employeeCode, station: shift.station.code, duty: shift.dutyType.code, startsAt: shift.startsAt.toISOString(), endsAt: shift.endsAt.toISOString(), path: by.path, apiTokenId: by.apiTokenId } },
        now,
      );
      return { ok: true as const, assignmentId: a.id };
    });
  } catch (error) {
    const reasons = reasonsFromDatabase(error);
    if (!reasons) throw error;
    await logRefusal(duty, person, reasons, by, now);
    return { ok: false, error: "NOT_ELIGIBLE", reasons };
  }
}

export async function cancelAssignment(assignmentId: number, by: Requester, reason: string, now: Date) {
  return auditedTransaction(async (tx) => {
    const a = await tx.assignment.findUnique({ where: { id: assignmentId }, include: { shift: { include: { station: true } }, person: { select: { employeeCode: true } } } });
    if (!a) return { ok: false as const, error: "NOT_FOUND" as const };
    if (a.status === "CANCELLED") return { ok: true as const, alreadyCancelled: true };
    await tx.assignment.update({ where: { id: assignmentId }, data: { status: "CANCELLED", cancelledAt: now, cancelledById: by.personId, cancelReason: reason } });
    await appendAudit(
      tx,
      { actorId: by.personId, action: "roster.cancel", unitId: a.shift.station.unitId, targetType: "assignment", targetId: a.id, data: { person: a.person.employeeCode, station: a.shift.station.code, reason, path: by.path, apiTokenId: by.apiTokenId } },
      now,
    );
    return { ok: true as const, alreadyCancelled: false };
  });
}

/**
 * After a revocation (inside its transaction): the trigger has cancelled the
 * person's later assignments; audit them and tell the managers of the
 * stations concerned. Returns the cancelled assignment ids.
 */
export async function afterRevocation(tx: Tx, cert: { personId: number; revokedAt: Date | null; serial: string }, actorId: number | null, now: Date) {
  if (!cert.revokedAt) return [];
  const cancelled = await tx.assignment.findMany({
    where: { personId: cert.personId, status: "CANCELLED", cancelReason: "CERTIFICATION_REVOKED", cancelledAt: cert.revokedAt },
    include: { shift: { include: { station: { include: { unit: { select: { path: true } } } }, dutyType: { select: { name: true } } } }, person: { select: { fullName: true, employeeCode: true } } },
  });
  for (const a of cancelled) {
    await appendAudit(
      tx,
      { actorId, action: "roster.cancel", unitId: a.shift.station.unitId, targetType: "assignment", targetId: a.id, data: { person: a.person.employeeCode, station: a.shift.station.code, reason: "CERTIFICATION_REVOKED", certification: cert.serial } },
      now,
    );
    const managers = await tx.roleGrant.findMany({ where: { role: "MANAGER", unitId: { in: a.shift.station.unit.path } }, select: { personId: true } });
    for (const personId of new Set(managers.map((m) => m.personId))) {
      await tx.notification.create({
        data: {
          personId,
          kind: "ROSTER_SHIFT_SHORT",
          createdAt: now,
          data: { assignmentId: a.id, shiftId: a.shiftId, station: a.shift.station.name, duty: a.shift.dutyType.name, startsAt: a.shift.startsAt.toISOString(), person: a.person.fullName, reason: "CERTIFICATION_REVOKED" },
        },
      });
    }
  }
  return cancelled.map((a) => a.id);
}
