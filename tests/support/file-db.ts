// Each test file gets its own database, cloned from the migrated template, so
// files run in parallel without seeing each other's rows.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "~/utils/db.server.ts";
import { adminQuery, cloneTemplate } from "./database-server.ts";

const serverUrl = inject("dbServerUrl");
const name = `${inject("dbPrefix")}_${randomBytes(4).toString("hex")}`;
// The app's services connect as the app's role, as in production; tests that
// must do what the app may not use the owner's or the superuser's URL (tests/support/sql.ts).
const urls = await cloneTemplate(serverUrl, inject("dbLogins"), inject("dbTemplate"), name);
process.env.DATABASE_URL = urls.appUrl;
process.env.MIGRATION_DATABASE_URL = urls.ownerUrl;
process.env.TEST_SUPERUSER_DATABASE_URL = urls.superuserUrl;

afterAll(async () => {
  await disconnectDb();
  await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
});
