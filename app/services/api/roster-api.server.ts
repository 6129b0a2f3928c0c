// What the /api/v1 routes do, apart from HTTP: reads limited to the token's
// unit subtree, assignment through the same service (and database rule) as the
// roster pages, revocation through the certification service.
import { checkEligibility, REASON_MESSAGES, type Reason } from "~/domain/roster/eligibility.ts";
import { statusAt } from "~/domain/exams/validity.ts";
import { getDb, retryOnConflict } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction, pendingAuditEntries } from "../audit.server.ts";
import { lockCertificationForChange, revokeCertification } from "../exams/certifications.server.ts";
import { cancelAssignment, logRefusal, reasonsFromDatabase, type Requester } from "../roster/assignments.server.ts";
import type { OtherDuty } from "../roster/eligibility.server.ts";
import { ApiError, pageOf, requireInScope, type ApiLocale } from "./http.server.ts";
import type { RosterTargets } from "./roster-targets.server.ts";
import type { AuthenticatedToken } from "./tokens.server.ts";

const asDay = (d: Date) => d.toISOString().slice(0, 10);
export const API_CANCEL_REASON = "CANCELLED_VIA_API";

const requester = (token: AuthenticatedToken): Requester => ({ personId: null, apiTokenId: token.id, path: "API" });

export function reasonsView(reasons: readonly Reason[], locale: ApiLocale) {
  return reasons.map((r) => ({ code: r.code, message: REASON_MESSAGES[r.code][locale] }));
}

export async function listDutyTypes() {
  const rows = await getDb().dutyType.findMany({
    orderBy: { code: "asc" },
    include: { requiredCertifications: { select: { certificationType: { select: { code: true } } } } },
  });
  return rows.map((d) => ({
    code: d.code,
    name: d.name,
    requirements: {
      certificationTypes: d.requiredCertifications.map((r) => r.certificationType.code).sort(),
      minExperienceMonths: d.minExperienceMonths,
      requiresCommitment: d.requiresCommitment,
    },
  }));
}

export async function listStations(token: AuthenticatedToken) {
  const rows = await getDb().station.findMany({
    where: { unit: { path: { has: token.unitId } } },
    orderBy: { code: "asc" },
    include: { unit: { select: { code: true } } },
  });
  return rows.map((s) => ({ code: s.code, name: s.name, unitCode: s.unit.code }));
}

export async function listStaff(unitId: number, page: { limit: number; cursor?: number }, now: Date) {
  const rows = await getDb().person.findMany({
    where: { unit: { path: { has: unitId } }, ...(page.cursor ? { id: { gt: page.cursor } } : {}) },
    orderBy: { id: "asc" },
    take: page.limit + 1,
    include: {
      unit: { select: { code: true } },
      certifications: { orderBy: [{ validFrom: "asc" }, { id: "asc" }], include: { certificationType: { select: { code: true } } } },
    },
  });
  const { items, nextCursor } = pageOf(rows, page.limit);
  return {
    nextCursor,
    items: items.map((p) => ({
      employeeCode: p.employeeCode,
      fullName: p.fullName,
      unitCode: p.unit.code,
      status: p.status,
      certifications: p.certifications.map((c) => {
        const dates = { validFrom: asDay(c.validFrom), validUntil: asDay(c.validUntil) };
        return { type: c.certificationType.code, serial: c.serial, status: statusAt({ ...dates, revokedAt: c.revokedAt }, now), ...dates };
      }),
    })),
  };
}

type AssignmentRow = {
  id: number;
  status: "ACTIVE" | "CANCELLED";
  cancelReason: string | null;
  cancelledAt: Date | null;
  person: { employeeCode: string };
  shift: { startsAt: Date; endsAt: Date; station: { code: string }; dutyType: { code: string } };
};
const assignmentInclude = {
  person: { select: { employeeCode: true } },
  shift: { select: { startsAt: true, endsAt: true, station: { select: { code: true } }, dutyType: { select: { code: true } } } },
} as const;

export function assignmentView(a: AssignmentRow) {
  return {
    id: a.id,
    employeeCode: a.person.employeeCode,
    dutyType: a.shift.dutyType.code,
    station: a.shift.station.code,
    start: a.shift.startsAt.toISOString(),
    end: a.shift.endsAt.toISOString(),
    status: a.status,
    cancelReason: a.cancelReason,
    cancelledAt: a.cancelledAt ? a.cancelledAt.toISOString() : null,
  };
}

export async function listAssignments(
  token: AuthenticatedToken,
  filter: { stationId?: number; from?: Date; to?: Date },
  page: { limit: number; cursor?: number },
) {
  const rows = await getDb().assignment.findMany({
    where: {
      ...(page.cursor ? { id: { gt: page.cursor } } : {}),
      shift: {
        station: filter.stationId ? { id: filter.stationId } : { unit: { path: { has: token.unitId } } },
        ...(filter.to ? { startsAt: { lt: filter.to } } : {}),
        ...(filter.from ? { endsAt: { gt: filter.from } } : {}),
      },
    },
    orderBy: { id: "asc" },
    take: page.limit + 1,
    include: assignmentInclude,
  });
  const { items, nextCursor } = pageOf(rows, page.limit);
  return { items: items.map(assignmentView), nextCursor };
}

export type AssignAnswer = { status: number; body: object; assignmentId?: number };
type Booking = { ok: true; assignmentId: number } | { ok: false; error: "SHIFT_FULL" | "ALREADY_ASSIGNED" };

function conflict(code: "SHIFT_FULL" | "ALREADY_ASSIGNED", locale: ApiLocale): AssignAnswer {
  const error = new ApiError(409, code);
  return { status: 409, body: { error: { code, message: error.text[locale] } } };
}

function notEligible(reasons: Reason[], locale: ApiLocale): AssignAnswer {
  const error = new ApiError(422, "NOT_ELIGIBLE");
  return { status: 422, body: { error: { code: error.code, message: error.text[locale], reasons: reasonsView(reasons, locale) } } };
}

/**
 * Books the person with one call of roster_book (migration 20261203223000,
 * decision 023), which finds or creates the shift and inserts the assignment
 * and its audit entries under the ids rosterTargets drew; the database trigger
 * checks the rule on that insert.
 */
async function book(token: AuthenticatedToken, t: RosterTargets, now: Date): Promise<Booking> {
  const { station, dutyType, person, ids } = t;
  if (!ids) throw new Error("a booking needs the ids drawn by rosterTargets(…, drawIds)");
  const { startsAt, endsAt } = t.rule.duty;
  const times = { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
  const [shiftEntry, assignEntry] = pendingAuditEntries(
    [
      { actorId: null, action: "roster.shift_create", unitId: station.unitId, targetType: "shift", targetId: ids.shift, data: { station: station.code, duty: dutyType.code, ...times, headcount: 1, path: "API", apiTokenId: token.id } },
      { actorId: null, action: "roster.assign", unitId: station.unitId, targetType: "assignment", targetId: ids.assignment, data: { person: person.employeeCode, station: station.code, duty: dutyType.code, ...times, path: "API", apiTokenId: token.id } },
    ],
    now,
  );
  // One statement, so running it again after a deadlock is safe (decision 028).
  const [{ outcome }] = await retryOnConflict(() => getDb().$queryRaw<{ outcome: "ASSIGNED" | "SHIFT_FULL" | "ALREADY_ASSIGNED" }[]>`
    select roster_book(${station.id}::int, ${dutyType.id}::int, ${startsAt}::timestamptz, ${endsAt}::timestamptz, ${person.id}::int,
                       ${ids.shift}::int, ${ids.assignment}::int, ${now}::timestamptz, ${JSON.stringify(shiftEntry)}::jsonb, ${JSON.stringify(assignEntry)}::jsonb) as outcome`);
  return outcome === "ASSIGNED" ? { ok: true, assignmentId: ids.assignment } : { ok: false, error: outcome };
}

/**
 * POST /api/v1/assignments after validation and scope checks: 201, 409 or 422.
 * The rule is applied first to the inputs rosterTargets read (every reason, no
 * transaction); the database trigger applies it again on insert, which settles
 * races such as a concurrent revocation.
 */
export async function assignViaApi(token: AuthenticatedToken, t: RosterTargets, locale: ApiLocale, now: Date): Promise<AssignAnswer> {
  const { station, dutyType, person } = t;
  const { startsAt, endsAt } = t.rule.duty;
  // Checked first: the rule would call it an overlap with itself.
  const same = (o: OtherDuty) => o.stationId === station.id && o.dutyTypeId === dutyType.id && Date.parse(o.startsAt) === startsAt.getTime() && Date.parse(o.endsAt) === endsAt.getTime();
  if (t.others.some(same)) return conflict("ALREADY_ASSIGNED", locale);
  const duty = { stationId: station.id, unitId: station.unitId, dutyTypeId: dutyType.id, startsAt, endsAt };
  const check = checkEligibility(t.rule);
  if (!check.ok) {
    await logRefusal(duty, person, check.reasons, requester(token), now);
    return notEligible(check.reasons, locale);
  }
  let booked: Booking;
  try {
    booked = await book(token, t, now);
  } catch (error) {
    const reasons = reasonsFromDatabase(error);
    if (!reasons) throw error;
    await logRefusal(duty, person, reasons, requester(token), now);
    return notEligible(reasons, locale);
  }
  if (!booked.ok) return conflict(booked.error, locale);
  const body = assignmentView({
    id: booked.assignmentId,
    status: "ACTIVE",
    cancelReason: null,
    cancelledAt: null,
    person: { employeeCode: person.employeeCode },
    shift: { startsAt, endsAt, station: { code: station.code }, dutyType: { code: dutyType.code } },
  });
  return { status: 201, body, assignmentId: booked.assignmentId };
}

export function eligibilityViaApi(t: RosterTargets, locale: ApiLocale) {
  const check = checkEligibility(t.rule);
  return { eligible: check.ok, reasons: check.ok ? [] : reasonsView(check.reasons, locale) };
}

/** DELETE /api/v1/assignments/{id}: cancels (the row stays, with the reason). */
export async function cancelViaApi(token: AuthenticatedToken, id: number, now: Date) {
  const a = await getDb().assignment.findUnique({ where: { id }, select: { id: true, shift: { select: { station: { select: { unit: { select: { path: true } } } } } } } });
  requireInScope(token, a, (a) => a.shift.station.unit.path, { vi: `phân công ${id}`, en: `Assignment ${id}` });
  const result = await cancelAssignment(id, requester(token), API_CANCEL_REASON, now);
  if (!result.ok) throw new ApiError(404, "NOT_FOUND");
  return { id, status: "CANCELLED" as const };
}

/**
 * POST /api/v1/certifications/{serial}/revoke: revokes (the database cancels
 * the assignments it carried) and records the API call with the token, in one
 * transaction.
 */
export async function revokeViaApi(token: AuthenticatedToken, serial: string, reason: string, now: Date) {
  const db = getDb();
  const found = await db.certification.findUnique({ where: { serial }, select: { id: true, person: { select: { unitId: true, unit: { select: { path: true } } } } } });
  const cert = requireInScope(token, found, (c) => c.person.unit.path, { vi: `chứng nhận ${serial}`, en: `Certification ${serial}` });
  return auditedTransaction(async (tx) => {
    // The holder, then the certification (decision 028).
    const locked = await lockCertificationForChange(tx, cert.id);
    if (!locked) throw new ApiError(404, "NOT_FOUND");
    if (locked.revoked_at) throw new ApiError(409, "ALREADY_REVOKED");
    // No person acts: the token does. revokeCertification stores a null actor
    // (revoked_by_id is nullable); the "api.revoke" entry names the token.
    const revoked = await revokeCertification(tx, cert.id, reason, null, now);
    await appendAudit(
      tx,
      {
        actorId: null,
        action: "api.revoke",
        unitId: cert.person.unitId,
        targetType: "certification",
        targetId: cert.id,
        data: { serial, reason, apiTokenId: token.id, apiTokenName: token.name, cancelledAssignmentIds: revoked.cancelledAssignmentIds },
      },
      now,
    );
    return { serial, status: "REVOKED" as const, cancelledAssignmentIds: revoked.cancelledAssignmentIds };
  });
}
