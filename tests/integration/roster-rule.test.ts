import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { checkEligibility, REASON_CODES } from "~/domain/roster/eligibility.ts";
import { toDateColumn } from "~/domain/time/calendar.ts";
import { assignViaApi } from "~/services/api/roster-api.server.ts";
import { rosterTargets } from "~/services/api/roster-targets.server.ts";
import type { AuthenticatedToken } from "~/services/api/tokens.server.ts";
import { assignToShift, cancelAssignment } from "~/services/roster/assignments.server.ts";
import { postgresError, ruleRefusalOf } from "~/services/roster/database-refusal.server.ts";
import { eligibilityOf } from "~/services/roster/eligibility.server.ts";
import { revokeCertification } from "~/services/exams/certifications.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { givenPaperSignature } from "../support/commitment.ts";
import { confirmedSessionLine, makePerson } from "../support/factories.ts";
import { KT1_CASES, random, randomCase, ruleInputOf, type RuleCase } from "../support/kt1-rule-cases.ts";
import { makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";

const page = { personId: null, apiTokenId: null, path: "PAGE" as const };
// Days ahead of the day the suite runs (a fixed date became the past: a revocation
// cancels only the duties not yet over, and the test failed on 2026-12-05).
const today = new Date();
const soon = (days: number, hour = 0) =>
  new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1 + days, hour));

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

type World = Awaited<ReturnType<typeof makeRosterWorld>>;
let serial = 0;

/**
 * Builds a case of the shared table in the database: its duty type, a person
 * with exactly those facts, certifications with exactly those dates (with the
 * confirmed session the schema asks for as evidence), the other duties (stored
 * with the triggers off: they are givens, not under test) and the shift.
 */
async function buildCase(world: World, c: RuleCase) {
  const db = getDb();
  const uid = randomBytes(3).toString("hex").toUpperCase();
  const dutyType = await db.dutyType.create({
    data: {
      code: `DT-P-${uid}`,
      name: "Nhiệm vụ thử (song song)",
      minExperienceMonths: c.dutyType.minExperienceMonths,
      requiresCommitment: c.dutyType.requiresCommitment,
      requiredCertifications: c.dutyType.requiresCertification ? { create: { certificationTypeId: world.certType.id } } : undefined,
    },
  });
  const person = await makePerson({ unitId: world.unit.id, withAccount: false });
  await db.person.update({
    where: { id: person.id },
    data: { status: c.person.status, workStartedOn: toDateColumn(c.person.workStartedOn) },
  });
  if (c.person.commitmentSignedOn !== null) await givenPaperSignature(person.id, c.person.commitmentSignedOn);
  for (const cert of c.certifications) {
    serial++;
    const { attendanceId } = await confirmedSessionLine({
      personId: person.id,
      certificationTypeId: world.certType.id,
      heldOn: cert.validFrom,
    });
    await db.$executeRaw`
      insert into certifications (serial, verification_code, person_id, certification_type_id, source, issued_at,
                                  valid_from, valid_until, training_attendance_id, revoked_at, revoke_reason)
      values (${`KT1-P-${uid}-${serial}`}, ${`kt1p${uid}${serial}`.toLowerCase()}, ${person.id}, ${world.certType.id}, 'IN_PERSON', ${new Date(`${cert.validFrom}T02:00:00Z`)},
              ${cert.validFrom}::date, ${cert.validUntil}::date, ${attendanceId}, ${cert.revokedAt ? new Date(cert.revokedAt) : null}, ${cert.revokedAt ? "Thu hồi thử" : null})`;
  }
  // Givens stored with the triggers off may break the rule themselves: they stay at the case world's station.
  for (const o of c.others) {
    const other = await db.shift.create({
      data: {
        stationId: world.station.id,
        dutyTypeId: world.dutyType.id,
        startsAt: new Date(o.startsAt),
        endsAt: new Date(o.endsAt),
        headcount: 5,
      },
    });
    await rawSql(
      `insert into assignments (shift_id, person_id, source) values ($1, $2, 'PAGE')`,
      [other.id, person.id],
      ["set session_replication_role = replica"],
    );
  }
  const shift = await db.shift.create({
    data: {
      stationId: world.station.id,
      dutyTypeId: dutyType.id,
      startsAt: new Date(c.duty.startsAt),
      endsAt: new Date(c.duty.endsAt),
      headcount: 5,
    },
  });
  return { person, dutyType, shift };
}

/**
 * A case through both copies of the rule: the pure rule on the table's data
 * and on what roster_rule_inputs loads, assignment_violations, and the trigger
 * on an insert through Prisma, its refusal read from SQLSTATE and DETAIL.
 */
async function bothSides(world: World, c: RuleCase) {
  const { person, dutyType, shift } = await buildCase(world, c);
  const codesOf = (r: { ok: boolean; reasons?: { code: string }[] }) => (r.ok ? [] : (r.reasons ?? []).map((x) => x.code));
  const domain = codesOf(checkEligibility(ruleInputOf(c, world.certType.id)));
  const loaded = codesOf(
    await eligibilityOf({ personId: person.id, dutyTypeId: dutyType.id, startsAt: shift.startsAt, endsAt: shift.endsAt }),
  );
  const { rows } = await rawSql(`select assignment_violations($1, $2, $3, $4, null) as v`, [
    person.id,
    dutyType.id,
    shift.startsAt,
    shift.endsAt,
  ]);
  let trigger: string[] = [];
  try {
    await getDb().assignment.create({ data: { shiftId: shift.id, personId: person.id, source: "PAGE" } });
  } catch (error) {
    expect(postgresError(error)?.sqlState).toBe("23514");
    trigger = (ruleRefusalOf(error) ?? [{ code: "UNREADABLE REFUSAL" }]).map((r) => r.code);
  }
  return { domain, loaded, sql: rows[0].v as string[], trigger };
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
    await expect(rawSql(`update assignments set status = 'ACTIVE', cancelled_at = null where id = $1`, [cancelled[0].id])).rejects.toThrow(
      /CERTIFICATION_REVOKED/,
    );
  });

  it("the trigger and assignment_violations give each case of the shared table its reasons, as the TypeScript rule does", async () => {
    const world = await makeRosterWorld();
    for (const c of KT1_CASES) {
      const got = await bothSides(world, c);
      expect(got, c.name).toEqual({ domain: c.expected, loaded: c.expected, sql: c.expected, trigger: c.expected });
    }
  });

  it("randomised: the domain rule and the database trigger agree on many random people, certifications and shifts", async () => {
    const world = await makeRosterWorld();
    const rnd = random(20261210);
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const c = randomCase(rnd, `random case ${i}`);
      const got = await bothSides(world, c);
      expect(got, `${c.name}: ${JSON.stringify(c)}`).toEqual({
        domain: got.domain,
        loaded: got.domain,
        sql: got.domain,
        trigger: got.domain,
      });
      for (const code of got.domain) seen.add(code);
      if (got.domain.length === 0) seen.add("ELIGIBLE");
    }
    // The random cases reach every reason, and eligible people too.
    expect([...seen].sort()).toEqual([...REASON_CODES, "ELIGIBLE"].sort());
  }, 300_000);

  it("page bookings and API bookings agree with each other and with the rule, on random cases", async () => {
    const world = await makeRosterWorld();
    const row = await getDb().apiToken.create({
      data: { name: "parity", tokenHash: randomBytes(32).toString("hex"), unitId: world.unit.id, scopes: ["roster:write"] },
    });
    const token: AuthenticatedToken = { id: row.id, name: row.name, unitId: world.unit.id, unitCode: world.unit.code, scopes: row.scopes };
    const rnd = random(20261211);
    const outcome = (r: { ok: boolean; code?: string; reasons?: { code: string }[] }) =>
      r.ok ? "BOOKED" : `${r.code}:${(r.reasons ?? []).map((x) => x.code).join(",")}`;
    for (let i = 0; i < 25; i++) {
      const c = randomCase(rnd, `booking case ${i}`);
      const { person, dutyType, shift } = await buildCase(world, c);
      const expected = checkEligibility(ruleInputOf(c, world.certType.id));
      const page = await assignToShift(shift.id, person.id, { personId: null, apiTokenId: null, path: "PAGE" }, new Date());
      if (page.ok)
        await cancelAssignment(page.value.assignmentId, { personId: null, apiTokenId: null, path: "PAGE" }, "Thử song song", new Date());
      const targets = await rosterTargets(
        token,
        { station: world.station.code, employeeCode: person.employeeCode, dutyType: dutyType.code },
        { startsAt: shift.startsAt, endsAt: shift.endsAt },
        true,
      );
      const api = await assignViaApi(token, targets, new Date());
      expect([outcome(page), outcome(api)], `${c.name}: ${JSON.stringify(c)}`).toEqual([outcome(expected), outcome(expected)]);
    }
  }, 300_000);

  it("logs every refusal with who, whom, which duty, why and the path, and stores nothing", async () => {
    const world = await makeRosterWorld();
    const shift = await makeShift(world, soon(5));
    const newcomer = await makePerson({ unitId: world.unit.id, withAccount: false });
    const result = await assignToShift(shift.id, newcomer.id, { personId: 7, apiTokenId: null, path: "PAGE" }, new Date());
    expect(result).toMatchObject({ ok: false, code: "NOT_ELIGIBLE" });
    const [refusal] = await getDb().refusal.findMany({ where: { personId: newcomer.id } });
    expect(refusal).toMatchObject({
      actorId: 7,
      stationId: world.station.id,
      dutyTypeId: world.dutyType.id,
      path: "PAGE",
      reasons: ["NO_CERTIFICATION", "NO_COMMITMENT"],
    });
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
    const shifts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => makeShift(world, soon(2 + Math.floor(i / 3), (i % 3) * 3), 4, 3)),
    );
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
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
            const a = await getDb().assignment.findFirst({
              where: { status: "ACTIVE", shift: { stationId: world.station.id } },
              skip: Math.floor(random() * 5),
            });
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
          if (!/deadlock|could not serialize|KT1 assignment refused|stays revoked/.test(String(error)))
            throw new Error(`client ${n}: ${String(error)}`);
          stats.errors++;
        }
      }
      return stats;
    };
    const results = await Promise.all(Array.from({ length: 8 }, (_, n) => client(n)));
    const totals = results.reduce((t, r) => ({ assigned: t.assigned + r.assigned, refused: t.refused + r.refused }), {
      assigned: 0,
      refused: 0,
    });
    expect(totals.assigned).toBeGreaterThan(0);
    expect(totals.refused).toBeGreaterThan(0);
    const { rows } = await rawSql(
      `
      select a.id, assignment_violations(a.person_id, s.duty_type_id, s.starts_at, s.ends_at, a.id) as v
        from assignments a join shifts s on s.id = a.shift_id
       where a.status = 'ACTIVE' and s.ends_at > now() and s.station_id = $1`,
      [world.station.id],
    );
    expect(rows.filter((r) => r.v.length > 0)).toEqual([]);
    const { rows: full } = await rawSql(
      `select s.id from shifts s where s.station_id = $1 and (select count(*) from assignments a where a.shift_id = s.id and a.status = 'ACTIVE') > s.headcount`,
      [world.station.id],
    );
    expect(full).toEqual([]);
  }, 300_000);
});
