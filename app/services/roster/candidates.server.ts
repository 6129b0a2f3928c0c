// Who could be put on a shift, each checked against the KT1 rule, and the
// person a manager names when assigning.
import type { ReasonCode } from "~/domain/roster/eligibility.ts";
import { getDb } from "~/utils/db.server.ts";
import { eligibilityOf } from "./eligibility.server.ts";

export type Candidate = {
  id: number;
  name: string;
  code: string;
  position: string;
  unitName: string;
  status: "ACTIVE" | "LEFT";
  reasons: ReasonCode[];
};

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
    return {
      id: p.id,
      name: p.fullName,
      code: p.employeeCode,
      position: p.position,
      unitName: p.unit.name,
      status: p.status,
      reasons: check.ok ? [] : (check.reasons ?? []).map((r) => r.code),
    };
  });
  const byName = (a: Candidate, b: Candidate) => a.name.localeCompare(b.name, "vi") || a.code.localeCompare(b.code);
  return {
    eligible: checked.filter((c) => c.reasons.length === 0).sort(byName),
    ineligible: checked
      .filter((c) => c.reasons.length > 0)
      .sort((a, b) => (a.status === b.status ? byName(a, b) : a.status === "ACTIVE" ? -1 : 1)),
  };
}

/** The person a manager picked, with their unit's path (to check it is one they answer for), or null. */
export async function getCandidate(personId: number) {
  const p = await getDb().person.findUnique({
    where: { id: personId },
    select: { id: true, fullName: true, employeeCode: true, unit: { select: { path: true } } },
  });
  return p ? { id: p.id, fullName: p.fullName, employeeCode: p.employeeCode, unitPath: p.unit.path } : null;
}
