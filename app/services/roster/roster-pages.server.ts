// Reads and writes behind the roster pages: stations in a user's scope, the
// weekly roster, shifts and who may take them, gaps, and the refusal log.
// Every station is checked against the user's grants through its unit's path.
import { z } from "zod";
import { can, hasAnywhere, type Action, type Grant } from "~/domain/access/permissions.ts";
import { REASON_CODES, type Reason, type ReasonCode } from "~/domain/roster/eligibility.ts";
import { addDays, currentMonday, dayOf, isClockTime, isDay, startOfDay, weekRange, type Day } from "~/domain/roster/week.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { forbidden, notFound, requireFound } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit } from "../audit.server.ts";
import { assignToShift, type AssignResult, type Requester } from "./assignments.server.ts";
import { eligibilityOf } from "./eligibility.server.ts";

const DAY_MS = 86_400_000;
export const GAP_DAYS = 14;

export type StationRef = { id: number; code: string; name: string; unitId: number; unitName: string; unitPath: number[] };


/** A route parameter that must be a database id; anything else is a 404. */
export function idParam(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) notFound();
  return Number(value);
}

/**
 * The station, if `grants` allow `action` on its unit: 403 when they allow it
 * nowhere (before any lookup); 404 when it is unknown or outside what they may
 * read, the same answer (decision 035); 403 when they may read it but not do `action`.
 */
export async function stationFor(grants: readonly Grant[], action: Action, stationId: number): Promise<StationRef> {
  if (!hasAnywhere(grants, action)) forbidden();
  const found = await getDb().station.findUnique({ where: { id: stationId }, include: { unit: { select: { name: true, path: true } } } });
  const s = requireFound(found, (s) => can(grants, "roster:read", s.unit.path) || can(grants, action, s.unit.path));
  if (!can(grants, action, s.unit.path)) forbidden();
  return { id: s.id, code: s.code, name: s.name, unitId: s.unitId, unitName: s.unit.name, unitPath: s.unit.path };
}

export async function stationsInScope(scope: number[]) {
  if (scope.length === 0) return [];
  const rows = await getDb().station.findMany({
    where: { unit: { path: { hasSome: scope } } },
    include: { unit: { select: { name: true, path: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((s) => ({ id: s.id, code: s.code, name: s.name, unitId: s.unitId, unitName: s.unit.name, unitPath: s.unit.path }));
}

async function activeCounts(shiftIds: number[]) {
  if (shiftIds.length === 0) return new Map<number, number>();
  const rows = await getDb().assignment.groupBy({ by: ["shiftId"], where: { status: "ACTIVE", shiftId: { in: shiftIds } }, _count: true });
  return new Map(rows.map((r) => [r.shiftId, r._count]));
}

// ---------------------------------------------------------------------------
// /roster
// ---------------------------------------------------------------------------

export async function rosterOverview(scope: number[], personId: number, now: Date) {
  const db = getDb();
  const stations = await stationsInScope(scope);
  const week = weekRange(currentMonday(now));
  const ids = stations.map((s) => s.id);
  const [weekShifts, soon] = await Promise.all([
    db.shift.groupBy({ by: ["stationId"], where: { stationId: { in: ids }, startsAt: { gte: week.from, lt: week.to } }, _count: true }),
    db.shift.findMany({
      where: { stationId: { in: ids }, endsAt: { gt: now }, startsAt: { lt: new Date(now.getTime() + GAP_DAYS * DAY_MS) } },
      select: { id: true, stationId: true, headcount: true },
    }),
  ]);
  const counts = await activeCounts(soon.map((s) => s.id));
  const perWeek = new Map(weekShifts.map((r) => [r.stationId, r._count]));
  const short = new Map<number, number>();
  for (const s of soon) if ((counts.get(s.id) ?? 0) < s.headcount) short.set(s.stationId, (short.get(s.stationId) ?? 0) + 1);
  const notifications = await db.notification.findMany({
    where: { personId, kind: "ROSTER_SHIFT_SHORT", readAt: null },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  return {
    stations: stations.map((s) => ({ ...s, weekShifts: perWeek.get(s.id) ?? 0, shortSoon: short.get(s.id) ?? 0 })),
    notifications: notifications.map((n) => {
      const d = (n.data ?? {}) as Record<string, unknown>;
      const str = (k: string) => (typeof d[k] === "string" ? (d[k] as string) : "");
      return { id: n.id, createdAt: n.createdAt, shiftId: typeof d.shiftId === "number" ? d.shiftId : null, station: str("station"), duty: str("duty"), person: str("person"), startsAt: str("startsAt"), reason: str("reason") };
    }),
  };
}

export async function markNotificationRead(personId: number, notificationId: number | "all", now: Date) {
  await getDb().notification.updateMany({
    where: { personId, kind: "ROSTER_SHIFT_SHORT", readAt: null, ...(notificationId === "all" ? {} : { id: notificationId }) },
    data: { readAt: now },
  });
}

// ---------------------------------------------------------------------------
// The weekly roster of a station
// ---------------------------------------------------------------------------

export async function weekRoster(stationId: number, monday: Day) {
  const { from, to } = weekRange(monday);
  const shifts = await getDb().shift.findMany({
    where: { stationId, startsAt: { gte: from, lt: to } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    include: {
      dutyType: { select: { name: true, code: true } },
      assignments: { where: { status: "ACTIVE" }, orderBy: { id: "asc" }, select: { id: true, person: { select: { fullName: true, employeeCode: true } } } },
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

export async function dutyTypeOptions() {
  return getDb().dutyType.findMany({ orderBy: { name: "asc" }, select: { id: true, code: true, name: true } });
}

const k = (key: MessageKey) => key;
export const shiftCreateSchema = z
  .object({
    day: z.string({ error: k("roster.error.day") }).refine((v) => isDay(v), k("roster.error.day")),
    start: z.string({ error: k("roster.error.time") }).refine((v) => isClockTime(v), k("roster.error.time")),
    end: z.string({ error: k("roster.error.time") }).refine((v) => isClockTime(v), k("roster.error.time")),
    dutyTypeId: z.coerce.number({ error: k("roster.error.duty") }).int(k("roster.error.duty")).positive(k("roster.error.duty")).max(2_147_483_647, k("roster.error.duty")),
    headcount: z.coerce.number({ error: k("roster.error.headcount") }).int(k("roster.error.headcount")).min(1, k("roster.error.headcount")).max(100, k("roster.error.headcount")),
  })
  .refine((v) => v.start !== v.end, { path: ["end"], message: k("roster.error.sameTime") });

export async function createShift(
  actor: { personId: number },
  station: StationRef,
  input: { dutyTypeId: number; startsAt: Date; endsAt: Date; headcount: number; copiedFrom?: number },
  now: Date,
) {
  return getDb().$transaction(async (tx) => {
    const duty = await tx.dutyType.findUniqueOrThrow({ where: { id: input.dutyTypeId }, select: { code: true } });
    const shift = await tx.shift.create({
      data: { stationId: station.id, dutyTypeId: input.dutyTypeId, startsAt: input.startsAt, endsAt: input.endsAt, headcount: input.headcount, createdById: actor.personId, createdAt: now },
    });
    await appendAudit(
      tx,
      {
        actorId: actor.personId,
        action: "roster.shift_create",
        unitId: station.unitId,
        targetType: "shift",
        targetId: shift.id,
        data: { station: station.code, duty: duty.code, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString(), headcount: input.headcount, copiedFrom: input.copiedFrom },
      },
      now,
    );
    return shift;
  });
}

export type CopyOutcome = {
  created: number;
  skippedPast: number;
  skippedExisting: number;
  assigned: number;
  problems: { name: string; code: string; day: string; startsAt: string; endsAt: string; duty: string; error: string; reasons: ReasonCode[] }[];
};

/**
 * Copies the previous week's shifts of a station into the week of `monday`
 * (same weekday and times), then re-assigns each copied person through the
 * rule (path COPY). Shifts that would start in the past, or that already
 * exist, are skipped. New shifts and successful assignments are kept; every
 * refusal is logged and returned.
 */
export async function copyPreviousWeek(actor: { personId: number }, station: StationRef, monday: Day, now: Date): Promise<CopyOutcome> {
  const db = getDb();
  const source = weekRange(addDays(monday, -7));
  const target = weekRange(monday);
  const [previous, existing] = await Promise.all([
    db.shift.findMany({
      where: { stationId: station.id, startsAt: { gte: source.from, lt: source.to } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      include: {
        dutyType: { select: { name: true } },
        assignments: { where: { status: "ACTIVE" }, orderBy: { id: "asc" }, select: { personId: true, person: { select: { fullName: true, employeeCode: true } } } },
      },
    }),
    db.shift.findMany({ where: { stationId: station.id, startsAt: { gte: target.from, lt: target.to } }, select: { dutyTypeId: true, startsAt: true, endsAt: true } }),
  ]);
  const key = (s: { dutyTypeId: number; startsAt: Date; endsAt: Date }) => `${s.dutyTypeId}|${s.startsAt.getTime()}|${s.endsAt.getTime()}`;
  const taken = new Set(existing.map(key));
  const out: CopyOutcome = { created: 0, skippedPast: 0, skippedExisting: 0, assigned: 0, problems: [] };
  const by: Requester = { personId: actor.personId, apiTokenId: null, path: "COPY" };
  for (const s of previous) {
    const startsAt = new Date(s.startsAt.getTime() + 7 * DAY_MS);
    const endsAt = new Date(s.endsAt.getTime() + 7 * DAY_MS);
    if (startsAt < now) {
      out.skippedPast++;
      continue;
    }
    if (taken.has(key({ dutyTypeId: s.dutyTypeId, startsAt, endsAt }))) {
      out.skippedExisting++;
      continue;
    }
    const shift = await createShift(actor, station, { dutyTypeId: s.dutyTypeId, startsAt, endsAt, headcount: s.headcount, copiedFrom: s.id }, now);
    taken.add(key(shift));
    out.created++;
    for (const a of s.assignments) {
      const result: AssignResult = await assignToShift(shift.id, a.personId, by, now);
      if (result.ok) {
        out.assigned++;
        continue;
      }
      out.problems.push({
        name: a.person.fullName,
        code: a.person.employeeCode,
        day: dayOf(startsAt),
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        duty: s.dutyType.name,
        error: result.error,
        reasons: result.error === "NOT_ELIGIBLE" ? result.reasons.map((r) => r.code) : [],
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// One shift: its assignments and who may take it
// ---------------------------------------------------------------------------

export async function shiftWithAssignments(shiftId: number) {
  return getDb().shift.findUnique({
    where: { id: shiftId },
    include: {
      dutyType: { include: { requiredCertifications: { include: { certificationType: { select: { name: true } } } } } },
      assignments: {
        orderBy: [{ status: "asc" }, { id: "asc" }],
        include: { person: { select: { fullName: true, employeeCode: true, position: true } } },
      },
    },
  });
}

export type Candidate = { id: number; name: string; code: string; position: string; unitName: string; status: "ACTIVE" | "LEFT"; reasons: ReasonCode[] };

/** Runs `fn` over `items`, at most `limit` at a time. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/**
 * People who could be put on the shift — those of the station's unit subtree,
 * or of the whole `scope` — each checked against the rule: eligible first,
 * then the others with every reason.
 */
export async function candidatesFor(
  shift: { id: number; dutyTypeId: number; startsAt: Date; endsAt: Date },
  where: { subtreeOf: number } | { scope: number[] },
) {
  const db = getDb();
  const assigned = await db.assignment.findMany({ where: { shiftId: shift.id, status: "ACTIVE" }, select: { personId: true } });
  const people = await db.person.findMany({
    where: {
      id: { notIn: assigned.map((a) => a.personId) },
      unit: { path: "subtreeOf" in where ? { has: where.subtreeOf } : { hasSome: where.scope } },
    },
    select: { id: true, fullName: true, employeeCode: true, position: true, status: true, unit: { select: { name: true } } },
    take: 500,
  });
  const checked: Candidate[] = await mapLimited(people, 8, async (p) => {
    const check = await eligibilityOf({ personId: p.id, dutyTypeId: shift.dutyTypeId, startsAt: shift.startsAt, endsAt: shift.endsAt });
    return { id: p.id, name: p.fullName, code: p.employeeCode, position: p.position, unitName: p.unit.name, status: p.status, reasons: check.ok ? [] : check.reasons.map((r: Reason) => r.code) };
  });
  const byName = (a: Candidate, b: Candidate) => a.name.localeCompare(b.name, "vi") || a.code.localeCompare(b.code);
  return {
    eligible: checked.filter((c) => c.reasons.length === 0).sort(byName),
    ineligible: checked.filter((c) => c.reasons.length > 0).sort((a, b) => (a.status === b.status ? byName(a, b) : a.status === "ACTIVE" ? -1 : 1)),
  };
}

// ---------------------------------------------------------------------------
// /roster/gaps
// ---------------------------------------------------------------------------

export async function gapsInScope(scope: number[], now: Date) {
  if (scope.length === 0) return [];
  const shifts = await getDb().shift.findMany({
    where: { station: { unit: { path: { hasSome: scope } } }, endsAt: { gt: now }, startsAt: { lt: new Date(now.getTime() + GAP_DAYS * DAY_MS) } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    include: {
      station: { select: { id: true, name: true } },
      dutyType: { select: { name: true } },
      assignments: { select: { status: true, cancelReason: true } },
    },
  });
  return shifts
    .map((s) => {
      const active = s.assignments.filter((a) => a.status === "ACTIVE").length;
      const revoked = s.assignments.filter((a) => a.status === "CANCELLED" && a.cancelReason === "CERTIFICATION_REVOKED").length;
      return { id: s.id, stationId: s.station.id, station: s.station.name, duty: s.dutyType.name, startsAt: s.startsAt, endsAt: s.endsAt, headcount: s.headcount, active, revoked };
    })
    .filter((s) => s.active < s.headcount);
}

// ---------------------------------------------------------------------------
// The refusal log
// ---------------------------------------------------------------------------

export const REFUSALS_PAGE_SIZE = 50;
export const REFUSALS_CSV_MAX = 10_000;

export type RefusalFilters = { stationId: number | null; from: Day | null; to: Day | null; reason: ReasonCode | null };

export function parseRefusalSearch(params: URLSearchParams): RefusalFilters & { page: number } {
  const station = params.get("station") ?? "";
  const reason = params.get("reason") ?? "";
  const day = (v: string | null) => (isDay(v) ? v : null);
  const page = Number(params.get("page") ?? "1");
  return {
    stationId: /^\d{1,9}$/.test(station) ? Number(station) : null,
    from: day(params.get("from")),
    to: day(params.get("to")),
    reason: (REASON_CODES as readonly string[]).includes(reason) ? (reason as ReasonCode) : null,
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, 10_000) : 1,
  };
}

export function refusalSearchParams(f: RefusalFilters) {
  const p = new URLSearchParams();
  if (f.stationId != null) p.set("station", String(f.stationId));
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.reason) p.set("reason", f.reason);
  return p;
}

/** Refusals at `stationIds` matching the filters, newest first. */
export async function listRefusals(stationIds: number[], f: RefusalFilters, skip: number, take: number) {
  const db = getDb();
  const rows = await db.refusal.findMany({
    where: {
      stationId: { in: f.stationId != null ? stationIds.filter((id) => id === f.stationId) : stationIds },
      at: { gte: f.from ? startOfDay(f.from) : undefined, lt: f.to ? startOfDay(addDays(f.to, 1)) : undefined },
      reasons: f.reason ? { has: f.reason } : undefined,
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip,
    take,
  });
  const personIds = [...new Set(rows.flatMap((r) => [r.personId, r.actorId]).filter((x): x is number => x != null))];
  const [people, stations, duties] = await Promise.all([
    db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, fullName: true, employeeCode: true } }),
    db.station.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.stationId))] } }, select: { id: true, name: true } }),
    db.dutyType.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.dutyTypeId))] } }, select: { id: true, name: true } }),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const station = new Map(stations.map((s) => [s.id, s.name]));
  const duty = new Map(duties.map((d) => [d.id, d.name]));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    employeeCode: r.employeeCode,
    personName: r.personId != null ? (person.get(r.personId)?.fullName ?? "") : "",
    actorName: r.actorId != null ? (person.get(r.actorId)?.fullName ?? `#${r.actorId}`) : "",
    apiTokenId: r.apiTokenId,
    station: station.get(r.stationId) ?? `#${r.stationId}`,
    duty: duty.get(r.dutyTypeId) ?? `#${r.dutyTypeId}`,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    reasons: r.reasons.filter((c): c is ReasonCode => (REASON_CODES as readonly string[]).includes(c)),
    path: r.path,
  }));
}
