import { describe, expect, it } from "vitest";
import { canonicalJson, entryHash, findBrokenLink, GENESIS_HASH, type ChainRow } from "~/domain/audit/chain.ts";

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = { id: i, at: new Date(Date.UTC(2026, 10, 28, 0, i)), actorId: 7, action: "person.update", unitId: 3, targetType: "person", targetId: "12", data: { b: 1, a: [i, "Hóa"] } };
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
});
