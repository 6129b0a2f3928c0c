// Swap requests (decision 065): the holder asks, the named colleague accepts, a
// manager of the station approves — and the booking goes through the KT1 rule
// like any other: an ineligible colleague is refused with every reason, the
// refusal is logged, and the holder keeps the duty.
import { describe, expect, it } from "vitest";
import { assignToShift } from "~/services/roster/assignments.server.ts";
import { answerSwap, decideSwap, requestSwap, withdrawSwap } from "~/services/roster/swaps.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";
import { makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";

const page = { personId: null, apiTokenId: null, path: "PAGE" as const };
const START = new Date("2027-04-05T00:00:00Z");

async function setUp() {
  const world = await makeRosterWorld();
  const { person: holder } = await makeQualifiedPerson(world);
  const { person: colleague } = await makeQualifiedPerson(world);
  const uncertified = await makePerson({ unitId: world.unit.id, withAccount: false });
  const manager = await makePerson({ unitId: world.unit.id, withAccount: false });
  const managerOf = { personId: manager.id, grants: [{ role: "MANAGER" as const, unitId: world.unit.id }] };
  const shift = await makeShift(world, START, 4, 1);
  const booked = await assignToShift(shift.id, holder.id, page, new Date());
  if (!booked.ok) throw new Error("setup: holder not booked");
  return { world, holder, colleague, uncertified, managerOf, shift, assignmentId: booked.value.assignmentId };
}

const statusOf = async (id: number) => (await getDb().assignment.findUniqueOrThrow({ where: { id } })).status;

describe("duty swaps", () => {
  it("moves the duty to an eligible colleague once both agreed and a manager approved, all audited", async () => {
    const s = await setUp();
    const asked = await requestSwap(s.holder.id, s.assignmentId, s.colleague.employeeCode.toLowerCase(), new Date());
    expect(asked.ok).toBe(true);
    const swapId = asked.ok ? asked.value.swapId : 0;
    // Not before the colleague accepts; only the named colleague can accept.
    expect(await decideSwap(swapId, s.managerOf, true, new Date())).toMatchObject({ ok: false, code: "NOT_OPEN" });
    expect(await answerSwap(swapId, s.uncertified.id, true, new Date())).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await answerSwap(swapId, s.colleague.id, true, new Date())).ok).toBe(true);
    // A manager elsewhere does not see it.
    const elsewhere = await makeUnit({ kind: "STATION" });
    expect(
      await decideSwap(swapId, { personId: s.managerOf.personId, grants: [{ role: "MANAGER", unitId: elsewhere.id }] }, true, new Date()),
    ).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });

    const approved = await decideSwap(swapId, s.managerOf, true, new Date());
    expect(approved.ok).toBe(true);
    const newId = approved.ok ? (approved.value.newAssignmentId as number) : 0;
    expect(await statusOf(s.assignmentId)).toBe("CANCELLED");
    expect(await statusOf(newId)).toBe("ACTIVE");
    expect((await getDb().assignment.findUniqueOrThrow({ where: { id: newId } })).personId).toBe(s.colleague.id);
    expect((await getDb().assignment.findUniqueOrThrow({ where: { id: s.assignmentId } })).cancelReason).toBe("SWAP");
    expect((await getDb().dutySwap.findUniqueOrThrow({ where: { id: swapId } })).status).toBe("APPROVED");

    const actions = await getDb().auditEntry.findMany({
      where: { targetType: "duty_swap", targetId: String(swapId) },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["roster.swap.request", "roster.swap.accept", "roster.swap.approve"]);
    // Both hear of it (the assignments trigger).
    const notices = await getDb().notification.findMany({
      where: { kind: "DUTY_CHANGE", personId: { in: [s.holder.id, s.colleague.id] } },
    });
    expect(notices.map((n) => [n.personId, (n.data as { change: string }).change]).sort()).toEqual(
      [
        [s.holder.id, "ASSIGNED"],
        [s.holder.id, "CANCELLED"],
        [s.colleague.id, "ASSIGNED"],
      ].sort(),
    );
  });

  it("refuses an ineligible colleague with the reasons, logs the refusal, and leaves the holder on duty", async () => {
    const s = await setUp();
    const asked = await requestSwap(s.holder.id, s.assignmentId, s.uncertified.employeeCode, new Date());
    const swapId = asked.ok ? asked.value.swapId : 0;
    expect((await answerSwap(swapId, s.uncertified.id, true, new Date())).ok).toBe(true);
    const decided = await decideSwap(swapId, s.managerOf, true, new Date());
    expect(decided.ok).toBe(false);
    if (decided.ok) return;
    expect(decided.code).toBe("NOT_ELIGIBLE");
    expect(decided.reasons?.map((r) => r.code)).toEqual(expect.arrayContaining(["NO_CERTIFICATION", "NO_COMMITMENT"]));
    expect(await statusOf(s.assignmentId)).toBe("ACTIVE");
    const swap = await getDb().dutySwap.findUniqueOrThrow({ where: { id: swapId } });
    expect(swap.status).toBe("REFUSED");
    expect(swap.reasons).toEqual(expect.arrayContaining(["NO_CERTIFICATION"]));
    const logged = await getDb().refusal.findMany({ where: { personId: s.uncertified.id } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorId: s.managerOf.personId, stationId: s.world.station.id, path: "PAGE" });
    expect(await getDb().assignment.count({ where: { personId: s.uncertified.id } })).toBe(0);
  });

  it("refuses requests that make no sense: not yours, to yourself, to a stranger, twice at once; the holder may withdraw", async () => {
    const s = await setUp();
    const stranger = await makePerson({ unitId: (await makeUnit({ kind: "STATION" })).id, withAccount: false });
    const now = new Date();
    expect(await requestSwap(s.colleague.id, s.assignmentId, s.holder.employeeCode, now)).toMatchObject({ code: "NOT_FOUND" });
    expect(await requestSwap(s.holder.id, s.assignmentId, s.holder.employeeCode, now)).toMatchObject({ code: "SELF" });
    expect(await requestSwap(s.holder.id, s.assignmentId, stranger.employeeCode, now)).toMatchObject({ code: "UNKNOWN_COLLEAGUE" });
    expect(await requestSwap(s.holder.id, s.assignmentId, "KHONG-CO", now)).toMatchObject({ code: "UNKNOWN_COLLEAGUE" });
    const first = await requestSwap(s.holder.id, s.assignmentId, s.colleague.employeeCode, now);
    expect(first.ok).toBe(true);
    expect(await requestSwap(s.holder.id, s.assignmentId, s.uncertified.employeeCode, now)).toMatchObject({ code: "PENDING" });
    const swapId = first.ok ? first.value.swapId : 0;
    expect(await withdrawSwap(swapId, s.colleague.id, now)).toMatchObject({ code: "NOT_FOUND" });
    expect((await withdrawSwap(swapId, s.holder.id, now)).ok).toBe(true);
    expect(await answerSwap(swapId, s.colleague.id, true, now)).toMatchObject({ code: "NOT_OPEN" });
    expect((await requestSwap(s.holder.id, s.assignmentId, s.colleague.employeeCode, now)).ok).toBe(true);
  });
});
