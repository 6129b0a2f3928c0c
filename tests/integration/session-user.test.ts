// The one statement every request with a session cookie runs: the person, their
// unit, their role grants, the header's unread-notification count and whether
// the menu offers "my duties".
import { describe, expect, it } from "vitest";
import { assignToShift } from "~/services/roster/assignments.server.ts";
import { createSession, validateSessionToken } from "~/services/sessions.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";
import { makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";

describe("the session's user", () => {
  it("carries the person, unit, every role grant and the unread count, and nothing of anyone else's", async () => {
    const unit = await makeUnit({ name: "Văn phòng thử" });
    const other = await makeUnit();
    const person = await makePerson({
      unitId: unit.id,
      fullName: "Trần Văn Phiên",
      roles: [
        { role: "LEARNER", unitId: unit.id },
        { role: "MANAGER", unitId: other.id },
      ],
    });
    const someoneElse = await makePerson({ unitId: unit.id });
    const now = new Date();
    await getDb().notification.createMany({
      data: [
        { personId: person.id, kind: "OTHER", createdAt: now },
        { personId: person.id, kind: "OTHER", createdAt: now },
        { personId: person.id, kind: "OTHER", createdAt: now, readAt: now },
        { personId: someoneElse.id, kind: "OTHER", createdAt: now },
      ],
    });
    const account = await getDb().account.findUniqueOrThrow({ where: { personId: person.id } });
    const { token } = await createSession(account.id, now);

    const found = await validateSessionToken(token, now);
    expect(found?.user).toMatchObject({
      personId: person.id,
      accountId: account.id,
      fullName: "Trần Văn Phiên",
      unitId: unit.id,
      unitName: "Văn phòng thử",
      locale: "vi",
      mustChangePassword: false,
    });
    expect(found?.user.grants).toEqual([
      { role: "LEARNER", unitId: unit.id },
      { role: "MANAGER", unitId: other.id },
    ]);
    expect(found?.unreadNotifications).toBe(2);
    expect(found?.renewedUntil).toBeNull();
  });

  it("has no grants for a person without roles", async () => {
    const unit = await makeUnit();
    const person = await makePerson({ unitId: unit.id });
    await getDb().roleGrant.deleteMany({ where: { personId: person.id } });
    const account = await getDb().account.findUniqueOrThrow({ where: { personId: person.id } });
    const { token } = await createSession(account.id, new Date());
    const found = await validateSessionToken(token, new Date());
    expect(found?.user.grants).toEqual([]);
    expect(found?.unreadNotifications).toBe(0);
  });

  it("says whether the person was ever on a duty, which the menu needs on every page", async () => {
    const world = await makeRosterWorld();
    const { person } = await makeQualifiedPerson(world);
    const { token } = await createSession((await accountOf(person.id)).id, new Date());
    expect((await validateSessionToken(token, new Date()))?.hasDuties).toBe(false);
    const shift = await makeShift(world, new Date("2027-03-08T00:00:00Z"), 4, 2);
    const booked = await assignToShift(shift.id, person.id, { personId: null, apiTokenId: null, path: "PAGE" }, new Date());
    expect(booked.ok).toBe(true);
    expect((await validateSessionToken(token, new Date()))?.hasDuties).toBe(true);
  });
});

/** An account for a person made without one (roster fixtures make staff who never sign in). */
async function accountOf(personId: number) {
  return getDb().account.create({ data: { personId, passwordHash: "x" } });
}
