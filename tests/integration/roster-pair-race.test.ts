// Issue 16: bookings, cancellations and "uncovered" marks on two-person shifts,
// raced through the pages' services and through raw SQL as the app's role.
// However they interleave, no shift ends over its headcount, full without a
// senior, or left without its pair while not marked uncovered (decision 064).
import { describe, expect, it } from "vitest";
import { DAY_MS } from "~/domain/time/calendar.ts";
import { assignToShift, cancelAssignment } from "~/services/roster/assignments.server.ts";
import { postgresError } from "~/services/roster/database-refusal.server.ts";
import { setShiftUncovered } from "~/services/roster/pair.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { sqlAs } from "../support/sql.ts";
import { makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";

const ROUNDS = 8;
const OPS = 18;
const SHIFTS = 4;

/** A fixed sequence, so every run races the same operations. */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
}

describe("two-person shifts under concurrent bookings and cancellations", () => {
  it(`${ROUNDS} rounds × ${OPS} operations: 0 violations at the end`, async () => {
    const db = getDb();
    const world = await makeRosterWorld();
    await db.dutyType.update({ where: { id: world.dutyType.id }, data: { requiresPair: true, pairSeniorMonths: 120 } });
    const seniors = await Promise.all([0, 1, 2].map(() => makeQualifiedPerson(world)));
    const juniors = await Promise.all([0, 1, 2, 3].map(() => makeQualifiedPerson(world)));
    for (const { person } of juniors)
      await db.person.update({ where: { id: person.id }, data: { workStartedOn: new Date(Date.now() - 400 * DAY_MS) } });
    const people = [...seniors, ...juniors].map((p) => p.person.id);
    const manager = people[0];
    const by = { personId: manager, apiTokenId: null, path: "PAGE" as const };
    // Days apart, so one person may be on all of them; each starts complete.
    const shifts: number[] = [];
    for (let i = 0; i < SHIFTS; i++) {
      const shift = await makeShift(world, new Date(Date.now() + (3 + i) * DAY_MS), 4, 3);
      await assignToShift(shift.id, juniors[0].person.id, by, new Date());
      await assignToShift(shift.id, seniors[0].person.id, by, new Date());
      shifts.push(shift.id);
    }

    const pick = lcg(16);
    const tally = { booked: 0, cancelled: 0, marked: 0, refused: 0, cancelRefused: 0, rawRefused: 0, rawDeadlocks: 0 };
    const unexpected: string[] = [];
    const raw = async (text: string, values: unknown[]) => {
      try {
        const r = await sqlAs("app", text, values);
        if (r.rowCount) tally[text.startsWith("insert") ? "booked" : "cancelled"]++;
      } catch (error) {
        const state = postgresError(error)?.sqlState;
        if (state === "23514") tally.rawRefused++;
        // Raw SQL takes the row before the shift on a cancellation; the pages take the shift first.
        else if (state === "40P01") tally.rawDeadlocks++;
        else unexpected.push(String(error));
      }
    };
    const activeId = async (shiftId: number, personId: number) =>
      (await db.assignment.findFirst({ where: { shiftId, personId, status: "ACTIVE" }, select: { id: true } }))?.id;

    for (let r = 0; r < ROUNDS; r++) {
      const ops = Array.from({ length: OPS }, () => {
        const shiftId = shifts[pick(SHIFTS)];
        const personId = people[pick(people.length)];
        const kind = pick(10);
        return async () => {
          const now = new Date();
          if (kind < 3) {
            const res = await assignToShift(shiftId, personId, by, now);
            if (res.ok) tally.booked++;
            else if (res.code === "NOT_ELIGIBLE") tally.refused++;
          } else if (kind < 6) {
            const id = await activeId(shiftId, personId);
            if (id === undefined) return;
            const res = await cancelAssignment(id, by, "Thử đồng thời", now);
            if (res.ok && !res.value.alreadyCancelled) tally.cancelled++;
            else if (!res.ok && res.code === "NOT_ELIGIBLE") tally.cancelRefused++;
          } else if (kind < 7) {
            // Marks only in the second half: the first races cancellations against complete pairs.
            if (r < ROUNDS / 2) return;
            if ((await setShiftUncovered(shiftId, "Thử đồng thời", { personId: manager }, now)).ok) tally.marked++;
          } else if (kind < 8) {
            await raw(`insert into assignments (shift_id, person_id, source) values ($1, $2, 'PAGE')`, [shiftId, personId]);
          } else {
            await raw(
              `update assignments set status = 'CANCELLED', cancelled_at = now(), cancel_reason = 'thử' where shift_id = $1 and person_id = $2 and status = 'ACTIVE'`,
              [shiftId, personId],
            );
          }
        };
      });
      const results = await Promise.allSettled(ops.map((op) => op()));
      for (const res of results) if (res.status === "rejected") unexpected.push(String(res.reason).slice(0, 200));
    }

    expect(unexpected).toEqual([]);
    // Something of each kind happened, and the rule refused some of it.
    expect(tally.booked).toBeGreaterThan(0);
    expect(tally.cancelled).toBeGreaterThan(0);
    expect(tally.refused + tally.cancelRefused + tally.rawRefused).toBeGreaterThan(0);
    const violations = await sqlAs(
      "app",
      `select s.id, st.active, st.seniors, s.headcount, s.uncovered_at
         from shifts s join duty_types d on d.id = s.duty_type_id,
              shift_pair_state(s.id, s.starts_at, d.pair_senior_position_id, d.pair_senior_months) st
        where s.id = any($1::int[])
          and (st.active > s.headcount
               or (st.active = s.headcount and st.seniors = 0)
               or (s.uncovered_at is null and st.active >= 1 and not (st.active >= 2 and st.seniors >= 1)))`,
      [shifts],
    );
    expect(violations.rows).toEqual([]);
    const broken = await sqlAs(
      "app",
      `select a.id from assignments a join shifts s on s.id = a.shift_id
        where a.shift_id = any($1::int[]) and a.status = 'ACTIVE'
          and cardinality(assignment_violations(a.person_id, s.duty_type_id, s.starts_at, s.ends_at, a.id)) > 0`,
      [shifts],
    );
    expect(broken.rows).toEqual([]);
    // The pages' refused cancellations are in the refusal log with their reason.
    const logged = await db.refusal.count({ where: { dutyTypeId: world.dutyType.id, reasons: { has: "PAIR_WOULD_BREAK" } } });
    expect(logged).toBe(tally.cancelRefused);
  }, 300_000);
});
