// Applies prisma/migrations/<name>/migration.sql in order and records each in
// Prisma's own _prisma_migrations table, so the Prisma CLI can take over on a
// machine that can download its engine (docs/decisions/002-migrations-offline.md).
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { grantAppPrivileges } from "./database-roles.ts";
import { prepareJobQueues } from "./job-queues.ts";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../prisma/migrations");
// Any constant works; it only has to be the same in every process.
const MIGRATION_LOCK_KEY = 727_001;

async function listMigrations(dir = MIGRATIONS_DIR) {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(path.join(dir, name, "migration.sql"), "utf8") })));
}

/**
 * Run as the owner (MIGRATION_DATABASE_URL). Then pg-boss's schema and queues,
 * and, when the app has a role of its own (`appRole`), that role's privileges
 * from prisma/grants.sql, re-applied every time so a new table is covered.
 */
export async function migrate(url: string, log: (msg: string) => void = () => {}, opts: { appRole?: string } = {}) {
  const count = await applyMigrations(url, log);
  await prepareJobQueues(url);
  if (opts.appRole) await grantAppPrivileges(url, opts.appRole);
  return count;
}

async function applyMigrations(url: string, log: (msg: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several app processes may start at once: one migrates, the others wait.
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`create table if not exists "_prisma_migrations" (
      "id" varchar(36) primary key, "checksum" varchar(64) not null,
      "finished_at" timestamptz, "migration_name" varchar(255) not null, "logs" text,
      "rolled_back_at" timestamptz, "started_at" timestamptz not null default now(),
      "applied_steps_count" integer not null default 0)`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `select migration_name, checksum from "_prisma_migrations" where finished_at is not null and rolled_back_at is null`,
    );
    const applied = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
    let count = 0;
    for (const m of await listMigrations()) {
      const checksum = createHash("sha256").update(m.sql).digest("hex");
      const known = applied.get(m.name);
      if (known) {
        if (known !== checksum) throw new Error(`Migration ${m.name} was edited after it was applied`);
        continue;
      }
      await client.query("begin");
      try {
        await client.query(m.sql);
        await client.query(
          `insert into "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           values ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, m.name],
        );
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      count++;
      log(`applied migration ${m.name}`);
    }
    return count;
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
