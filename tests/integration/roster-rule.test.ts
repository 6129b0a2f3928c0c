import pg from "pg";
import { describe, expect, it } from "vitest";
import { assignToShift, cancelAssignment } from "~/services/roster/assignments.server.ts";
import { eligibilityOf } from "~/services/roster/eligibility.server.ts";
import { revokeCertification } from "~/services/exams/certifications.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson } from "../support/factories.ts";
import { makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";

const page = { personId: null, apiTokenId: null, path: "PAGE" as const };
const soon = (days: number, hour = 0) => new Date(Date.UTC(2026, 11, 1 + days, hour));

// As the app's own role; statements in `before` (switching triggers off) need the superuser.
async function rawSql(text: string, values: unknown[] = [], before: string[] = []) {
  const client = new pg.Client({ connectionString: process.env[before.length ? "TEST_SUPERUSER_DATABASE_URL" : "DATABASE_URL"] });
  await client.connect();
  try {
    for (const statement of before) await client.query(statement);
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe("the KT1 assignment rule in PostgreSQL", () => {
  it("refuses a raw SQL insert of an ineligible assignment, naming the reasons", async () => {
    const world = await makeRosterWorld();
    const shift = await makeShift(world, soon(3));
    const unqualified = await makePerson({ unitId: world.unit.id, withAccount: false });
    await expect(
      rawSql(`insert into assignments (shift_id, person_id, source) values ($1, $2, 'PAGE')`, [shift.id, unqualified.id]),
    ).rejects.toThrow(/KT1 assignment refused: NO_CERTIFICATION,NO_COMMITMENT/);
    expect(await getDb().assignment.count({ where: { shiftId: shift.id } })).toBe(0);
  });

  it("refuses re-activating a cancelled assignment of someone no longer qualified, and moving a shift onto an overlap", async () => {
    const world = await makeRosterWorld();
    const { person, cert } = await makeQualifiedPerson(world);
    const a = await makeShift(world, soon(4, 0));
    const b = await makeShift(world, soon(4, 6));
    const first = await assignToShift(a.id, person.id, page, new Date());
    const second = await assignToShift(b.id, person.id, page, new Date());
    expect(first.ok && second.ok).toBe(true);
    await expect(rawSql(`update shifts set starts_at = $1 where id = $2`, [soon(4, 2), b.id])).rejects.toThrow(/OVERLAPPING_ASSIGNMENT/);
    await getDb().$transaction((tx) => revokeCertification(tx, cert.id, "Vi phạm quy trình", 1, new Date()));
    const cancelled = await getDb().assignment.findMany({ where: { personId: person.id } });
    expect(cancelled.map((x) => x.status)).toEqual(["CANCELLED", "CANCELLED"]);
    await expect(rawSql(`update assignments set status = 'ACTIVE', cancelled_at = null where id = $1`, [cancelled[0].id])).rejects.toThrow(/CERTIFICATION_REVOKED/);
  });

  it("agrees with the TypeScript rule on every reason and boundary", async () => {
    const world = await makeRosterWorld();
    const shift = await makeShift(world, new Date("2026-12-10T10:00:00Z"), 7); // 17:00–24:00 Vietnam time
    const cases = [
      { name: "qualified", setup: async (id: number) => id },
      { name: "certificate ends that day", validUntil: "2026-12-10" },
      { name: "certificate ended the day before", validUntil: "2026-12-09" },
      { name: "new starter", workStartedOn: "2026-06-11" },
      { name: "exactly six months", workStartedOn: "2026-06-10" },
      { name: "no commitment", commitment: null },
      { name: "left", status: "LEFT" },
    ];
    for (const c of cases) {
      const { person, cert } = await makeQualifiedPerson(world);
      // Certifications cannot be edited; a superuser session without triggers sets up the case.
      if ("validUntil" in c) await rawSql(`update certifications set valid_until = $1 where id = $2`, [c.validUntil, cert.id], ["set session_replication_role = replica"]);
      if ("workStartedOn" in c) await getDb().person.update({ where: { id: person.id }, data: { workStartedOn: new Date(`${c.workStartedOn}T00:00:00Z`) } });
      if ("commitment" in c) await rawSql(`delete from commitment_signatures where person_id = $1`, [person.id], ["set session_replication_role = replica"]);
      if ("status" in c) await getDb().person.update({ where: { id: person.id }, data: { status: "LEFT" } });
      const ts = await eligibilityOf({ personId: person.id, dutyTypeId: world.dutyType.id, startsAt: shift.startsAt, endsAt: shift.endsAt });
      const { rows } = await rawSql(`select assignment_violations($1, $2, $3, $4, null) as v`, [person.id, world.dutyType.id, shift.startsAt, shift.endsAt]);
      expect(rows[0].v, c.name).toEqual(ts.ok ? [] : ts.reasons.map((r) => r.code));
    }
  });

  it("logs every refusal with who, whom, which duty, why and the path, and stores nothing", async () => {
    const world = await makeRosterWorld();
    const shift = await makeShift(world, soon(5));
    const newcomer = await makePerson({ unitId: world.unit.id, withAccount: false });
    const result = await assignToShift(shift.id, newcomer.id, { personId: 7, apiTokenId: null, path: "PAGE" }, new Date());
    expect(result).toMatchObject({ ok: false, error: "NOT_ELIGIBLE" });
    const [refusal] = await getDb().refusal.findMany({ where: { personId: newcomer.id } });
    expect(refusal).toMatchObject({ actorId: 7, stationId: world.station.id, dutyTypeId: world.dutyType.id, path: "PAGE", reasons: ["NO_CERTIFICATION", "NO_COMMITMENT"] });
    expect(await getDb().assignment.count({ where: { personId: newcomer.id } })).toBe(0);
  });

  it("an assignment racing a revocation of the same certification never leaves a violating row", async () => {
    const world = await makeRosterWorld();
    for (let round = 0; round < 10; round++) {
      const { person, cert } = await makeQualifiedPerson(world);
      const shift = await makeShift(world, soon(6 + round));
      await Promise.allSettled([
        assignToShift(shift.id, person.id, page, new Date()),
        getDb().$transaction((tx) => revokeCertification(tx, cert.id, "Thu hồi thử", 1, new Date())),
      ]);
      const active = await getDb().assignment.count({ where: { personId: person.id, status: "ACTIVE" } });
      expect(active, `round ${round}`).toBe(0);
    }
  });

  it("stress: 8 clients × 500 mixed operations leave zero violating active assignments", async () => {
    const world = await makeRosterWorld();
    const people = await Promise.all(Array.from({ length: 12 }, () => makeQualifiedPerson(world)));
    const shifts = await Promise.all(Array.from({ length: 30 }, (_, i) => makeShift(world, soon(2 + Math.floor(i / 3), (i % 3) * 3), 4, 3)));
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)];
    const client = async (n: number) => {
      const stats = { assigned: 0, refused: 0, cancelled: 0, revoked: 0, renewed: 0, errors: 0 };
      for (let i = 0; i < 500; i++) {
        const op = random();
        const p = pick(people);
        try {
          if (op < 0.55) {
            const r = await assignToShift(pick(shifts).id, p.person.id, { personId: null, apiTokenId: null, path: "API" }, new Date());
            if (r.ok) stats.assigned++;
            else stats.refused++;
          } else if (op < 0.8) {
            const a = await getDb().assignment.findFirst({ where: { status: "ACTIVE", shift: { stationId: world.station.id } }, skip: Math.floor(random() * 5) });
            if (a) await cancelAssignment(a.id, { personId: null, apiTokenId: null, path: "API" }, "Thử tải", new Date());
            stats.cancelled++;
          } else if (op < 0.9) {
            const cert = await getDb().certification.findFirst({ where: { personId: p.person.id, revokedAt: null } });
            if (cert) await getDb().$transaction((tx) => revokeCertification(tx, cert.id, "Thử tải", 1, new Date()));
            stats.revoked++;
          } else {
            const { certify } = await import("../support/roster-fixtures.ts");
            await certify(world, p.person.id, new Date());
            stats.renewed++;
          }
        } catch (error) {
          // A refusal raised by the trigger in a race, or a second revocation of the same
          // certification, are correct outcomes; anything else fails the test.
          if (!/deadlock|could not serialize|KT1 assignment refused|stays revoked/.test(String(error))) throw new Error(`client ${n}: ${String(error)}`);
          stats.errors++;
        }
      }
      return stats;
    };
    const results = await Promise.all(Array.from({ length: 8 }, (_, n) => client(n)));
    const totals = results.reduce((t, r) => ({ assigned: t.assigned + r.assigned, refused: t.refused + r.refused }), { assigned: 0, refused: 0 });
    expect(totals.assigned).toBeGreaterThan(0);
    expect(totals.refused).toBeGreaterThan(0);
    const { rows } = await rawSql(`
      select a.id, assignment_violations(a.person_id, s.duty_type_id, s.starts_at, s.ends_at, a.id) as v
        from assignments a join shifts s on s.id = a.shift_id
       where a.status = 'ACTIVE' and s.ends_at > now()`);
    expect(rows.filter((r) => r.v.length > 0)).toEqual([]);
    const { rows: full } = await rawSql(`select s.id from shifts s where (select count(*) from assignments a where a.shift_id = s.id and a.status = 'ACTIVE') > s.headcount`);
    expect(full).toEqual([]);
  }, 300_000);
});
