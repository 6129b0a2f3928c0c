// Backups of a PostgreSQL server (decision 059): pg_dump's custom format, from
// a pg_dump of the server's own major version (an older one refuses a newer
// server, a newer one writes what an older pg_restore cannot read), restored by
// pg_restore into an empty database, after which the migrations step re-grants
// the app's role.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { withClient } from "../database-roles.ts";

const run = promisify(execFile);

/** PG_DUMP / PG_RESTORE override the programs' paths (e.g. /usr/lib/postgresql/18/bin/pg_dump). */
const program = (name: "pg_dump" | "pg_restore") => (name === "pg_dump" ? process.env.PG_DUMP : process.env.PG_RESTORE) || name;

async function majorOf(name: "pg_dump" | "pg_restore") {
  try {
    const { stdout } = await run(program(name), ["--version"]);
    const m = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^\d]*/, ""));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The server's major version and a matching tool, or one sentence saying what to install. */
async function matchingTool(url: string, name: "pg_dump" | "pg_restore") {
  const server = await withClient(url, async (c) =>
    Number((await c.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0].v),
  );
  const serverMajor = Math.floor(server / 10_000);
  const tool = await majorOf(name);
  if (tool === null)
    throw new Error(`${name} was not found: install postgresql-client-${serverMajor}, or set ${name.toUpperCase()} to its path`);
  if (tool !== serverMajor)
    throw new Error(
      `${name} ${tool} does not match the server's PostgreSQL ${serverMajor}: install postgresql-client-${serverMajor}, or set ${name.toUpperCase()} to its path`,
    );
  return serverMajor;
}

/** libpq reads the password from the URL; nothing lands in the process list but the URL without it. */
function connection(url: string) {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { dbname: u.toString(), env: { ...process.env, PGPASSWORD: password } };
}

/** A consistent dump (one snapshot) of the whole database into `file`, as the owner. */
export async function dumpDatabase(ownerUrl: string, file: string) {
  const major = await matchingTool(ownerUrl, "pg_dump");
  const { dbname, env } = connection(ownerUrl);
  await run(program("pg_dump"), ["--format=custom", "--no-owner", "--no-acl", `--file=${file}`, `--dbname=${dbname}`], { env });
  return { serverMajor: major };
}

/** Restores `file` into the empty database at `ownerUrl` (objects owned by that login). */
export async function restoreDump(ownerUrl: string, file: string) {
  await matchingTool(ownerUrl, "pg_restore");
  const tables = await withClient(ownerUrl, async (c) =>
    Number(
      (await c.query<{ n: string }>(`select count(*) as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`))
        .rows[0].n,
    ),
  );
  if (tables > 0) throw new Error(`the database already has ${tables} tables: restore only into an empty database`);
  const { dbname, env } = connection(ownerUrl);
  await run(program("pg_restore"), ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", `--dbname=${dbname}`, file], {
    env,
  });
}
