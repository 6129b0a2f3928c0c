// Two database roles, as a real deployment has them (docs/decisions/036-database-roles.md):
// the OWNER runs migrations and owns every object; the APP role the server
// connects as holds only the privileges in prisma/grants.sql, so the app's own
// credentials cannot switch off the KT1 rule or rewrite the audit log.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// Any constant works; server/migrate.ts uses 727_001, the audit chain 727_002.
const ROLES_LOCK_KEY = 727_003;
const GRANTS_FILE = path.resolve(import.meta.dirname, "../prisma/grants.sql");
/** Schemas whose objects belong to the owner: Prisma's and pg-boss's. */
const APP_SCHEMAS = ["public", "pgboss"] as const;

export type RoleLogin = { user: string; password: string };

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The user a connection string logs in as. */
function roleOf(url: string) {
  return decodeURIComponent(new URL(url).username) || process.env.PGUSER || "postgres";
}

/** The same server and database, logged in as `login`. */
export function urlAs(url: string, login: RoleLogin) {
  const u = new URL(url);
  u.username = encodeURIComponent(login.user);
  u.password = encodeURIComponent(login.password);
  return u.toString();
}

/**
 * As a superuser (`adminUrl`): creates or updates the owner and app login roles
 * and `database`, owned by the owner. Idempotent: every start may run it.
 */
export async function provisionRoles(adminUrl: string, database: string, owner: RoleLogin, app: RoleLogin) {
  await withClient(adminUrl, async (c) => {
    // Roles are the server's, not a database's: several test suites (or hosts) may start at once.
    await c.query("select pg_advisory_lock($1)", [ROLES_LOCK_KEY]);
    for (const [role, attributes] of [
      // CREATEDB for the benchmark's own database (npm run bench:data).
      [owner, "LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"],
      [app, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"],
    ] as const) {
      const exists = await c.query("select 1 from pg_roles where rolname = $1", [role.user]);
      const verb = exists.rowCount ? "ALTER" : "CREATE";
      await c.query(`${verb} ROLE ${ident(role.user)} ${attributes} PASSWORD ${literal(role.password)}`);
    }
    const found = await c.query("select 1 from pg_database where datname = $1", [database]);
    if (!found.rowCount) await c.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(owner.user)}`);
  });
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  await transferOwnership(u.toString(), owner.user);
}

/**
 * As a superuser on the database itself: makes `owner` the owner of the database
 * and of everything in the app's schemas. A database migrated before the roles
 * existed (everything owned by the superuser) is so brought over in one start.
 */
async function transferOwnership(adminDbUrl: string, owner: string) {
  await withClient(adminDbUrl, async (c) => {
    const o = ident(owner);
    await c.query(`ALTER DATABASE ${ident(decodeURIComponent(new URL(adminDbUrl).pathname.slice(1)))} OWNER TO ${o}`);
    const { rows } = await c.query<{ sql: string }>(
      `select format('ALTER SCHEMA %I OWNER TO %I', n.nspname, $1::text) as sql
         from pg_namespace n where n.nspname = any($2) and pg_get_userbyid(n.nspowner) <> $1
       union all
       select format('ALTER %s %I.%I OWNER TO %I',
                     case c.relkind when 'S' then 'SEQUENCE' when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW' else 'TABLE' end,
                     n.nspname, c.relname, $1::text)
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any($2) and c.relkind in ('r', 'p', 'v', 'm', 'S') and pg_get_userbyid(c.relowner) <> $1
          and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')))
       union all
       select format('ALTER %s %s OWNER TO %I', case p.prokind when 'p' then 'PROCEDURE' else 'FUNCTION' end, p.oid::regprocedure, $1::text)
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = any($2) and pg_get_userbyid(p.proowner) <> $1
       union all
       select format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, $1::text)
         from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where n.nspname = any($2) and t.typtype in ('e', 'd', 'c') and pg_get_userbyid(t.typowner) <> $1
          and not exists (select 1 from pg_class c where c.oid = t.typrelid and c.relkind <> 'c')`,
      [owner, APP_SCHEMAS],
    );
    for (const { sql } of rows) await c.query(sql);
  });
}

/** As the owner, after migrations: the app role gets exactly what prisma/grants.sql lists. */
export async function grantAppPrivileges(ownerUrl: string, appRole: string) {
  const sql = (await readFile(GRANTS_FILE, "utf8")).replaceAll(":app_role", ident(appRole));
  await withClient(ownerUrl, (c) => c.query(sql));
}

export type RoleFacts = { role: string; superuser: boolean; ownsTables: number };

/** What the server's own connection can do: a superuser or owner can switch the rules off. */
export async function inspectRole(url: string): Promise<RoleFacts> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ role: string; superuser: boolean; owns: string }>(
      `select current_user as role, r.rolsuper as superuser,
              (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relowner = r.oid) as owns
         from pg_roles r where r.rolname = current_user`,
    );
    return { role: rows[0].role, superuser: rows[0].superuser, ownsTables: Number(rows[0].owns) };
  });
}

/** A warning for the log when the app's role could switch the database's rules off, else null. */
export function roleWarning(facts: RoleFacts) {
  if (!facts.superuser && facts.ownsTables === 0) return null;
  const what = facts.superuser ? "is a superuser" : `owns ${facts.ownsTables} tables`;
  return `the app connects as "${facts.role}", which ${what}: it could disable the KT1 rule's triggers or rewrite the audit log. Set MIGRATION_DATABASE_URL to the owner and DATABASE_URL to a role with only the app's privileges (README, "Database roles").`;
}

/** The two connection strings the server needs. */
export type DatabaseUrls = { appUrl: string; ownerUrl: string };

/** An embedded cluster's database, its owner and app roles made (or brought up to date) by its superuser. */
export async function embeddedDatabase(
  db: { url: string; credentials: { owner: RoleLogin; app: RoleLogin }; urlAs: (login: RoleLogin, database: string) => string },
  name = "kt1",
): Promise<DatabaseUrls> {
  await provisionRoles(db.url, name, db.credentials.owner, db.credentials.app);
  return { appUrl: db.urlAs(db.credentials.app, name), ownerUrl: db.urlAs(db.credentials.owner, name) };
}

/** The role to grant the app's privileges to: none when the app logs in as the owner itself. */
export function appRoleOf(urls: DatabaseUrls) {
  const app = roleOf(urls.appUrl);
  return app === roleOf(urls.ownerUrl) ? undefined : app;
}
