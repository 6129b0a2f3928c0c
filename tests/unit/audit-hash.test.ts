import { describe, expect, it } from "vitest";
import { entryBodyAroundId, entryHash, findBrokenLink, GENESIS_HASH, type ChainRow } from "~/domain/audit/chain.ts";
import { canonicalJson } from "~/domain/hashing.ts";

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = {
      id: i,
      at: new Date(Date.UTC(2026, 10, 28, 0, i)),
      actorId: 7,
      action: "person.update",
      unitId: 3,
      targetType: "person",
      targetId: "12",
      data: { b: 1, a: [i, "Hóa"] },
    };
    const hash = entryHash(prev, e);
    rows.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("audit hash chain", () => {
  it("canonical JSON does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
  it("an intact chain verifies", () => {
    expect(findBrokenLink(chain(5))).toBeNull();
  });
  it("a changed field breaks the chain at that entry", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], action: "person.create" };
    expect(findBrokenLink(rows)).toMatchObject({ id: "3" });
  });
  it("a removed entry breaks the chain at the next one", () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(findBrokenLink(rows)).toMatchObject({ id: "3" });
  });
  it("the body around an id, joined with the id, is the text the hash covers", () => {
    const entries = [
      {
        at: new Date(Date.UTC(2026, 10, 28, 1, 2, 3, 456)),
        actorId: null,
        action: "exam.start",
        unitId: null,
        targetType: null,
        targetId: null,
        data: {},
      },
      {
        at: new Date(0),
        actorId: 12,
        action: 'quote " and \\ back',
        unitId: 4,
        targetType: "attempt",
        targetId: "99",
        data: { z: [1, 2.5, null], a: { y: "Bưu cục KT1 — \u0001", b: true }, id: "not the id" },
      },
    ];
    for (const e of entries) {
      const { head, tail } = entryBodyAroundId(e);
      for (const id of [1, 42n, "9007199254740993"]) {
        const body = canonicalJson({
          id: String(id),
          at: e.at.toISOString(),
          actorId: e.actorId,
          action: e.action,
          unitId: e.unitId,
          targetType: e.targetType,
          targetId: e.targetId,
          data: e.data,
        });
        expect(head + String(id) + tail).toBe(body);
      }
    }
  });
});
