// Two-person duties (decision 064): what the rule in app/domain/roster/pair.ts
// reads, and the manager's "uncovered" mark. The database enforces the same
// (migration 20261207200000_two_person_duties) and has the last word.
import { isCovered, isPairComplete, pairBookingReasons, type PairMember, type PairRule } from "~/domain/roster/pair.ts";
import type { Reason } from "~/domain/roster/eligibility.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { postgresError } from "./database-refusal.server.ts";

type DutyTypePair = { requiresPair: boolean; pairSeniorPositionId: number | null; pairSeniorMonths: number | null };
type PersonFacts = { id: number; positionId: number; workStartedOn: Date };

export const pairRuleOf = (d: DutyTypePair): PairRule => ({
  requiresPair: d.requiresPair,
  seniorPositionId: d.pairSeniorPositionId,
  seniorMonths: d.pairSeniorMonths,
});

export const pairMemberOf = (p: PersonFacts): PairMember => ({
  personId: p.id,
  positionId: p.positionId,
  workStartedOn: fromDateColumn(p.workStartedOn),
});

const memberSelect = { id: true, positionId: true, workStartedOn: true } as const;

/** The people on a shift now, as the pair rule sees them. */
export async function pairMembersOf(shiftId: number, db: Pick<Tx, "assignment"> = getDb()): Promise<PairMember[]> {
  const rows = await db.assignment.findMany({
    where: { shiftId, status: "ACTIVE" },
    orderBy: { id: "asc" },
    select: { person: { select: memberSelect } },
  });
  return rows.map((r) => pairMemberOf(r.person));
}

/** The pair rule's reasons against booking `personId` onto the shift (empty for other duties). */
export async function pairBookingCheck(shiftId: number, personId: number): Promise<Reason[]> {
  const db = getDb();
  const shift = await db.shift.findUnique({ where: { id: shiftId }, select: { startsAt: true, headcount: true, dutyType: true } });
  if (!shift?.dutyType.requiresPair) return [];
  const [members, person] = await Promise.all([
    pairMembersOf(shiftId),
    db.person.findUnique({ where: { id: personId }, select: memberSelect }),
  ]);
  if (!person) return [];
  const others = members.filter((m) => m.personId !== personId);
  return pairBookingReasons(pairRuleOf(shift.dutyType), shift, others, pairMemberOf(person));
}

/** What the pages show of a shift: covered (headcount and pair), and whether its pair is complete. */
export function coverageOf(
  shift: { startsAt: Date; headcount: number; dutyType: DutyTypePair },
  people: PersonFacts[],
): { pair: boolean; pairComplete: boolean; covered: boolean } {
  const rule = pairRuleOf(shift.dutyType);
  const members = people.map(pairMemberOf);
  return { pair: rule.requiresPair, pairComplete: isPairComplete(rule, members, shift.startsAt), covered: isCovered(rule, shift, members) };
}

export const UNCOVERED_REASON_MIN = 3;
export const UNCOVERED_REASON_MAX = 300;

/**
 * A manager marks a two-person shift uncovered (the pair may then be broken,
 * and the gaps list shows it), or lifts the mark — refused while people are on
 * it who do not make a pair (the database says so: PAIR_WOULD_BREAK).
 */
export async function setShiftUncovered(
  shiftId: number,
  reason: string | null,
  actor: { personId: number },
  now: Date,
): Promise<Result<undefined, "NOT_PAIR" | "BAD_REASON" | "PAIR_INCOMPLETE">> {
  const text = reason === null ? null : reason.trim().replace(/\s+/g, " ");
  if (text !== null && (text.length < UNCOVERED_REASON_MIN || text.length > UNCOVERED_REASON_MAX)) return refused("BAD_REASON");
  try {
    return await auditedTransaction(async (tx) => {
      const shift = await tx.shift.findUnique({
        where: { id: shiftId },
        select: { dutyType: { select: { requiresPair: true } }, station: { select: { unitId: true, code: true } } },
      });
      if (!shift?.dutyType.requiresPair) return refused("NOT_PAIR");
      await tx.shift.update({
        where: { id: shiftId },
        data:
          text === null
            ? { uncoveredAt: null, uncoveredById: null, uncoveredReason: null }
            : { uncoveredAt: now, uncoveredById: actor.personId, uncoveredReason: text },
      });
      await appendAudit(
        tx,
        {
          actorId: actor.personId,
          action: text === null ? "roster.shift_covered" : "roster.shift_uncovered",
          unitId: shift.station.unitId,
          targetType: "shift",
          targetId: shiftId,
          data: { station: shift.station.code, reason: text },
        },
        now,
      );
      return ok(undefined);
    });
  } catch (error) {
    const pg = postgresError(error);
    if (pg?.sqlState === "23514" && pg.detail === "PAIR_WOULD_BREAK") return refused("PAIR_INCOMPLETE");
    throw error;
  }
}

/** The shift page's view of a two-person shift, or null for other duties. */
export async function pairViewOf(shift: {
  id: number;
  startsAt: Date;
  uncoveredAt: Date | null;
  uncoveredReason: string | null;
  dutyType: DutyTypePair;
}) {
  if (!shift.dutyType.requiresPair) return null;
  const db = getDb();
  const [members, position] = await Promise.all([
    pairMembersOf(shift.id),
    shift.dutyType.pairSeniorPositionId === null
      ? null
      : db.position.findUnique({ where: { id: shift.dutyType.pairSeniorPositionId }, select: { name: true } }),
  ]);
  return {
    complete: isPairComplete(pairRuleOf(shift.dutyType), members, shift.startsAt),
    seniorPosition: position?.name ?? null,
    seniorMonths: shift.dutyType.pairSeniorMonths,
    uncoveredAt: shift.uncoveredAt,
    uncoveredReason: shift.uncoveredReason,
  };
}
