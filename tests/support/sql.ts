// Raw SQL in a test file's own database as one of its three logins: "app" (what
// the app's services connect as), "owner" (migrations) or "superuser" (the
// server's, for what only a superuser can do, such as a tamper test).
import type pg from "pg";
import { withClient } from "../../server/database-roles.ts";

const URLS = {
  app: "DATABASE_URL",
  owner: "MIGRATION_DATABASE_URL",
  superuser: "TEST_SUPERUSER_DATABASE_URL",
} as const;

export type Login = keyof typeof URLS;

export async function sqlAs<T extends pg.QueryResultRow = pg.QueryResultRow>(login: Login, text: string, values: unknown[] = []) {
  const url = process.env[URLS[login]];
  if (!url) throw new Error(`${URLS[login]} is not set (tests/support/file-db.ts sets it)`);
  return withClient(url, (client) => client.query<T>(text, values));
}
