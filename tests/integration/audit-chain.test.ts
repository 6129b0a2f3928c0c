import { describe, expect, it } from "vitest";
import { entryHash, GENESIS_HASH } from "~/domain/audit/chain.ts";
import { appendAudit, auditedTransaction } from "~/services/audit.server.ts";
import { verifyAuditChain } from "~/services/audit-verify.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { sqlAs } from "../support/sql.ts";

const url = () => process.env.DATABASE_URL as string;

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    await getDb().$transaction((tx) =>
      appendAudit(tx, { actorId: null, action: "test.event", data: { i, text: "Bưu cục KT1" } }, new Date()),
    );
  }
}

const sql = (text: string) => sqlAs("superuser", text);

describe("audit log", () => {
  it("links every entry to the previous one, also under concurrent writers", async () => {
    await Promise.all(Array.from({ length: 8 }, () => append(5)));
    const result = await verifyAuditChain(url());
    expect(result).toMatchObject({ ok: true });
    expect(result.count).toBe(40);
  });

  it("refuses UPDATE, DELETE and TRUNCATE from the app's connection, and from the owner's", async () => {
    await append(1);
    for (const statement of ["update audit_entries set action = 'x'", "delete from audit_entries", "truncate audit_entries"]) {
      await expect(sqlAs("app", statement)).rejects.toThrow(/permission denied/);
      await expect(sqlAs("owner", statement)).rejects.toThrow(/append-only/);
    }
  });

  // These run before the tampering tests below, which leave the chain broken on purpose.
  it("hashes in the database exactly what entryHash hashes in the app", async () => {
    const at = new Date(Date.UTC(2026, 10, 28, 7, 8, 9, 123));
    const tricky = { z: [1, 2.5, -0.001, 1e21, null], a: { é: 'Bưu cục KT1 — "trích dẫn" \\ \u0001 😀', b: false }, id: "x", "": "" };
    await getDb().$transaction((tx) =>
      appendAudit(tx, { actorId: 5, action: "test.tricky", unitId: 7, targetType: "thing", targetId: 12, data: tricky }, at),
    );
    const rows = await getDb().auditEntry.findMany({ orderBy: { id: "asc" } });
    let prev = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prevHash).toBe(prev);
      expect(r.hash).toBe(entryHash(prev, r));
      prev = r.hash;
    }
    const last = rows.at(-1)!;
    expect(last.hash).toBe(entryHash(last.prevHash, { ...last, data: JSON.parse(JSON.stringify(tricky)) }));
    expect(last).toMatchObject({ action: "test.tricky", actorId: 5, unitId: 7, targetType: "thing", targetId: "12", at });
    expect(last.data).toEqual(JSON.parse(JSON.stringify(tricky)));
  });

  it("writes an audited transaction's entries when it ends, in order, and nothing when it rolls back", async () => {
    const before = await getDb().auditEntry.count();
    const seenInside = await auditedTransaction(async (tx) => {
      await appendAudit(tx, { actorId: null, action: "test.first" }, new Date());
      await appendAudit(tx, { actorId: null, action: "test.second" }, new Date());
      return tx.auditEntry.count();
    });
    expect(seenInside).toBe(before);
    const written = await getDb().auditEntry.findMany({
      where: { action: { startsWith: "test." } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(written.slice(-2).map((w) => w.action)).toEqual(["test.first", "test.second"]);

    await expect(
      auditedTransaction(async (tx) => {
        await appendAudit(tx, { actorId: null, action: "test.rolled_back" }, new Date());
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await getDb().auditEntry.count({ where: { action: "test.rolled_back" } })).toBe(0);
    expect(await verifyAuditChain(url())).toMatchObject({ ok: true });
  });

  it("keeps one chain when audited transactions and direct appends race", async () => {
    const audited = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await auditedTransaction(async (tx) => {
          await appendAudit(tx, { actorId: null, action: "test.audited", data: { i } }, new Date());
          await appendAudit(tx, { actorId: null, action: "test.audited_second", data: { i } }, new Date());
        });
      }
    };
    const before = await getDb().auditEntry.count();
    await Promise.all([audited(5), audited(5), append(5), append(5)]);
    const result = await verifyAuditChain(url());
    expect(result).toMatchObject({ ok: true });
    expect(result.count).toBe(before + 30);
  });

  it("chains entries at commit: an open transaction's entry blocks nobody and lands after those committed first", async () => {
    let releaseFirst!: () => void;
    const secondDone = new Promise<void>((resolve) => (releaseFirst = resolve));
    // The first transaction appends, then stays open until the second has committed.
    const first = getDb().$transaction(async (tx) => {
      await appendAudit(tx, { actorId: null, action: "test.open_first" }, new Date());
      await secondDone;
    });
    await new Promise((r) => setTimeout(r, 50));
    await getDb().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.committed_second" }, new Date()));
    releaseFirst();
    await first;
    const order = await getDb().auditEntry.findMany({
      where: { action: { in: ["test.open_first", "test.committed_second"] } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(order.map((o) => o.action)).toEqual(["test.committed_second", "test.open_first"]);
    expect(await getDb().auditPending.count()).toBe(0);
    expect(await verifyAuditChain(url())).toMatchObject({ ok: true });
  });

  it("names the first tampered entry when someone bypasses the trigger", async () => {
    await append(3);
    const { rows } = await sql("select id from audit_entries order by id");
    const victim = rows[Math.floor(rows.length / 2)].id as string;
    // A superuser can switch triggers off; the hash chain still gives them away.
    await sql(`set session_replication_role = replica; update audit_entries set data = '{"i": 99}' where id = ${victim}`);
    const result = await verifyAuditChain(url());
    expect(result).toMatchObject({ ok: false, id: String(victim) });
  });

  it("catches a deleted entry in the middle of the chain", async () => {
    await append(3);
    const { rows } = await sql("select id from audit_entries order by id");
    const victim = rows[rows.length - 2].id as string;
    await sql(`set session_replication_role = replica; delete from audit_entries where id = ${victim}`);
    const result = await verifyAuditChain(url());
    expect(result.ok).toBe(false);
  });
});
