// Each test file gets its own database, cloned from the migrated template, so
// files run in parallel without seeing each other's rows.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "~/utils/db.server.ts";
import { adminQuery, cloneTemplate } from "./database-server.ts";

const serverUrl = inject("dbServerUrl");
const name = `${inject("dbPrefix")}_${randomBytes(4).toString("hex")}`;
process.env.DATABASE_URL = await cloneTemplate(serverUrl, inject("dbTemplate"), name);

afterAll(async () => {
  await disconnectDb();
  await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
});
