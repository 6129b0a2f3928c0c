import type { Reason } from "~/domain/roster/eligibility.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { pairLeaveReasons } from "~/domain/roster/pair.ts";
import { postgresError, ruleRefusalOf } from "./database-refusal.server.ts";
import { eligibilityOf } from "./eligibility.server.ts";
import { pairBookingCheck, pairMembersOf, pairRuleOf } from "./pair.server.ts";

export type Requester = { personId: number | null; apiTokenId: number | null; path: "PAGE" | "API" | "COPY" };
export type AssignRefusal = "NOT_ELIGIBLE" | "SHIFT_FULL" | "ALREADY_ASSIGNED" | "NOT_FOUND";
export type AssignResult = Result<{ assignmentId: number }, AssignRefusal, Reason>;

export type DutyAt = { stationId: number; unitId: number; dutyTypeId: number; startsAt: Date; endsAt: Date };

/** Keeps a refusal, in its own transaction: it stays although nothing else is written. */
async function logRefusal(duty: DutyAt, person: { id: number; employeeCode: string }, reasons: Reason[], by: Requester, now: Date) {
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
 * The one booking path of every KT1 assignment (page, copy, API, seed): the
 * rule's answer, already computed on what was read, refuses first; else
 * `write` books; a refusal by the database trigger (a change in between, such
 * as a concurrent revocation) is read from its SQLSTATE and DETAIL. Every
 * refusal is logged with its reasons; nothing else is written.
 */
export async function bookUnderRule<T, C extends string>(
  check: Result<unknown, string, Reason>,
  duty: DutyAt,
  person: { id: number; employeeCode: string },
  by: Requester,
  now: Date,
  write: () => Promise<Result<T, C, Reason>>,
): Promise<Result<T, C | "NOT_ELIGIBLE", Reason>> {
  const refuse = async (reasons: Reason[]) => {
    await logRefusal(duty, person, reasons, by, now);
    return refused("NOT_ELIGIBLE", reasons);
  };
  if (!check.ok) return refuse(check.reasons ?? []);
  try {
    return await write();
  } catch (error) {
    const reasons = ruleRefusalOf(error);
    if (!reasons) throw error;
    return refuse(reasons);
  }
}

/**
 * Assigns a person to a shift, or refuses with every reason — logged, never
 * stored. The rule is checked here for the reasons and again by the database
 * trigger on insert, which also settles races (a concurrent revocation).
 */
export async function assignToShift(shiftId: number, personId: number, by: Requester, now: Date): Promise<AssignResult> {
  const db = getDb();
  const [shift, person] = await Promise.all([
    db.shift.findUnique({
      where: { id: shiftId },
      include: { station: { select: { unitId: true, code: true } }, dutyType: { select: { code: true } } },
    }),
    db.person.findUnique({ where: { id: personId }, select: { id: true, employeeCode: true, unitId: true } }),
  ]);
  if (!shift || !person) return refused("NOT_FOUND");
  const duty = {
    stationId: shift.stationId,
    unitId: shift.station.unitId,
    dutyTypeId: shift.dutyTypeId,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
  };
  const [eligibility, pair] = await Promise.all([
    eligibilityOf({ personId, dutyTypeId: shift.dutyTypeId, startsAt: shift.startsAt, endsAt: shift.endsAt }),
    pairBookingCheck(shiftId, personId),
  ]);
  // The person's reasons and the two-person rule's, refused together (the trigger settles races).
  const reasons = [...(eligibility.ok ? [] : (eligibility.reasons ?? [])), ...pair];
  const check = reasons.length ? refused("NOT_ELIGIBLE", reasons) : eligibility;
  return bookUnderRule(check, duty, person, by, now, () =>
    auditedTransaction(async (tx): Promise<Result<{ assignmentId: number }, "SHIFT_FULL" | "ALREADY_ASSIGNED">> => {
      // Serialise assignments to this shift so the headcount holds.
      await tx.$queryRaw`select id from shifts where id = ${shiftId} for update`;
      const active = await tx.assignment.findMany({ where: { shiftId, status: "ACTIVE" }, select: { personId: true } });
      if (active.some((a) => a.personId === personId)) return refused("ALREADY_ASSIGNED");
      if (active.length >= shift.headcount) return refused("SHIFT_FULL");
      const a = await tx.assignment.create({ data: { shiftId, personId, source: by.path, createdAt: now, createdById: by.personId } });
      await appendAudit(
        tx,
        {
          actorId: by.personId,
          action: "roster.assign",
          unitId: shift.station.unitId,
          targetType: "assignment",
          targetId: a.id,
          data: {
            person: person.employeeCode,
            station: shift.station.code,
            duty: shift.dutyType.code,
            startsAt: shift.startsAt.toISOString(),
            endsAt: shift.endsAt.toISOString(),
            path: by.path,
            apiTokenId: by.apiTokenId,
          },
        },
        now,
      );
      return ok({ assignmentId: a.id });
    }),
  );
}

type Cancelled = Result<{ alreadyCancelled: boolean }, "NOT_FOUND" | "NOT_ELIGIBLE", Reason>;

/**
 * Cancels an assignment (the row stays, with the reason); cancelling twice
 * changes nothing. A cancellation that would leave a complete two-person shift
 * without its pair is refused (PAIR_WOULD_BREAK) and logged like a refused
 * booking, unless the shift is marked uncovered.
 */
export async function cancelAssignment(assignmentId: number, by: Requester, reason: string, now: Date): Promise<Cancelled> {
  let refusal: CancelRefusal | null = null;
  try {
    const result = await cancelInTransaction(assignmentId, by, reason, now, (r) => (refusal = r));
    // Logged in its own transaction, as a refused booking is: it stays although nothing else is written.
    const logged = refusal as CancelRefusal | null;
    if (logged) await logRefusal(logged.duty, logged.person, logged.reasons, by, now);
    return result;
  } catch (error) {
    // The trigger's word on a change the check under the shift's lock could not see (a seniority changed).
    if (postgresError(error)?.detail === "PAIR_WOULD_BREAK") return refused("NOT_ELIGIBLE", [{ code: "PAIR_WOULD_BREAK" }]);
    throw error;
  }
}

type CancelRefusal = { duty: DutyAt; person: { id: number; employeeCode: string }; reasons: Reason[] };

function cancelInTransaction(
  assignmentId: number,
  by: Requester,
  reason: string,
  now: Date,
  onRefusal: (r: CancelRefusal) => void,
): Promise<Cancelled> {
  return auditedTransaction(async (tx) => {
    const found = await tx.assignment.findUnique({ where: { id: assignmentId }, select: { shiftId: true } });
    if (!found) return refused("NOT_FOUND");
    // The shift first, then the row, as the pair trigger and the cascades do; its people are then settled.
    await tx.$queryRaw`select id from shifts where id = ${found.shiftId} for update`;
    const a = await tx.assignment.findUnique({
      where: { id: assignmentId },
      include: { shift: { include: { station: true, dutyType: true } }, person: { select: { employeeCode: true } } },
    });
    if (!a) return refused("NOT_FOUND");
    if (a.status === "CANCELLED") return ok({ alreadyCancelled: true });
    const { shift } = a;
    const members = shift.dutyType.requiresPair ? await pairMembersOf(shift.id, tx) : [];
    const pairReasons = pairLeaveReasons(
      pairRuleOf(shift.dutyType),
      { startsAt: shift.startsAt, endsAt: shift.endsAt, uncovered: shift.uncoveredAt !== null },
      members,
      a.personId,
      now,
    );
    if (pairReasons.length) {
      const duty = {
        stationId: shift.stationId,
        unitId: shift.station.unitId,
        dutyTypeId: shift.dutyTypeId,
        startsAt: shift.startsAt,
        endsAt: shift.endsAt,
      };
      onRefusal({ duty, person: { id: a.personId, employeeCode: a.person.employeeCode }, reasons: pairReasons });
      return refused("NOT_ELIGIBLE", pairReasons);
    }
    await tx.assignment.update({
      where: { id: assignmentId },
      data: { status: "CANCELLED", cancelledAt: now, cancelledById: by.personId, cancelReason: reason },
    });
    await appendAudit(
      tx,
      {
        actorId: by.personId,
        action: "roster.cancel",
        unitId: a.shift.station.unitId,
        targetType: "assignment",
        targetId: a.id,
        data: { person: a.person.employeeCode, station: a.shift.station.code, reason, path: by.path, apiTokenId: by.apiTokenId },
      },
      now,
    );
    return ok({ alreadyCancelled: false });
  });
}

export const CANCEL_REASON_MIN = 3;
export const CANCEL_REASON_MAX = 500;

/**
 * Cancels, from a shift's page, an assignment of that shift, giving why (the
 * reason, spaces tidied, CANCEL_REASON_MIN to CANCEL_REASON_MAX characters).
 */
export async function cancelOnShift(
  shiftId: number,
  assignmentId: number,
  reason: string,
  by: Requester,
  now: Date,
): Promise<Result<{ alreadyCancelled: boolean }, "NOT_ON_SHIFT" | "BAD_REASON" | "NOT_ELIGIBLE", Reason>> {
  const a = await getDb().assignment.findUnique({ where: { id: assignmentId }, select: { shiftId: true } });
  if (!a || a.shiftId !== shiftId) return refused("NOT_ON_SHIFT");
  const text = reason.trim().replace(/\s+/g, " ");
  if (text.length < CANCEL_REASON_MIN || text.length > CANCEL_REASON_MAX) return refused("BAD_REASON");
  const result = await cancelAssignment(assignmentId, by, text, now);
  if (result.ok) return result;
  return result.code === "NOT_FOUND" ? refused("NOT_ON_SHIFT") : refused("NOT_ELIGIBLE", result.reasons ?? []);
}

/**
 * After a revocation (inside its transaction): the trigger has cancelled the
 * person's later assignments; audit them and tell the managers of the
 * stations concerned. Returns the cancelled assignment ids.
 */
export async function afterRevocation(
  tx: Tx,
  cert: { personId: number; revokedAt: Date | null; serial: string },
  actorId: number | null,
  now: Date,
) {
  if (!cert.revokedAt) return [];
  const cancelled = await tx.assignment.findMany({
    where: { personId: cert.personId, status: "CANCELLED", cancelReason: "CERTIFICATION_REVOKED", cancelledAt: cert.revokedAt },
    include: {
      shift: { include: { station: { include: { unit: { select: { path: true } } } }, dutyType: { select: { name: true } } } },
      person: { select: { fullName: true, employeeCode: true } },
    },
  });
  for (const a of cancelled) {
    await appendAudit(
      tx,
      {
        actorId,
        action: "roster.cancel",
        unitId: a.shift.station.unitId,
        targetType: "assignment",
        targetId: a.id,
        data: { person: a.person.employeeCode, station: a.shift.station.code, reason: "CERTIFICATION_REVOKED", certification: cert.serial },
      },
      now,
    );
    const managers = await tx.roleGrant.findMany({
      where: { role: "MANAGER", unitId: { in: a.shift.station.unit.path } },
      select: { personId: true },
    });
    for (const personId of new Set(managers.map((m) => m.personId))) {
      await tx.notification.create({
        data: {
          personId,
          kind: "ROSTER_SHIFT_SHORT",
          createdAt: now,
          data: {
            assignmentId: a.id,
            shiftId: a.shiftId,
            station: a.shift.station.name,
            duty: a.shift.dutyType.name,
            startsAt: a.shift.startsAt.toISOString(),
            person: a.person.fullName,
            reason: "CERTIFICATION_REVOKED",
          },
        },
      });
    }
  }
  return cancelled.map((a) => a.id);
}
