// Shifts of the roster pages: a station's week, one shift with its
// assignments (behind its guard), and adding a shift.
import { can, hasAnywhere, type Action, type Grant } from "~/domain/access/permissions.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { shiftTimes, weekRange } from "~/domain/roster/week.ts";
import { dayOf, type Day } from "~/domain/time/calendar.ts";
import { forbidden, requireFound } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import type { StationRef } from "./stations.server.ts";

export async function weekRoster(stationId: number, monday: Day) {
  const { from, to } = weekRange(monday);
  const shifts = await getDb().shift.findMany({
    where: { stationId, startsAt: { gte: from, lt: to } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    include: {
      dutyType: { select: { name: true, code: true } },
      assignments: {
        where: { status: "ACTIVE" },
        orderBy: { id: "asc" },
        select: { id: true, person: { select: { fullName: true, employeeCode: true } } },
      },
    },
  });
  return shifts.map((s) => ({
    id: s.id,
    day: dayOf(s.startsAt),
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    headcount: s.headcount,
    duty: s.dutyType.name,
    people: s.assignments.map((a) => ({ id: a.id, name: a.person.fullName, code: a.person.employeeCode })),
  }));
}

function shiftPageQuery(shiftId: number) {
  return getDb().shift.findUnique({
    where: { id: shiftId },
    include: {
      station: { include: { unit: { select: { name: true, path: true } } } },
      dutyType: { include: { requiredCertifications: { include: { certificationType: { select: { name: true } } } } } },
      assignments: {
        orderBy: [{ status: "asc" }, { id: "asc" }],
        include: { person: { select: { fullName: true, employeeCode: true, position: true } } },
      },
    },
  });
}
export type ShiftPage = NonNullable<Awaited<ReturnType<typeof shiftPageQuery>>>;

/**
 * The guard of the shift page, as requireStation is of a station's: 403 when
 * `grants` allow `action` nowhere; 404 for a shift that is unknown or at a
 * station they may not read (the same answer); 403 when they may read it but
 * not do `action`. Returns the shift with its assignments and its station.
 */
export async function requireShift(
  grants: readonly Grant[],
  action: Action,
  shiftId: number,
): Promise<{ shift: ShiftPage; station: StationRef }> {
  if (!hasAnywhere(grants, action)) forbidden();
  const shift = requireFound(
    await shiftPageQuery(shiftId),
    (s) => can(grants, "roster:read", s.station.unit.path) || can(grants, action, s.station.unit.path),
  );
  if (!can(grants, action, shift.station.unit.path)) forbidden();
  const s = shift.station;
  return { shift, station: { id: s.id, code: s.code, name: s.name, unitId: s.unitId, unitName: s.unit.name, unitPath: s.unit.path } };
}

/** Creates a shift, audited (the copy of a week names the shift it copied). */
export async function createShift(
  actor: { personId: number },
  station: StationRef,
  input: { dutyTypeId: number; startsAt: Date; endsAt: Date; headcount: number; copiedFrom?: number },
  now: Date,
) {
  return auditedTransaction(async (tx) => {
    const duty = await tx.dutyType.findUniqueOrThrow({ where: { id: input.dutyTypeId }, select: { code: true } });
    const shift = await tx.shift.create({
      data: {
        stationId: station.id,
        dutyTypeId: input.dutyTypeId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        headcount: input.headcount,
        createdById: actor.personId,
        createdAt: now,
      },
    });
    await appendAudit(
      tx,
      {
        actorId: actor.personId,
        action: "roster.shift_create",
        unitId: station.unitId,
        targetType: "shift",
        targetId: shift.id,
        data: {
          station: station.code,
          duty: duty.code,
          startsAt: input.startsAt.toISOString(),
          endsAt: input.endsAt.toISOString(),
          headcount: input.headcount,
          copiedFrom: input.copiedFrom,
        },
      },
      now,
    );
    return shift;
  });
}

/** A shift added on the station's page: a duty type that exists, starting now or later. */
export async function addShift(
  actor: { personId: number },
  station: StationRef,
  input: { day: Day; start: string; end: string; dutyTypeId: number; headcount: number },
  now: Date,
): Promise<Result<{ id: number; startsAt: Date }, "UNKNOWN_DUTY_TYPE" | "IN_THE_PAST">> {
  const duty = await getDb().dutyType.findUnique({ where: { id: input.dutyTypeId }, select: { id: true } });
  if (!duty) return refused("UNKNOWN_DUTY_TYPE");
  const { startsAt, endsAt } = shiftTimes(input.day, input.start, input.end);
  if (startsAt < now) return refused("IN_THE_PAST");
  const shift = await createShift(actor, station, { dutyTypeId: duty.id, startsAt, endsAt, headcount: input.headcount }, now);
  return ok({ id: shift.id, startsAt: shift.startsAt });
}
