import { describe, expect, it } from "vitest";
import { updatePerson } from "~/services/people-admin.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";

const NOW = new Date("2026-11-28T05:00:00Z");

async function grantsOf(personId: number) {
  const rows = await getDb().roleGrant.findMany({
    where: { personId },
    select: { role: true, unitId: true },
    orderBy: [{ role: "asc" }, { unitId: "asc" }],
  });
  return rows.map((g) => `${g.role}@${g.unitId}`);
}

describe("moving a person to another unit", () => {
  it("moves their own learner grant with them and leaves appointments where they were given", async () => {
    const from = await makeUnit({ kind: "AGENCY", name: "Cơ quan cũ" });
    const to = await makeUnit({ kind: "AGENCY", name: "Cơ quan mới" });
    const person = await makePerson({ unitId: from.id, fullName: "Trịnh Văn Chuyển", withAccount: false });
    await getDb().roleGrant.upsert({
      where: { personId_role_unitId: { personId: person.id, role: "LEARNER", unitId: from.id } },
      create: { personId: person.id, role: "LEARNER", unitId: from.id },
      update: {},
    });
    await getDb().roleGrant.create({ data: { personId: person.id, role: "MANAGER", unitId: from.id } });

    await getDb().$transaction((tx) => updatePerson(tx, person.id, { unitId: to.id }, null, NOW));
    expect(await grantsOf(person.id)).toEqual([`LEARNER@${to.id}`, `MANAGER@${from.id}`].sort());

    // Back again, when a learner grant already exists there too: one grant, not two.
    await getDb().roleGrant.create({ data: { personId: person.id, role: "LEARNER", unitId: from.id } });
    await getDb().$transaction((tx) => updatePerson(tx, person.id, { unitId: from.id }, null, NOW));
    expect(await grantsOf(person.id)).toEqual([`LEARNER@${from.id}`, `MANAGER@${from.id}`].sort());
  });
});
