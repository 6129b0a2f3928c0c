// Issue 16: the pages' booking and cancellation paths apply the two-person rule
// before writing, refuse with its reasons and log them like any refusal.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { assignViaApi, cancelViaApi } from "~/services/api/roster-api.server.ts";
import { rosterTargets } from "~/services/api/roster-targets.server.ts";
import { DAY_MS } from "~/domain/time/calendar.ts";
import { assignToShift, cancelOnShift } from "~/services/roster/assignments.server.ts";
import { setShiftUncovered } from "~/services/roster/pair.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";

async function pairShift() {
  const db = getDb();
  const world = await makeRosterWorld();
  await db.dutyType.update({ where: { id: world.dutyType.id }, data: { requiresPair: true, pairSeniorMonths: 120 } });
  const senior = (await makeQualifiedPerson(world)).person;
  const [junior, junior2] = [(await makeQualifiedPerson(world)).person, (await makeQualifiedPerson(world)).person];
  for (const p of [junior, junior2])
    await db.person.update({ where: { id: p.id }, data: { workStartedOn: new Date(Date.now() - 400 * DAY_MS) } });
  const shift = await makeShift(world, new Date(Date.now() + 5 * DAY_MS), 4, 2);
  return { world, shift, senior, junior, junior2, by: { personId: senior.id, apiTokenId: null, path: "PAGE" as const } };
}

describe("two-person duties on the roster pages", () => {
  it("refuses the last seat to a junior when nobody is senior, with the reason, logged", async () => {
    const { world, shift, junior, junior2, senior, by } = await pairShift();
    expect((await assignToShift(shift.id, junior.id, by, new Date())).ok).toBe(true);
    const refused = await assignToShift(shift.id, junior2.id, by, new Date());
    expect(refused).toMatchObject({ ok: false, code: "NOT_ELIGIBLE", reasons: [{ code: "PAIR_NEEDS_SENIOR" }] });
    const log = await getDb().refusal.findMany({ where: { dutyTypeId: world.dutyType.id } });
    expect(log.map((r) => [r.personId, r.reasons])).toEqual([[junior2.id, ["PAIR_NEEDS_SENIOR"]]]);
    expect((await assignToShift(shift.id, senior.id, by, new Date())).ok).toBe(true);
  });

  it("refuses a cancellation that breaks the pair, logged, until a manager marks the shift uncovered", async () => {
    const { world, shift, junior, senior, by } = await pairShift();
    await assignToShift(shift.id, junior.id, by, new Date());
    const booked = await assignToShift(shift.id, senior.id, by, new Date());
    if (!booked.ok) throw new Error("booking failed");
    const id = booked.value.assignmentId;
    const refused = await cancelOnShift(shift.id, id, "Bận việc gia đình", by, new Date());
    expect(refused).toMatchObject({ ok: false, code: "NOT_ELIGIBLE", reasons: [{ code: "PAIR_WOULD_BREAK" }] });
    expect((await getDb().assignment.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");
    const log = await getDb().refusal.findMany({ where: { dutyTypeId: world.dutyType.id } });
    expect(log.map((r) => [r.personId, r.reasons])).toEqual([[senior.id, ["PAIR_WOULD_BREAK"]]]);

    expect(await setShiftUncovered(shift.id, "x", { personId: senior.id }, new Date())).toMatchObject({ code: "BAD_REASON" });
    expect((await setShiftUncovered(shift.id, "Chờ người thay", { personId: senior.id }, new Date())).ok).toBe(true);
    expect((await cancelOnShift(shift.id, id, "Bận việc gia đình", by, new Date())).ok).toBe(true);
    // One junior left: the mark stays until the pair is complete again.
    expect(await setShiftUncovered(shift.id, null, { personId: senior.id }, new Date())).toMatchObject({ code: "PAIR_INCOMPLETE" });
    expect((await getDb().shift.findUniqueOrThrow({ where: { id: shift.id } })).uncoveredReason).toBe("Chờ người thay");
  });

  it("through the API: a new shift gets room for two, the rule refuses with 422 reasons, logged as API", async () => {
    const { world, senior, junior, junior2 } = await pairShift();
    const row = await getDb().apiToken.create({
      data: { name: "pair", tokenHash: randomBytes(32).toString("hex"), unitId: world.unit.id, scopes: ["roster:write"] },
    });
    const token = { id: row.id, name: row.name, unitId: world.unit.id, unitCode: world.unit.code, scopes: row.scopes };
    const startsAt = new Date(Date.now() + 9 * DAY_MS);
    const when = { startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000) };
    const book = async (employeeCode: string) =>
      assignViaApi(
        token,
        await rosterTargets(token, { station: world.station.code, employeeCode, dutyType: world.dutyType.code }, when, true),
        new Date(),
      );
    expect((await book(junior.employeeCode)).ok).toBe(true);
    const shift = await getDb().shift.findFirstOrThrow({ where: { stationId: world.station.id, startsAt } });
    expect(shift.headcount).toBe(2);
    expect(await book(junior2.employeeCode)).toMatchObject({ ok: false, code: "NOT_ELIGIBLE", reasons: [{ code: "PAIR_NEEDS_SENIOR" }] });
    const booked = await book(senior.employeeCode);
    if (!booked.ok) throw new Error("senior refused");
    expect(await cancelViaApi(token, booked.value.id, new Date())).toMatchObject({
      ok: false,
      code: "NOT_ELIGIBLE",
      reasons: [{ code: "PAIR_WOULD_BREAK" }],
    });
    const log = await getDb().refusal.findMany({ where: { dutyTypeId: world.dutyType.id }, orderBy: { id: "asc" } });
    expect(log.map((r) => [r.path, r.reasons])).toEqual([
      ["API", ["PAIR_NEEDS_SENIOR"]],
      ["API", ["PAIR_WOULD_BREAK"]],
    ]);
  });

  it("has no uncovered mark for a duty that is not two-person", async () => {
    const world = await makeRosterWorld();
    const shift = await makeShift(world, new Date(Date.now() + 5 * DAY_MS));
    const { person } = await makeQualifiedPerson(world);
    expect(await setShiftUncovered(shift.id, "Chờ người thay", { personId: person.id }, new Date())).toMatchObject({ code: "NOT_PAIR" });
  });
});
