// `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations,
// demo data on an empty database, then the production build on PORT.
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pino from "pino";
import type { ServerBuild } from "react-router";
import { getEnv } from "../app/utils/env.server.ts";
import { createApp } from "./app.ts";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDb } from "./embedded-postgres.ts";
import { ensureFreshBuild } from "./build.ts";
import { migrate } from "./migrate.ts";
import { startHousekeeping } from "./housekeeping.ts";
import { startReminderJobs } from "./reminder-jobs.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const env = getEnv();
const log = pino({ level: env.LOG_LEVEL });

let embedded: EmbeddedDb | undefined;
if (!env.DATABASE_URL) {
  log.info({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT }, "starting embedded PostgreSQL");
  embedded = await startEmbeddedPostgres({
    dir: path.resolve(ROOT, env.EMBEDDED_PG_DIR),
    port: env.EMBEDDED_PG_PORT,
    log: (line) => log.debug({ postgres: line }),
  });
  const url = new URL(embedded.url);
  url.pathname = "/kt1";
  process.env.DATABASE_URL = url.toString();
  await ensureDatabase(process.env.DATABASE_URL);
}
const databaseUrl = process.env.DATABASE_URL as string;

await migrate(databaseUrl, (msg) => log.info(msg));
await ensureFreshBuild(ROOT, (msg) => log.info(msg));

const { seedDemoDataIfEmpty } = await import("../app/seed/seed.server.ts");
const seeded = env.SEED_DEMO === "auto" ? await seedDemoDataIfEmpty(new Date()) : null;
const { syncContentIfEmpty } = await import("../app/services/content/seed-content.server.ts");
const content = await syncContentIfEmpty(new Date());
if (content) log.info(content, "loaded the shipped curriculum");
const roster = env.SEED_DEMO === "auto" ? await (await import("../app/seed/roster-seed.server.ts")).seedRosterIfEmpty(new Date()) : null;
if (roster) log.info(roster, "loaded the demo KT1 roster");

const build = (await import(pathToFileURL(path.join(ROOT, "build/server/index.js")).href)) as ServerBuild;
const { app, close: closeApp } = createApp({ build, buildDir: path.join(ROOT, "build"), databaseUrl, log });
const server = createServer(app);
const stopHousekeeping = startHousekeeping(log);
// Expiry reminders (pg-boss, schema "pgboss"); JOBS=off leaves them to another process.
const stopJobs = env.JOBS === "on" ? await startReminderJobs(databaseUrl, log) : async () => {};

server.listen(env.PORT, env.HOST, () => {
  const url = `http://localhost:${env.PORT}`;
  const lines = [`KT1 Academy is running at ${url}`];
  if (seeded?.logins.length) {
    lines.push(`Demo logins (password ${seeded.password}):`);
    for (const l of seeded.logins) lines.push(`  ${l.email.padEnd(20)} ${l.label}`);
  }
  console.log(lines.join("\n"));
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down: finishing in-flight requests");
  stopHousekeeping();
  // close() stops accepting and waits for open requests; idle keep-alives are cut now.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000).unref())]);
  await stopJobs().catch((err: unknown) => log.error({ err }, "stopping jobs failed"));
  await closeApp();
  const { disconnectDb } = await import("../app/utils/db.server.ts");
  await disconnectDb();
  if (embedded) {
    log.info("stopping embedded PostgreSQL");
    await embedded.stop();
  }
  process.exit(0);
}
// Our shutdown stops the embedded cluster itself, last (server/embedded-postgres.ts).
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
