// "Copy last week" on a station's page.
import { addDays, DAY_MS, dayOf, type Day } from "~/domain/time/calendar.ts";
import type { ReasonCode } from "~/domain/roster/eligibility.ts";
import { weekRange } from "~/domain/roster/week.ts";
import { getDb } from "~/utils/db.server.ts";
import { assignToShift, type AssignRefusal, type Requester } from "./assignments.server.ts";
import { createShift } from "./shifts.server.ts";
import type { StationRef } from "./stations.server.ts";

export type CopyOutcome = {
  created: number;
  skippedPast: number;
  skippedExisting: number;
  assigned: number;
  problems: {
    name: string;
    code: string;
    day: string;
    startsAt: string;
    endsAt: string;
    duty: string;
    refusal: AssignRefusal;
    reasons: ReasonCode[];
  }[];
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
        assignments: {
          where: { status: "ACTIVE" },
          orderBy: { id: "asc" },
          select: { personId: true, person: { select: { fullName: true, employeeCode: true } } },
        },
      },
    }),
    db.shift.findMany({
      where: { stationId: station.id, startsAt: { gte: target.from, lt: target.to } },
      select: { dutyTypeId: true, startsAt: true, endsAt: true },
    }),
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
    const shift = await createShift(
      actor,
      station,
      { dutyTypeId: s.dutyTypeId, startsAt, endsAt, headcount: s.headcount, copiedFrom: s.id },
      now,
    );
    taken.add(key(shift));
    out.created++;
    for (const a of s.assignments) {
      const result = await assignToShift(shift.id, a.personId, by, now);
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
        refusal: result.code,
        reasons: (result.reasons ?? []).map((r) => r.code),
      });
    }
  }
  return out;
}
