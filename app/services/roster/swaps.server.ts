// Swap requests (decision 065): a holder asks to give one of their duties to a
// named colleague; the colleague accepts (or declines); a manager of the
// station approves (or declines). Approval is a booking like any other:
// bookUnderRule checks the rule, the database trigger checks it again, and a
// refusal is logged with its reasons in the refusal log. The holder's duty is
// cancelled and the colleague's booked in one transaction, so either both
// happen or neither. Every step is audited; the assignments trigger tells both
// people of their changed duties.
import { can, type Grant } from "~/domain/access/permissions.ts";
import type { Reason } from "~/domain/roster/eligibility.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { bookUnderRule } from "./assignments.server.ts";
import { eligibilityOf } from "./eligibility.server.ts";

/** The cancel reason written on the holder's assignment when a swap is approved. */
export const SWAP_CANCEL_REASON = "SWAP";

const OPEN = ["REQUESTED", "ACCEPTED"] as const;

type Locked = { id: number; assignment_id: number; from_person_id: number; to_person_id: number; status: string };

async function lockSwap(tx: Tx, id: number): Promise<Locked | null> {
  const [row] = await tx.$queryRaw<Locked[]>`
    select id, assignment_id, from_person_id, to_person_id, status::text as status from duty_swaps where id = ${id} for update`;
  return row ?? null;
}

async function unitOfAssignment(tx: Tx, assignmentId: number) {
  const a = await tx.assignment.findUnique({
    where: { id: assignmentId },
    select: { shift: { select: { station: { select: { unitId: true } } } } },
  });
  return a?.shift.station.unitId ?? null;
}

export type RequestRefusal = "NOT_FOUND" | "NOT_OPEN" | "STARTED" | "UNKNOWN_COLLEAGUE" | "SELF" | "PENDING";

/** The holder asks to give `assignmentId` to the colleague with `employeeCode`, who must work under the station's unit. */
export async function requestSwap(
  fromPersonId: number,
  assignmentId: number,
  employeeCode: string,
  now: Date,
): Promise<Result<{ swapId: number }, RequestRefusal>> {
  return auditedTransaction(async (tx) => {
    // The assignment row's lock serialises requests for it (one open request at a time).
    const [a] = await tx.$queryRaw<{ person_id: number; status: string; starts_at: Date; unit_id: number }[]>`
      select a.person_id, a.status::text as status, sh.starts_at, st.unit_id
        from assignments a join shifts sh on sh.id = a.shift_id join stations st on st.id = sh.station_id
       where a.id = ${assignmentId} for update of a`;
    if (!a || a.person_id !== fromPersonId) return refused("NOT_FOUND");
    if (a.status !== "ACTIVE") return refused("NOT_OPEN");
    if (a.starts_at <= now) return refused("STARTED");
    const colleague = await tx.person.findUnique({
      where: { employeeCode: employeeCode.trim().toUpperCase() },
      select: { id: true, status: true, employeeCode: true, unit: { select: { path: true } } },
    });
    if (!colleague || colleague.status !== "ACTIVE" || !colleague.unit.path.includes(a.unit_id)) return refused("UNKNOWN_COLLEAGUE");
    if (colleague.id === fromPersonId) return refused("SELF");
    const open = await tx.dutySwap.findFirst({ where: { assignmentId, status: { in: [...OPEN] } }, select: { id: true } });
    if (open) return refused("PENDING");
    const swap = await tx.dutySwap.create({ data: { assignmentId, fromPersonId, toPersonId: colleague.id, createdAt: now } });
    await appendAudit(
      tx,
      {
        actorId: fromPersonId,
        action: "roster.swap.request",
        unitId: a.unit_id,
        targetType: "duty_swap",
        targetId: swap.id,
        data: { assignmentId, to: colleague.employeeCode },
      },
      now,
    );
    return ok({ swapId: swap.id });
  });
}

/** The named colleague accepts or declines a request made to them. */
export async function answerSwap(
  swapId: number,
  personId: number,
  accept: boolean,
  now: Date,
): Promise<Result<undefined, "NOT_FOUND" | "NOT_OPEN">> {
  return auditedTransaction(async (tx) => {
    const swap = await lockSwap(tx, swapId);
    if (!swap || swap.to_person_id !== personId) return refused("NOT_FOUND");
    if (swap.status !== "REQUESTED") return refused("NOT_OPEN");
    await tx.dutySwap.update({ where: { id: swapId }, data: { status: accept ? "ACCEPTED" : "DECLINED", answeredAt: now } });
    const unitId = await unitOfAssignment(tx, swap.assignment_id);
    await appendAudit(
      tx,
      {
        actorId: personId,
        action: accept ? "roster.swap.accept" : "roster.swap.decline",
        unitId,
        targetType: "duty_swap",
        targetId: swapId,
      },
      now,
    );
    return ok();
  });
}

/** The holder withdraws their open request. */
export async function withdrawSwap(swapId: number, personId: number, now: Date): Promise<Result<undefined, "NOT_FOUND" | "NOT_OPEN">> {
  return auditedTransaction(async (tx) => {
    const swap = await lockSwap(tx, swapId);
    if (!swap || swap.from_person_id !== personId) return refused("NOT_FOUND");
    if (!(OPEN as readonly string[]).includes(swap.status)) return refused("NOT_OPEN");
    await tx.dutySwap.update({ where: { id: swapId }, data: { status: "WITHDRAWN", decidedAt: now } });
    const unitId = await unitOfAssignment(tx, swap.assignment_id);
    await appendAudit(tx, { actorId: personId, action: "roster.swap.withdraw", unitId, targetType: "duty_swap", targetId: swapId }, now);
    return ok();
  });
}

export type DecideRefusal = "NOT_FOUND" | "NOT_OPEN" | "STARTED" | "NOT_ELIGIBLE" | "ALREADY_ASSIGNED";
export type Manager = { personId: number; grants: Grant[] };

/**
 * A manager of the station decides an accepted request. Declining closes it.
 * Approving books the colleague under the rule; a refusal is logged (refusal
 * log), kept on the request with its reasons, and changes no duty.
 */
export async function decideSwap(
  swapId: number,
  manager: Manager,
  approve: boolean,
  now: Date,
): Promise<Result<{ newAssignmentId: number | null }, DecideRefusal, Reason>> {
  const db = getDb();
  const swap = await db.dutySwap.findUnique({
    where: { id: swapId },
    include: {
      to: { select: { id: true, employeeCode: true } },
      from: { select: { employeeCode: true } },
      assignment: {
        include: {
          shift: { include: { station: { include: { unit: { select: { path: true } } } }, dutyType: { select: { code: true } } } },
        },
      },
    },
  });
  const shift = swap?.assignment.shift;
  if (!swap || !shift || !can(manager.grants, "roster:assign", shift.station.unit.path)) return refused("NOT_FOUND");
  if (swap.status !== "ACCEPTED") return refused("NOT_OPEN");
  const unitId = shift.station.unitId;
  const audit = (tx: Tx, action: string, data: Record<string, unknown> = {}) =>
    appendAudit(tx, { actorId: manager.personId, action, unitId, targetType: "duty_swap", targetId: swapId, data }, now);
  /** Closes the request if it is still ACCEPTED (a concurrent decision wins otherwise). */
  const close = (status: "DECLINED" | "REFUSED" | "WITHDRAWN", reasons: string[] = []) =>
    auditedTransaction(async (tx) => {
      const locked = await lockSwap(tx, swapId);
      if (locked?.status !== "ACCEPTED") return false;
      await tx.dutySwap.update({ where: { id: swapId }, data: { status, decidedAt: now, decidedById: manager.personId, reasons } });
      await audit(tx, `roster.swap.${status.toLowerCase()}`, reasons.length ? { reasons } : {});
      return true;
    });

  if (!approve) return (await close("DECLINED")) ? ok({ newAssignmentId: null }) : refused("NOT_OPEN");
  if (swap.assignment.status !== "ACTIVE") {
    await close("WITHDRAWN");
    return refused("NOT_OPEN");
  }
  if (shift.startsAt <= now) return refused("STARTED");

  const duty = { stationId: shift.stationId, unitId, dutyTypeId: shift.dutyTypeId, startsAt: shift.startsAt, endsAt: shift.endsAt };
  const check = await eligibilityOf({
    personId: swap.toPersonId,
    dutyTypeId: shift.dutyTypeId,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
  });
  const by = { personId: manager.personId, apiTokenId: null, path: "PAGE" as const };
  const result = await bookUnderRule(check, duty, swap.to, by, now, () =>
    auditedTransaction(async (tx): Promise<Result<{ newAssignmentId: number }, "NOT_OPEN" | "ALREADY_ASSIGNED">> => {
      // The lock order of a booking: the shift, then the rows that change.
      await tx.$queryRaw`select id from shifts where id = ${shift.id} for update`;
      const locked = await lockSwap(tx, swapId);
      const held = await tx.assignment.findUnique({ where: { id: swap.assignmentId }, select: { status: true } });
      if (locked?.status !== "ACCEPTED" || held?.status !== "ACTIVE") return refused("NOT_OPEN");
      const on = await tx.assignment.findFirst({
        where: { shiftId: shift.id, personId: swap.toPersonId, status: "ACTIVE" },
        select: { id: true },
      });
      if (on) return refused("ALREADY_ASSIGNED");
      await tx.assignment.update({
        where: { id: swap.assignmentId },
        data: { status: "CANCELLED", cancelledAt: now, cancelledById: manager.personId, cancelReason: SWAP_CANCEL_REASON },
      });
      // The trigger refuses here when the colleague does not qualify; the whole transaction goes.
      const created = await tx.assignment.create({
        data: { shiftId: shift.id, personId: swap.toPersonId, source: "PAGE", createdAt: now, createdById: manager.personId },
      });
      await tx.dutySwap.update({
        where: { id: swapId },
        data: { status: "APPROVED", decidedAt: now, decidedById: manager.personId, newAssignmentId: created.id },
      });
      const facts = {
        station: shift.station.code,
        duty: shift.dutyType.code,
        startsAt: shift.startsAt.toISOString(),
        endsAt: shift.endsAt.toISOString(),
      };
      await appendAudit(
        tx,
        {
          actorId: manager.personId,
          action: "roster.cancel",
          unitId,
          targetType: "assignment",
          targetId: swap.assignmentId,
          data: { person: swap.from.employeeCode, station: shift.station.code, reason: SWAP_CANCEL_REASON, path: "PAGE", apiTokenId: null },
        },
        now,
      );
      await appendAudit(
        tx,
        {
          actorId: manager.personId,
          action: "roster.assign",
          unitId,
          targetType: "assignment",
          targetId: created.id,
          data: { person: swap.to.employeeCode, ...facts, path: "PAGE", apiTokenId: null },
        },
        now,
      );
      await audit(tx, "roster.swap.approve", {
        from: swap.from.employeeCode,
        to: swap.to.employeeCode,
        cancelled: swap.assignmentId,
        assigned: created.id,
      });
      return ok({ newAssignmentId: created.id });
    }),
  );
  if (!result.ok && result.code === "NOT_ELIGIBLE")
    await close(
      "REFUSED",
      (result.reasons ?? []).map((r) => r.code),
    );
  return result;
}
