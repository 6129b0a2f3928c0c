import pg from "pg";
import { describe, expect, it } from "vitest";
import { appendAudit } from "~/services/audit.server.ts";
import { verifyAuditChain } from "~/services/audit-verify.server.ts";
import { getDb } from "~/utils/db.server.ts";

const url = () => process.env.DATABASE_URL as string;

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    await getDb().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.event", data: { i, text: "Bưu cục KT1" } }, new Date()));
  }
}

async function sql(text: string) {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe("audit log", () => {
  it("links every entry to the previous one, also under concurrent writers", async () => {
    await Promise.all(Array.from({ length: 8 }, () => append(5)));
    const result = await verifyAuditChain(url());
    expect(result).toMatchObject({ ok: true });
    expect(result.count).toBe(40);
  });

  it("refuses UPDATE, DELETE and TRUNCATE from the app's connection", async () => {
    await append(1);
    await expect(sql("update audit_entries set action = 'x'")).rejects.toThrow(/append-only/);
    await expect(sql("delete from audit_entries")).rejects.toThrow(/append-only/);
    await expect(sql("truncate audit_entries")).rejects.toThrow(/append-only/);
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
