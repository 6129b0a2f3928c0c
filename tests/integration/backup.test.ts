// Backups that restore (decision 059): an embedded cluster seeded with the demo
// data is backed up by `npm run db:backup` while audited writes continue, and
// `npm run db:restore` puts it in a new data folder. The copy then holds every
// table as of one instant within the backup, its audit chain verifies, and the
// KT1 rule's trigger still refuses an uncertified person. When the suite runs
// against a PostgreSQL server, the same for a pg_dump backup of a database.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DAY_MS } from "~/domain/time/calendar.ts";
import { appendAudit, auditedTransaction } from "~/services/audit.server.ts";
import { embeddedDatabase, withClient, type DatabaseUrls } from "../../server/database-roles.ts";
import { startEmbeddedPostgres, type EmbeddedDb } from "../../server/embedded-postgres.ts";
import { freePort } from "../../server/free-port.ts";
import { migrate } from "../../server/migrate.ts";
import { runScript } from "../support/cli.ts";
import { adminQuery, databaseUrls } from "../support/database-server.ts";
import { makePerson } from "../support/factories.ts";
import { makeRosterWorld, makeShift } from "../support/roster-fixtures.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TABLES = [
  "people",
  "units",
  "certifications",
  "shifts",
  "assignments",
  "lessons",
  "question_versions",
  "audit_entries",
  "obligations",
];

let dir: string;
let port: number;
let db: EmbeddedDb;
let urls: DatabaseUrls;
const cleanup: string[] = [];

async function counts(url: string) {
  return withClient(url, async (c) => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await c.query(`select count(*) as n from ${t}`)).rows[0].n);
    return out;
  });
}

/** What the database answers, as the app's role, to booking an uncertified person (TH0071 by default) on a future KT1 shift. */
async function kt1Refusal(appUrl: string, personSql = "select id from people where employee_code = 'TH0071'") {
  return withClient(appUrl, async (c) => {
    try {
      await c.query(
        `insert into assignments (shift_id, person_id)
         select (select s.id from shifts s where s.starts_at > now() order by s.starts_at limit 1), (${personSql})`,
      );
      return "stored";
    } catch (error) {
      return (error as { code?: string }).code;
    }
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kt1-backup-src-"));
  cleanup.push(dir);
  port = await freePort();
  db = await startEmbeddedPostgres({ dir, port });
  urls = await embeddedDatabase(db);
  await migrate(urls.ownerUrl, () => {}, { appRole: "kt1_app" });
}, 120_000);

afterAll(async () => {
  await db?.stop();
  for (const d of cleanup) await rm(d, { recursive: true, force: true });
});

describe("npm run db:backup and db:restore", () => {
  it("an embedded cluster backed up while writes continue restores whole: counts of one instant, the audit chain, the KT1 trigger", async () => {
    // Seed, then keep writing.
    const writer = spawn("npx", ["tsx", "tests/support/backup-writer.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: urls.appUrl, MIGRATION_DATABASE_URL: undefined },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let written = 0;
    let output = "";
    const seeded = new Promise<void>((resolve, reject) => {
      writer.stdout.on("data", (d) => {
        output += String(d);
        const m = [...output.matchAll(/wrote (\d+)/g)].at(-1);
        if (m) written = Number(m[1]);
        if (output.includes("seeded")) resolve();
      });
      writer.stderr.on("data", (d) => (output += String(d)));
      writer.once("exit", (code) => reject(new Error(`writer exited ${code}: ${output}`)));
    });
    await seeded;
    while (written < 5) await new Promise((r) => setTimeout(r, 50));

    const backups = await mkdtemp(path.join(os.tmpdir(), "kt1-backups-"));
    cleanup.push(backups);
    const out = path.join(backups, "nightly");
    const before = await counts(urls.ownerUrl);
    const env = { EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: String(port), DATABASE_URL: undefined, MIGRATION_DATABASE_URL: undefined };
    const backup = await runScript("db/backup.ts", ["--out", out], env);
    const after = await counts(urls.ownerUrl);
    writer.stdin.end();
    await new Promise((r) => writer.once("exit", r));
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`db:backup: base backup written to ${out}`);
    expect(after.audit_entries).toBeGreaterThan(before.audit_entries); // writes went on during the backup

    // Restoring over a folder in use is refused and touches nothing.
    const refused = await runScript("db/restore.ts", [out, "--to", dir], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is not empty: restore only into a new data folder");

    const target = await mkdtemp(path.join(os.tmpdir(), "kt1-backup-dst-"));
    cleanup.push(target);
    const restore = await runScript("db/restore.ts", [out, "--to", target], env);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/db:restore: the backup of .* is in .*: \d+ people, \d+ audit entries\. Start the app with npm start\./);

    const restoredPort = await freePort();
    const copy = await startEmbeddedPostgres({ dir: target, port: restoredPort });
    try {
      const restored = await counts(copy.urlAs(copy.credentials.owner, "kt1"));
      // Tables nobody wrote to are equal; the audit log holds a moment within the backup.
      for (const t of TABLES.filter((t) => t !== "audit_entries")) expect(restored[t], t).toBe(before[t]);
      expect(restored.audit_entries).toBeGreaterThanOrEqual(before.audit_entries);
      expect(restored.audit_entries).toBeLessThanOrEqual(after.audit_entries);

      const verify = await runScript("audit-verify.ts", [], { ...env, EMBEDDED_PG_DIR: target, EMBEDDED_PG_PORT: String(restoredPort) });
      expect(verify.stdout).toContain(`Audit chain intact: ${restored.audit_entries} entries`);
      expect(verify.code).toBe(0);

      expect(await kt1Refusal(copy.urlAs(copy.credentials.app, "kt1"))).toBe("23514");
    } finally {
      await copy.stop();
    }
  }, 600_000);

  it("a server database is dumped by a pg_dump of its own version and restored into an empty database, re-granted", async () => {
    // A little of everything: a KT1 station and future shift, an uncertified person, audited changes.
    const world = await makeRosterWorld();
    await makeShift(world, new Date(Date.now() + 2 * DAY_MS));
    const person = await makePerson({ unitId: world.unit.id, fullName: "Người Chưa Chứng Nhận" });
    for (let i = 0; i < 5; i++) {
      await auditedTransaction((tx) =>
        appendAudit(tx, { actorId: null, action: "person.update", targetType: "person", targetId: person.id }, new Date()),
      );
    }
    const source = { appUrl: process.env.DATABASE_URL!, ownerUrl: process.env.MIGRATION_DATABASE_URL! };
    const before = await counts(source.ownerUrl);
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "kt1-dump-")), "kt1.dump");
    cleanup.push(path.dirname(file));
    const backup = await runScript("db/backup.ts", ["--out", file]);

    const serverMajor = await withClient(source.ownerUrl, async (c) =>
      Math.floor(Number((await c.query("show server_version_num")).rows[0].server_version_num) / 10_000),
    );
    const dumpMajor = Number(/(\d+)/.exec((await runCommand("pg_dump", ["--version"])).replace(/^[^\d]*/, ""))?.[1]);
    if (dumpMajor !== serverMajor) {
      // This machine's pg_dump cannot read this server: one sentence says what to install, and no file is left.
      expect(backup.code).toBe(1);
      expect(backup.stderr.trim()).toBe(
        `db:backup failed: pg_dump ${dumpMajor} does not match the server's PostgreSQL ${serverMajor}: install postgresql-client-${serverMajor}, or set PG_DUMP to its path`,
      );
      return;
    }
    expect(backup.stderr).toBe("");
    expect(backup.stdout).toContain(`db:backup: pg_dump written to ${file}`);

    const name = `${new URL(source.ownerUrl).pathname.slice(1)}_restored`;
    const serverUrl = inject("dbServerUrl");
    await adminQuery(serverUrl, `create database ${name} owner ${inject("dbLogins").owner.user}`);
    try {
      const target = databaseUrls(serverUrl, inject("dbLogins"), name);
      const env = { DATABASE_URL: target.appUrl, MIGRATION_DATABASE_URL: target.ownerUrl };
      const restore = await runScript("db/restore.ts", [file], env);
      expect(restore.stderr).toBe("");
      expect(restore.code).toBe(0);
      expect(await counts(target.ownerUrl)).toEqual(before);
      const verify = await runScript("audit-verify.ts", [], env);
      expect(verify.stdout).toContain(`Audit chain intact: ${before.audit_entries} entries`);
      expect(await kt1Refusal(target.appUrl, `select ${person.id}`)).toBe("23514");
      // Restoring again over what is now not empty is refused.
      const again = await runScript("db/restore.ts", [file], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/the database already has \d+ tables: restore only into an empty database/);
    } finally {
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    }
  }, 300_000);
});

function runCommand(command: string, args: string[]) {
  return new Promise<string>((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.once("error", () => resolve(""));
    child.once("close", () => resolve(out));
  });
}
