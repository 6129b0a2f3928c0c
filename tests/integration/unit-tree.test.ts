import { describe, expect, it } from "vitest";
import { unitsInScope } from "~/services/units.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makeUnit } from "../support/factories.ts";

describe("unit tree", () => {
  it("derives each unit's path from its parents, and re-paths a moved subtree", async () => {
    const a = await makeUnit();
    const b = await makeUnit({ parentId: a.id });
    const c = await makeUnit({ parentId: b.id });
    expect(c.path).toEqual([a.id, b.id, c.id]);

    const other = await makeUnit();
    await getDb().unit.update({ where: { id: b.id }, data: { parentId: other.id } });
    const moved = await getDb().unit.findUniqueOrThrow({ where: { id: c.id } });
    expect(moved.path).toEqual([other.id, b.id, c.id]);
  });

  it("refuses to move a unit under its own subtree", async () => {
    const a = await makeUnit();
    const b = await makeUnit({ parentId: a.id });
    await expect(getDb().unit.update({ where: { id: a.id }, data: { parentId: b.id } })).rejects.toThrow(/own subtree/);
  });

  it("lists a scope's subtree with head counts and nothing outside it", async () => {
    const root = await makeUnit();
    const inside = await makeUnit({ parentId: root.id });
    const outside = await makeUnit();
    const ids = (await unitsInScope([inside.id])).map((u) => u.id);
    expect(ids).toEqual([inside.id]);
    expect(ids).not.toContain(outside.id);
    expect((await unitsInScope([root.id])).map((u) => u.id)).toEqual([root.id, inside.id]);
  });
});
