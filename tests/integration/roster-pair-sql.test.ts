// Issue 16: the holes found by raw SQL in the roster's database rule, and the
// two-person rule, written as the app's own role with no application code in
// between (decision 064).
import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS } from "~/domain/time/calendar.ts";
import { revokePersonCertification } from "~/services/exams/certification-revoke.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { sqlAs } from "../support/sql.ts";
import { makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";

type World = Awaited<ReturnType<typeof makeRosterWorld>>;
const later = (days: number) => new Date(Date.now() + days * DAY_MS);
const app = (text: string, values: unknown[] = []) => sqlAs("app", text, values);

/** What PostgreSQL answered when it refused `run`: SQLSTATE and DETAIL. */
async function refusal(run: Promise<unknown>) {
  try {
    await run;
  } catch (error) {
    const e = error as { code?: string; detail?: string };
    return { code: e.code, detail: e.detail };
  }
  throw new Error("the statement was accepted");
}

const book = async (shiftId: number, personId: number) =>
  (await app(`insert into assignments (shift_id, person_id, source) values ($1, $2, 'PAGE') returning id`, [shiftId, personId])).rows[0]
    .id as number;
const cancel = (ids: number[]) =>
  app(`update assignments set status = 'CANCELLED', cancelled_at = now(), cancel_reason = 'thử' where id = any($1::int[])`, [ids]);
const activeOn = async (shiftId: number) =>
  Number((await app(`select count(*) from assignments where shift_id = $1 and status = 'ACTIVE'`, [shiftId])).rows[0].count);
const uncoveredAt = async (shiftId: number) => (await app(`select uncovered_at from shifts where id = $1`, [shiftId])).rows[0].uncovered_at;

/** A two-person duty: senior means ten years of work; juniors have one year and a half. */
async function pairWorld() {
  const world = await makeRosterWorld();
  await app(`update duty_types set requires_pair = true, pair_senior_months = 120 where id = $1`, [world.dutyType.id]);
  return world;
}
async function junior(world: World) {
  const { person, cert } = await makeQualifiedPerson(world);
  const started = new Date(Date.now() - 540 * DAY_MS);
  await getDb().person.update({ where: { id: person.id }, data: { workStartedOn: started } });
  return { person, cert };
}
const senior = (world: World) => makeQualifiedPerson(world); // working since 2015

describe("UPDATE duty_type_certifications is checked like INSERT", () => {
  it("refuses moving a duty type's requirement to a certification its booked people lack, and allows it when nobody is booked", async () => {
    const world = await makeRosterWorld();
    const { person } = await makeQualifiedPerson(world);
    const shift = await makeShift(world, later(7));
    await book(shift.id, person.id);
    const other = await getDb().certificationType.create({ data: { code: `CT-OTHER-${shift.id}`, name: "Loại khác (thử)" } });
    const change = `update duty_type_certifications set certification_type_id = $1 where duty_type_id = $2`;
    expect(await refusal(app(change, [other.id, world.dutyType.id]))).toMatchObject({ code: "23514" });
    const required = await app(`select certification_type_id from duty_type_certifications where duty_type_id = $1`, [world.dutyType.id]);
    expect(required.rows).toEqual([{ certification_type_id: world.certType.id }]);
    // Nobody booked on the first type's later shifts: the change goes through.
    await cancel([(await app(`select id from assignments where shift_id = $1`, [shift.id])).rows[0].id]);
    await app(change, [other.id, world.dutyType.id]);
  });
});

describe("the headcount, in the database", () => {
  it("refuses a second person on a headcount-1 shift, by INSERT or by re-activating a cancelled row", async () => {
    const world = await makeRosterWorld();
    const [a, b] = [await makeQualifiedPerson(world), await makeQualifiedPerson(world)];
    const shift = await makeShift(world, later(7), 4, 1);
    await book(shift.id, a.person.id);
    expect(await refusal(book(shift.id, b.person.id))).toEqual({ code: "23514", detail: "SHIFT_FULL" });
    const other = await makeShift(world, later(9), 4, 1);
    const moved = await book(other.id, b.person.id);
    expect(await refusal(app(`update assignments set shift_id = $1 where id = $2`, [shift.id, moved]))).toMatchObject({
      detail: "SHIFT_FULL",
    });
    await cancel([moved]);
    expect(
      await refusal(app(`update assignments set shift_id = $1, status = 'ACTIVE', cancelled_at = null where id = $2`, [shift.id, moved])),
    ).toMatchObject({ detail: "SHIFT_FULL" });
    expect(await activeOn(shift.id)).toBe(1);
  });

  it("refuses lowering a shift's headcount below the people booked, and allows lowering it to them", async () => {
    const world = await makeRosterWorld();
    const shift = await makeShift(world, later(7), 4, 3);
    for (let i = 0; i < 2; i++) await book(shift.id, (await makeQualifiedPerson(world)).person.id);
    expect(await refusal(app(`update shifts set headcount = 1 where id = $1`, [shift.id]))).toEqual({
      code: "23514",
      detail: "HEADCOUNT_BELOW_BOOKED",
    });
    await app(`update shifts set headcount = 2 where id = $1`, [shift.id]);
    expect((await app(`select headcount from shifts where id = $1`, [shift.id])).rows[0].headcount).toBe(2);
  });
});

describe("two-person duties", () => {
  it("needs room for two on a shift of the type", async () => {
    const world = await pairWorld();
    const insert = `insert into shifts (station_id, duty_type_id, starts_at, ends_at, headcount) values ($1, $2, $3, $4, $5)`;
    const times = [later(7), new Date(later(7).getTime() + 4 * HOUR_MS)];
    expect(await refusal(app(insert, [world.station.id, world.dutyType.id, ...times, 1]))).toEqual({
      code: "23514",
      detail: "PAIR_HEADCOUNT",
    });
    const shift = await makeShift(world, later(7), 4, 2);
    expect(await refusal(app(`update shifts set headcount = 1 where id = $1`, [shift.id]))).toMatchObject({ detail: "PAIR_HEADCOUNT" });
  });

  it("gives the last seat to a senior when nobody on the shift is one", async () => {
    const world = await pairWorld();
    const shift = await makeShift(world, later(7), 4, 2);
    const [j1, j2, s] = [await junior(world), await junior(world), await senior(world)];
    await book(shift.id, j1.person.id);
    expect(await refusal(book(shift.id, j2.person.id))).toEqual({ code: "23514", detail: "PAIR_NEEDS_SENIOR" });
    await book(shift.id, s.person.id);
    expect(await activeOn(shift.id)).toBe(2);
  });

  it("counts a holder of the senior position as senior, whatever their months of work", async () => {
    const world = await pairWorld();
    const lead = await app(`select id from positions where code = 'LANH_DAO'`);
    await app(`update duty_types set pair_senior_position_id = $1, pair_senior_months = null where id = $2`, [
      lead.rows[0].id,
      world.dutyType.id,
    ]);
    const shift = await makeShift(world, later(7), 4, 2);
    const [j1, j2] = [await junior(world), await junior(world)];
    await getDb().person.update({ where: { id: j2.person.id }, data: { positionId: lead.rows[0].id } });
    await book(shift.id, j1.person.id);
    await book(shift.id, j2.person.id);
    expect(await activeOn(shift.id)).toBe(2);
  });

  it("refuses a cancellation that leaves a complete shift with one person, unless it is marked uncovered", async () => {
    const world = await pairWorld();
    const shift = await makeShift(world, later(7), 4, 2);
    const [j, s] = [await junior(world), await senior(world)];
    const ja = await book(shift.id, j.person.id);
    const sa = await book(shift.id, s.person.id);
    expect(await refusal(cancel([sa]))).toEqual({ code: "23514", detail: "PAIR_WOULD_BREAK" });
    expect(await refusal(cancel([ja]))).toEqual({ code: "23514", detail: "PAIR_WOULD_BREAK" });
    // Nor by moving the person to another shift, or by giving the senior's seat to a junior.
    const elsewhere = await makeShift(world, later(9), 4, 2);
    expect(await refusal(app(`update assignments set shift_id = $1 where id = $2`, [elsewhere.id, sa]))).toMatchObject({
      detail: "PAIR_WOULD_BREAK",
    });
    const j2 = await junior(world);
    expect(await refusal(app(`update assignments set person_id = $1 where id = $2`, [j2.person.id, sa]))).toMatchObject({
      detail: "PAIR_NEEDS_SENIOR",
    });
    const s2 = await senior(world);
    await app(`update assignments set person_id = $1 where id = $2`, [s2.person.id, sa]);
    expect(await activeOn(shift.id)).toBe(2);
    // Both at once leave nobody alone on it: allowed.
    await cancel([ja, sa]);
    expect(await activeOn(shift.id)).toBe(0);
  });

  it("judges the pair at COMMIT: one transaction may cancel the senior and book another (a swap)", async () => {
    const world = await pairWorld();
    const shift = await makeShift(world, later(7), 4, 2);
    const [j, s, s2, j2] = [await junior(world), await senior(world), await senior(world), await junior(world)];
    await book(shift.id, j.person.id);
    const sa = await book(shift.id, s.person.id);
    const swap = (to: number) =>
      app(`begin;
           update assignments set status = 'CANCELLED', cancelled_at = now(), cancel_reason = 'đổi ca' where id = ${sa};
           insert into assignments (shift_id, person_id, source) values (${shift.id}, ${to}, 'PAGE');
           commit;`);
    expect(await refusal(swap(j2.person.id))).toMatchObject({ code: "23514", detail: "PAIR_NEEDS_SENIOR" });
    await swap(s2.person.id);
    const on = await app(`select person_id from assignments where shift_id = $1 and status = 'ACTIVE' order by id`, [shift.id]);
    expect(on.rows.map((r) => r.person_id)).toEqual([j.person.id, s2.person.id]);
  });

  it("lets a manager's mark through, keeps it while the shift is short and lifts it when the pair is complete again", async () => {
    const world = await pairWorld();
    const shift = await makeShift(world, later(7), 4, 2);
    const [j, s, s2] = [await junior(world), await senior(world), await senior(world)];
    await book(shift.id, j.person.id);
    const sa = await book(shift.id, s.person.id);
    const mark = `update shifts set uncovered_at = now(), uncovered_reason = 'Chờ người thay' where id = $1`;
    await app(mark, [shift.id]);
    await cancel([sa]);
    expect(await activeOn(shift.id)).toBe(1);
    expect(await refusal(app(`update shifts set uncovered_at = null, uncovered_reason = null where id = $1`, [shift.id]))).toMatchObject({
      detail: "PAIR_WOULD_BREAK",
    });
    await book(shift.id, s2.person.id);
    expect(await uncoveredAt(shift.id)).toBeNull();
  });

  it("does not refuse a revocation: its cascade marks the shift uncovered, with why", async () => {
    const world = await pairWorld();
    const shift = await makeShift(world, later(7), 4, 2);
    const [j, s] = [await junior(world), await senior(world)];
    await book(shift.id, j.person.id);
    await book(shift.id, s.person.id);
    await revokePersonCertification(s.person.id, { certificationId: s.cert.id, reason: "Thử thu hồi" }, j.person.id, new Date());
    expect(await activeOn(shift.id)).toBe(1);
    const row = (await app(`select uncovered_at, uncovered_reason from shifts where id = $1`, [shift.id])).rows[0];
    expect(row.uncovered_at).not.toBeNull();
    expect(row.uncovered_reason).toBe("CERTIFICATION_REVOKED");
  });

  it("refuses a change of the duty type's rule that breaks a complete shift", async () => {
    const world = await pairWorld();
    const shift = await makeShift(world, later(7), 4, 2);
    await book(shift.id, (await junior(world)).person.id);
    await book(shift.id, (await senior(world)).person.id);
    expect(await refusal(app(`update duty_types set pair_senior_months = 240 where id = $1`, [world.dutyType.id]))).toMatchObject({
      detail: "PAIR_WOULD_BREAK",
    });
    const single = await makeRosterWorld();
    const one = await makeShift(single, later(8), 4, 1);
    expect(
      await refusal(app(`update duty_types set requires_pair = true, pair_senior_months = 12 where id = $1`, [single.dutyType.id])),
    ).toMatchObject({ detail: "PAIR_WOULD_BREAK" });
    expect(one.headcount).toBe(1);
  });
});
