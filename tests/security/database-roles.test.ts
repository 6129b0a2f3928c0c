// Issue 11, item 2: the database defends the KT1 rule and the audit log against
// the app's own credentials. Each bypass below worked when the app connected as
// the superuser that owned every table.
import { readFileSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inspectRole, roleWarning, withClient } from "../../server/database-roles.ts";
import { embeddedUrl, startEmbeddedPostgres } from "../../server/embedded-postgres.ts";
import { freePort } from "../../server/free-port.ts";
import { makePerson } from "../support/factories.ts";
import { makeQualifiedPerson, makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";
import { sqlAs } from "../support/sql.ts";

const asApp = (text: string, values: unknown[] = []) => sqlAs("app", text, values);

describe("the app's database role", () => {
  it("is neither a superuser nor the owner of any table", async () => {
    const facts = await inspectRole(process.env.DATABASE_URL as string);
    expect(facts).toMatchObject({ superuser: false, ownsTables: 0 });
    expect(roleWarning(facts)).toBeNull();
  });

  it("cannot switch the KT1 rule off: no disabling triggers, no replica mode, no replacing its function, no TRUNCATE", async () => {
    const bypasses = [
      "alter table assignments disable trigger all",
      "set session_replication_role = replica",
      `create or replace function assignment_violations(p integer, t integer, s timestamptz, e timestamptz, exclude integer)
         returns text[] language sql as $$ select '{}'::text[] $$`,
      "truncate certifications cascade",
    ];
    for (const sql of bypasses) await expect(asApp(sql), sql).rejects.toThrow(/permission denied|must be owner|must be superuser/);
  });

  it("cannot insert an assignment of someone who is not certified", async () => {
    const world = await makeRosterWorld();
    const unqualified = await makePerson({ unitId: world.unit.id, withAccount: false });
    const shift = await makeShift(world, new Date("2026-12-20T01:00:00Z"));
    await expect(
      asApp("insert into assignments (shift_id, person_id, source) values ($1, $2, 'PAGE')", [shift.id, unqualified.id]),
    ).rejects.toThrow(/KT1 assignment refused/);
    const { person } = await makeQualifiedPerson(world);
    await asApp("insert into assignments (shift_id, person_id, source) values ($1, $2, 'PAGE')", [shift.id, person.id]);
  });

  it("cannot rewrite, delete or forge audit entries, yet its audited writes still join the chain", async () => {
    await asApp(`insert into audit_pending (entry) values ($1)`, [
      JSON.stringify({
        head: '{"action":"test.event","actorId":null,"at":"2026-12-04T00:00:00.000Z","data":{},"id":',
        tail: "}",
        at: "2026-12-04T00:00:00Z",
        action: "test.event",
      }),
    ]);
    const { rows } = await asApp("select id from audit_entries where action = 'test.event'");
    expect(rows).toHaveLength(1);
    for (const sql of [
      "update audit_entries set action = 'x'",
      "delete from audit_entries",
      `insert into audit_entries (id, at, action, data, prev_hash, hash) values (999999, now(), 'forged', '{}', repeat('0', 64), repeat('0', 64))`,
    ]) {
      await expect(asApp(sql), sql).rejects.toThrow(/permission denied/);
    }
  });

  it("holds privileges on every table only through prisma/grants.sql", async () => {
    const grants = readFileSync(path.resolve(import.meta.dirname, "../../prisma/grants.sql"), "utf8");
    const { rows } = await sqlAs<{ name: string }>(
      "owner",
      `select tablename as name from pg_tables where schemaname = 'public' and tablename <> '_prisma_migrations'`,
    );
    const missing = rows.map((r) => r.name).filter((name) => !new RegExp(`\\b${name}\\b`).test(grants));
    expect(missing, "tables a migration added without deciding the app's privileges in prisma/grants.sql").toEqual([]);
    const { rows: dangerous } = await sqlAs(
      "owner",
      `select table_name, privilege_type from information_schema.table_privileges
      where grantee = $1 and privilege_type in ('TRUNCATE', 'TRIGGER', 'REFERENCES')`,
      [new URL(process.env.DATABASE_URL as string).username],
    );
    expect(dangerous).toEqual([]);
  });
});

describe("an embedded cluster", () => {
  it("keeps random passwords in a 0600 file and refuses the old postgres/postgres login", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "kt1-roles-"));
    const port = await freePort();
    const db = await startEmbeddedPostgres({ dir, port, persistent: false });
    try {
      const file = await stat(path.join(dir, "kt1-credentials.json"));
      expect(file.mode & 0o777).toBe(0o600);
      expect(db.credentials.superuser.password).not.toBe("postgres");
      expect(db.credentials.app.password).not.toBe(db.credentials.owner.password);
      await expect(withClient(embeddedUrl(dir, port, { user: "postgres", password: "postgres" }), async () => true)).rejects.toThrow(
        /password authentication failed/,
      );
      await expect(withClient(db.url, async () => true)).resolves.toBe(true);
      // Over a Unix socket in the data folder, not a TCP port any local user can reach.
      expect(new URL(db.url).searchParams.get("host")).toBe(dir);
    } finally {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
