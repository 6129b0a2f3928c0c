// The roster's home and gaps pages: stations in scope with this week's shifts
// and the short ones soon, the manager's notifications, and the gap list.
import { DAY_MS } from "~/domain/time/calendar.ts";
import { currentMonday, weekRange } from "~/domain/roster/week.ts";
import { getDb } from "~/utils/db.server.ts";
import { coverageOf } from "./pair.server.ts";
import { stationsInScope } from "./stations.server.ts";

/** How far ahead the home page and the gap list look for short shifts. */
export const GAP_DAYS = 14;

async function activeCounts(shiftIds: number[]) {
  if (shiftIds.length === 0) return new Map<number, number>();
  const rows = await getDb().assignment.groupBy({ by: ["shiftId"], where: { status: "ACTIVE", shiftId: { in: shiftIds } }, _count: true });
  return new Map(rows.map((r) => [r.shiftId, r._count]));
}

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
      return {
        id: n.id,
        createdAt: n.createdAt,
        shiftId: typeof d.shiftId === "number" ? d.shiftId : null,
        station: str("station"),
        duty: str("duty"),
        person: str("person"),
        startsAt: str("startsAt"),
        reason: str("reason"),
      };
    }),
  };
}

/** Marks one of the person's roster notifications read, or all of them. */
export async function markNotificationRead(personId: number, notificationId: number | "all", now: Date) {
  await getDb().notification.updateMany({
    where: { personId, kind: "ROSTER_SHIFT_SHORT", readAt: null, ...(notificationId === "all" ? {} : { id: notificationId }) },
    data: { readAt: now },
  });
}

/**
 * Shifts in scope starting within GAP_DAYS that are short of people or of their
 * pair, or marked uncovered, with how many were taken off by a revocation.
 */
export async function gapsInScope(scope: number[], now: Date) {
  if (scope.length === 0) return [];
  const shifts = await getDb().shift.findMany({
    where: {
      station: { unit: { path: { hasSome: scope } } },
      endsAt: { gt: now },
      startsAt: { lt: new Date(now.getTime() + GAP_DAYS * DAY_MS) },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    include: {
      station: { select: { id: true, name: true } },
      dutyType: { select: { name: true, requiresPair: true, pairSeniorPositionId: true, pairSeniorMonths: true } },
      assignments: {
        select: { status: true, cancelReason: true, person: { select: { id: true, positionId: true, workStartedOn: true } } },
      },
    },
  });
  return shifts
    .map((s) => {
      const people = s.assignments.filter((a) => a.status === "ACTIVE").map((a) => a.person);
      const active = people.length;
      const revoked = s.assignments.filter((a) => a.status === "CANCELLED" && a.cancelReason === "CERTIFICATION_REVOKED").length;
      // A two-person shift is covered only with its pair complete (decision 064).
      const coverage = coverageOf(s, people);
      return {
        id: s.id,
        stationId: s.station.id,
        station: s.station.name,
        duty: s.dutyType.name,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        headcount: s.headcount,
        active,
        revoked,
        pair: coverage.pair,
        pairComplete: coverage.pairComplete,
        covered: coverage.covered,
        uncoveredAt: s.uncoveredAt,
        uncoveredReason: s.uncoveredReason,
      };
    })
    .filter((s) => !s.covered || s.uncoveredAt !== null);
}
