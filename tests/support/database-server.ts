// The PostgreSQL server tests use: TEST_DATABASE_URL when set (any server ≥ 15),
// else a throwaway embedded cluster on a free port.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { appRoleOf, provisionRoles, urlAs, withClient, type RoleLogin } from "../../server/database-roles.ts";
import { startEmbeddedPostgres } from "../../server/embedded-postgres.ts";
import { freePort } from "../../server/free-port.ts";
import { migrate } from "../../server/migrate.ts";

export function withDatabase(serverUrl: string, name: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function adminQuery(serverUrl: string, sql: string) {
  return withClient(serverUrl, (c) => c.query(sql));
}

/** The owner and app logins tests use, as a deployment has them (server/database-roles.ts). */
export type TestLogins = { owner: RoleLogin; app: RoleLogin };
// On a shared server (TEST_DATABASE_URL) every run uses these two roles; their
// passwords only matter where the server asks for one.
const SHARED_LOGINS: TestLogins = {
  owner: { user: "kt1_owner", password: "kt1-test-owner" },
  app: { user: "kt1_app", password: "kt1-test-app" },
};

/** A database's URLs: the app's role (DATABASE_URL), its owner and the server's superuser. */
export function databaseUrls(serverUrl: string, logins: TestLogins, name: string) {
  const url = withDatabase(serverUrl, name);
  return { appUrl: urlAs(url, logins.app), ownerUrl: urlAs(url, logins.owner), superuserUrl: url };
}

/**
 * Starts (or connects to) a server, makes the owner and app roles, and creates a
 * template database migrated by the owner, with the app's privileges granted.
 */
export async function startTestDatabaseServer(label: string) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let logins = SHARED_LOGINS;
  let stopServer = async () => {};
  if (!serverUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), `kt1-${label}-`));
    const db = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
    serverUrl = db.url;
    logins = db.credentials;
    stopServer = async () => {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  // Names carry the pid so that parallel runs on one shared server never collide.
  const prefix = `kt1_${label}_${process.pid}`;
  const template = `${prefix}_tpl`;
  await adminQuery(serverUrl, `drop database if exists ${template}`);
  await provisionRoles(serverUrl, template, logins.owner, logins.app);
  const urls = databaseUrls(serverUrl, logins, template);
  await migrate(urls.ownerUrl, () => {}, { appRole: appRoleOf(urls) });
  return {
    serverUrl,
    logins,
    template,
    prefix,
    async stop() {
      const leftovers = await adminQuery(serverUrl, `select datname from pg_database where datname like '${prefix}%'`);
      for (const row of leftovers.rows) await adminQuery(serverUrl, `drop database if exists ${row.datname} with (force)`);
      await stopServer();
    },
  };
}

/** A fresh database cloned from the template (a file copy: milliseconds), with its URLs. */
export async function cloneTemplate(serverUrl: string, logins: TestLogins, template: string, name: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(serverUrl, `create database ${name} template ${template} owner ${logins.owner.user}`);
      return databaseUrls(serverUrl, logins, name);
    } catch (error) {
      // Another clone of the same template may be in progress; try again shortly.
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}
