// What the /api/v1 routes do, apart from HTTP: reads limited to the token's
// unit subtree, assignment through the same service (and database rule) as the
// roster pages, revocation through the certification service.
import { Prisma } from "~/generated/prisma/client.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { checkEligibility, type Reason } from "~/domain/roster/eligibility.ts";
import { statusAt } from "~/domain/exams/validity.ts";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import { translate } from "~/i18n/index.ts";
import { reasonKey } from "~/i18n/roster.ts";
import { getDb, retryOnConflict, type Db, type Tx } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction, pendingAuditEntries } from "../audit.server.ts";
import { lockCertificationForChange, revokeCertification } from "../exams/certifications.server.ts";
import { bookUnderRule, cancelAssignment, type Requester } from "../roster/assignments.server.ts";
import type { OtherDuty } from "../roster/eligibility.server.ts";
import { requireInTokenScope, type ApiLocale } from "./http.server.ts";
import { pageOf } from "./input.server.ts";
import type { RosterTargets } from "./roster-targets.server.ts";
import type { AuthenticatedToken } from "./tokens.server.ts";

const API_CANCEL_REASON = "CANCELLED_VIA_API";

const requester = (token: AuthenticatedToken): Requester => ({ personId: null, apiTokenId: token.id, path: "API" });

export function reasonsView(reasons: readonly Reason[], locale: ApiLocale) {
  return reasons.map((r) => ({ code: r.code, message: translate(locale, reasonKey(r.code)) }));
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
        const dates = { validFrom: fromDateColumn(c.validFrom), validUntil: fromDateColumn(c.validUntil) };
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

function assignmentView(a: AssignmentRow) {
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

export type AssignmentView = ReturnType<typeof assignmentView>;
type Booking = Result<{ assignmentId: number }, "SHIFT_FULL" | "ALREADY_ASSIGNED">;
/** Called in the booking's transaction with the answer's body (the stored idempotent answer). */
export type OnBooked = (tx: Tx, view: AssignmentView) => Promise<void>;

/** The new assignment as the API shows it, from the targets and the id drawn for it. */
function bookedView(t: RosterTargets, id: number): AssignmentView {
  const { startsAt, endsAt } = t.rule.duty;
  return assignmentView({
    id,
    status: "ACTIVE",
    cancelReason: null,
    cancelledAt: null,
    person: { employeeCode: t.person.employeeCode },
    shift: { startsAt, endsAt, station: { code: t.station.code }, dutyType: { code: t.dutyType.code } },
  });
}

/** roster_book's call for this booking, with its audit entries (the shift's, used only if it creates one, and the assignment's). */
export function bookingSql(token: AuthenticatedToken, t: RosterTargets, now: Date) {
  const { station, dutyType, person, ids } = t;
  if (!ids) throw new Error("a booking needs the ids drawn by rosterTargets(…, drawIds)");
  const { startsAt, endsAt } = t.rule.duty;
  const times = { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
  const [shiftEntry, assignEntry] = pendingAuditEntries(
    [
      {
        actorId: null,
        action: "roster.shift_create",
        unitId: station.unitId,
        targetType: "shift",
        targetId: ids.shift,
        // roster_book gives a two-person duty's new shift room for two (decision 064).
        data: {
          station: station.code,
          duty: dutyType.code,
          ...times,
          headcount: dutyType.requiresPair ? 2 : 1,
          path: "API",
          apiTokenId: token.id,
        },
      },
      {
        actorId: null,
        action: "roster.assign",
        unitId: station.unitId,
        targetType: "assignment",
        targetId: ids.assignment,
        data: { person: person.employeeCode, station: station.code, duty: dutyType.code, ...times, path: "API", apiTokenId: token.id },
      },
    ],
    now,
  );
  return Prisma.sql`
    select roster_book(${station.id}::int, ${dutyType.id}::int, ${startsAt}::timestamptz, ${endsAt}::timestamptz, ${person.id}::int,
                       ${ids.shift}::int, ${ids.assignment}::int, ${now}::timestamptz, ${JSON.stringify(shiftEntry)}::jsonb, ${JSON.stringify(assignEntry)}::jsonb) as outcome`;
}

/**
 * Books the person with one call of roster_book (migration 20261203223000,
 * decision 023), which finds or creates the shift and inserts the assignment
 * and its audit entries under the ids rosterTargets drew; the database trigger
 * checks the rule on that insert.
 */
async function book(token: AuthenticatedToken, t: RosterTargets, now: Date, onBooked?: OnBooked): Promise<Booking> {
  const { ids } = t;
  if (!ids) throw new Error("a booking needs the ids drawn by rosterTargets(…, drawIds)");
  const bookIn = async (q: Tx | Db) => {
    const [{ outcome }] = await q.$queryRaw<{ outcome: "ASSIGNED" | "SHIFT_FULL" | "ALREADY_ASSIGNED" }[]>(bookingSql(token, t, now));
    return outcome;
  };
  // One booking statement and, when it booked, the stored answer in the same
  // transaction: a crash after COMMIT leaves both (decision 066). With nothing
  // to store, the statement is its own transaction (no BEGIN and COMMIT round
  // trips, decision 069). Running it again after a deadlock is safe (decision 028).
  const outcome = await retryOnConflict(() =>
    onBooked
      ? getDb().$transaction(async (tx) => {
          const outcome = await bookIn(tx);
          if (outcome === "ASSIGNED") await onBooked(tx, bookedView(t, ids.assignment));
          return outcome;
        })
      : bookIn(getDb()),
  );
  return outcome === "ASSIGNED" ? ok({ assignmentId: ids.assignment }) : refused(outcome);
}

/**
 * POST /api/v1/assignments after validation and scope checks: the assignment,
 * or ALREADY_ASSIGNED, SHIFT_FULL, or NOT_ELIGIBLE with every reason. The rule
 * is applied first to the inputs rosterTargets read (no transaction); the
 * database trigger applies it again on insert, which settles races such as a
 * concurrent revocation. The same booking path as the pages (bookUnderRule).
 */
export async function assignViaApi(
  token: AuthenticatedToken,
  t: RosterTargets,
  now: Date,
  /** Stores the answer in the booking's transaction; none: the booking is one statement, its own transaction. */
  onBooked?: OnBooked,
): Promise<Result<AssignmentView, "NOT_ELIGIBLE" | "SHIFT_FULL" | "ALREADY_ASSIGNED", Reason>> {
  const { station, dutyType, person } = t;
  const { startsAt, endsAt } = t.rule.duty;
  // Checked first: the rule would call it an overlap with itself.
  const same = (o: OtherDuty) =>
    o.stationId === station.id &&
    o.dutyTypeId === dutyType.id &&
    Date.parse(o.startsAt) === startsAt.getTime() &&
    Date.parse(o.endsAt) === endsAt.getTime();
  if (t.others.some(same)) return refused("ALREADY_ASSIGNED");
  const duty = { stationId: station.id, unitId: station.unitId, dutyTypeId: dutyType.id, startsAt, endsAt };
  const booked = await bookUnderRule(checkEligibility(t.rule), duty, person, requester(token), now, () => book(token, t, now, onBooked));
  if (!booked.ok) return booked;
  return ok(bookedView(t, booked.value.assignmentId));
}

export function eligibilityViaApi(t: RosterTargets, locale: ApiLocale) {
  const check = checkEligibility(t.rule);
  return { eligible: check.ok, reasons: check.ok ? [] : reasonsView(check.reasons ?? [], locale) };
}

/** DELETE /api/v1/assignments/{id}: cancels (the row stays, with the reason). */
export async function cancelViaApi(
  token: AuthenticatedToken,
  id: number,
  now: Date,
): Promise<Result<{ id: number; status: "CANCELLED" }, "NOT_FOUND" | "NOT_ELIGIBLE", Reason>> {
  const a = await getDb().assignment.findUnique({
    where: { id },
    select: { id: true, shift: { select: { station: { select: { unit: { select: { path: true } } } } } } },
  });
  requireInTokenScope(token, a, (a) => a.shift.station.unit.path, { key: "api.notFound.assignment", params: { id } });
  const result = await cancelAssignment(id, requester(token), API_CANCEL_REASON, now);
  return result.ok ? ok({ id, status: "CANCELLED" as const }) : result;
}

/**
 * POST /api/v1/certifications/{serial}/revoke: revokes (the database cancels
 * the assignments it carried) and records the API call with the token, in one
 * transaction.
 */
export async function revokeViaApi(
  token: AuthenticatedToken,
  serial: string,
  reason: string,
  now: Date,
): Promise<Result<{ serial: string; status: "REVOKED"; cancelledAssignmentIds: number[] }, "NOT_FOUND" | "ALREADY_REVOKED">> {
  const db = getDb();
  const found = await db.certification.findUnique({
    where: { serial },
    select: { id: true, person: { select: { unitId: true, unit: { select: { path: true } } } } },
  });
  const cert = requireInTokenScope(token, found, (c) => c.person.unit.path, {
    key: "api.notFound.certification",
    params: { code: serial },
  });
  return auditedTransaction(async (tx) => {
    // The holder, then the certification (decision 028).
    const locked = await lockCertificationForChange(tx, cert.id);
    if (!locked) return refused("NOT_FOUND");
    if (locked.revoked_at) return refused("ALREADY_REVOKED");
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
    return ok({ serial, status: "REVOKED" as const, cancelledAssignmentIds: revoked.cancelledAssignmentIds });
  });
}
