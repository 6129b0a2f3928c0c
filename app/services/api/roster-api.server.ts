// What the /api/v1 routes do, apart from HTTP: reads limited to the token's
// unit subtree, assignment through the same service (and database rule) as the
// roster pages, revocation through the certification service.
import { REASON_MESSAGES, type Reason } from "~/domain/roster/eligibility.ts";
import { statusAt } from "~/domain/exams/validity.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { revokeCertification } from "../exams/certifications.server.ts";
import { assignToShift, cancelAssignment, type Requester } from "../roster/assignments.server.ts";
import { eligibilityOf } from "../roster/eligibility.server.ts";
import { ApiError, inTokenSubtree, pageOf, type ApiLocale } from "./http.server.ts";
import type { AuthenticatedToken } from "./tokens.server.ts";

const asDay = (d: Date) => d.toISOString().slice(0, 10);
// Serialises "find or create the shift" per station, duty type and time.
const SHIFT_LOCK_CLASS = 727_003;
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

/**
 * The shift at this station, of this duty type, with exactly these times: the
 * one this person is already on (alreadyAssigned), else the first with room,
 * else the first; created (headcount 1, audited) when there is none.
 */
async function findOrCreateShift(
  token: AuthenticatedToken,
  input: { station: { id: number; code: string; unitId: number }; dutyType: { id: number; code: string }; personId: number; startsAt: Date; endsAt: Date },
  now: Date,
) {
  const { station, dutyType, startsAt, endsAt } = input;
  return auditedTransaction(async (tx) => {
    const lockKey = `${station.id}:${dutyType.id}:${startsAt.toISOString()}:${endsAt.toISOString()}`;
    await tx.$executeRaw`select pg_advisory_xact_lock(${SHIFT_LOCK_CLASS}::int, hashtext(${lockKey}))`;
    const shifts = await tx.shift.findMany({
      where: { stationId: station.id, dutyTypeId: dutyType.id, startsAt, endsAt },
      orderBy: { id: "asc" },
      select: { id: true, headcount: true, assignments: { where: { status: "ACTIVE" }, select: { personId: true } } },
    });
    const mine = shifts.find((s) => s.assignments.some((a) => a.personId === input.personId));
    if (mine) return { shiftId: mine.id, alreadyAssigned: true };
    const chosen = shifts.find((s) => s.assignments.length < s.headcount) ?? shifts[0];
    if (chosen) return { shiftId: chosen.id, alreadyAssigned: false };
    const shift = await tx.shift.create({ data: { stationId: station.id, dutyTypeId: dutyType.id, startsAt, endsAt, headcount: 1, createdAt: now } });
    await appendAudit(
      tx,
      {
        actorId: null,
        action: "roster.shift_create",
        unitId: station.unitId,
        targetType: "shift",
        targetId: shift.id,
        data: { station: station.code, duty: dutyType.code, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), headcount: 1, path: "API", apiTokenId: token.id },
      },
      now,
    );
    return { shiftId: shift.id, alreadyAssigned: false };
  });
}

export type AssignAnswer = { status: number; body: object; assignmentId?: number };

/** POST /api/v1/assignments after validation and scope checks: 201, 409 or 422. */
export async function assignViaApi(
  token: AuthenticatedToken,
  input: { person: { id: number; employeeCode: string }; station: { id: number; code: string; unitId: number }; dutyType: { id: number; code: string }; startsAt: Date; endsAt: Date },
  locale: ApiLocale,
  now: Date,
): Promise<AssignAnswer> {
  const { shiftId, alreadyAssigned } = await findOrCreateShift(token, { ...input, personId: input.person.id }, now);
  // Checked first: the rule would call it an overlap with itself.
  const result = alreadyAssigned ? ({ ok: false, error: "ALREADY_ASSIGNED" } as const) : await assignToShift(shiftId, input.person.id, requester(token), now);
  if (result.ok) {
    const a = await getDb().assignment.findUniqueOrThrow({ where: { id: result.assignmentId }, include: assignmentInclude });
    return { status: 201, body: assignmentView(a), assignmentId: a.id };
  }
  if (result.error === "NOT_ELIGIBLE") {
    const error = new ApiError(422, "NOT_ELIGIBLE", undefined, { reasons: reasonsView(result.reasons, locale) });
    return { status: 422, body: { error: { code: error.code, message: error.text[locale], reasons: error.extra.reasons } } };
  }
  if (result.error === "NOT_FOUND") throw new ApiError(404, "NOT_FOUND");
  const error = new ApiError(409, result.error);
  return { status: 409, body: { error: { code: error.code, message: error.text[locale] } } };
}

export async function eligibilityViaApi(input: { personId: number; dutyTypeId: number; startsAt: Date; endsAt: Date }, locale: ApiLocale) {
  const check = await eligibilityOf(input);
  return { eligible: check.ok, reasons: check.ok ? [] : reasonsView(check.reasons, locale) };
}

/** DELETE /api/v1/assignments/{id}: cancels (the row stays, with the reason). */
export async function cancelViaApi(token: AuthenticatedToken, id: number, now: Date) {
  const a = await getDb().assignment.findUnique({ where: { id }, select: { id: true, shift: { select: { station: { select: { unit: { select: { path: true } } } } } } } });
  if (!a) throw new ApiError(404, "NOT_FOUND", { vi: `Không tìm thấy phân công ${id}.`, en: `Assignment ${id} not found.` });
  if (!inTokenSubtree(token, a.shift.station.unit.path)) {
    throw new ApiError(403, "OUT_OF_SCOPE", { vi: `Phân công ${id} nằm ngoài đơn vị của mã truy cập.`, en: `Assignment ${id} is outside the token's unit.` });
  }
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
  const cert = await db.certification.findUnique({ where: { serial }, select: { id: true, person: { select: { unitId: true, unit: { select: { path: true } } } } } });
  if (!cert) throw new ApiError(404, "NOT_FOUND", { vi: `Không tìm thấy chứng nhận ${serial}.`, en: `Certification ${serial} not found.` });
  if (!inTokenSubtree(token, cert.person.unit.path)) {
    throw new ApiError(403, "OUT_OF_SCOPE", { vi: `Người giữ chứng nhận ${serial} nằm ngoài đơn vị của mã truy cập.`, en: `The holder of ${serial} is outside the token's unit.` });
  }
  return auditedTransaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ revoked_at: Date | null }[]>`select revoked_at from certifications where id = ${cert.id} for update`;
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
