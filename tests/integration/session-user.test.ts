// The one statement every request with a session cookie runs: the person, their
// unit, their role grants and the header's unread-notification count.
import { describe, expect, it } from "vitest";
import { createSession, validateSessionToken } from "~/services/sessions.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";

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
});
