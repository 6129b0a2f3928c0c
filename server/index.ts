// The server, run as build/server.js by server/start.mjs (`npm start`):
// PostgreSQL (embedded unless DATABASE_URL is set), migrations, demo data on
// an empty database, then the production build on PORT, served
// by this process or, with WEB_PROCESSES > 1, by that many worker processes
// sharing the port (they keep only caches in memory: sessions, rate limits,
// jobs and locks live in PostgreSQL).
import cluster from "node:cluster";
import path from "node:path";
import pino from "pino";
import { getEnv } from "../app/utils/env.server.ts";
import { appRoleOf, embeddedDatabase, inspectRole, roleWarning, type DatabaseUrls } from "./database-roles.ts";
import { startEmbeddedPostgres, type EmbeddedDb } from "./embedded-postgres.ts";
import { EmbeddedStartError } from "./embedded-postgres-guard.ts";
import { migrate } from "./migrate.ts";
import { startHousekeeping } from "./housekeeping.ts";
import { startReminderJobs } from "./reminder-jobs.ts";
import { startBackupJobs } from "./backup-jobs.ts";
import type { BackupSource } from "./backup/backups.ts";
import { serveHttp } from "./serve.ts";
import { serveClusterMetrics } from "./metrics.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const env = getEnv();
const log = pino({ level: env.LOG_LEVEL });

if (cluster.isWorker) {
  // A worker: the primary has prepared the database and the build.
  const server = await serveHttp(ROOT, process.env.DATABASE_URL as string, env, log);
  process.on("SIGINT", () => {}); // Ctrl-C reaches the whole group; the primary decides.
  // Idempotent (server.stop): a group SIGTERM and the primary's own reach each worker.
  process.on("SIGTERM", () => void server.stop().then(() => process.exit(0)));
} else {
  await primary().catch((error: unknown) => {
    // A start that cannot go on says why in one line (no uncaught exception).
    if (error instanceof EmbeddedStartError) log.fatal(error.message);
    else log.fatal({ err: error }, "start failed");
    process.exit(1);
  });
}

async function primary() {
  let embedded: EmbeddedDb | undefined;
  let urls: DatabaseUrls;
  if (!env.DATABASE_URL) {
    log.info({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT }, "starting embedded PostgreSQL");
    embedded = await startEmbeddedPostgres({
      dir: path.resolve(ROOT, env.EMBEDDED_PG_DIR),
      port: env.EMBEDDED_PG_PORT,
      log: (line) => log.debug({ postgres: line }),
      notice: (msg) => log.warn(msg),
    });
    urls = await embeddedDatabase(embedded);
  } else {
    urls = { appUrl: env.DATABASE_URL, ownerUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL };
  }
  // Migrations as the owner; everything after, and every worker, as the app's role.
  await migrate(urls.ownerUrl, (msg) => log.info(msg), { appRole: appRoleOf(urls) });
  delete process.env.MIGRATION_DATABASE_URL;
  process.env.DATABASE_URL = urls.appUrl;
  const databaseUrl = urls.appUrl;
  const warning = roleWarning(await inspectRole(databaseUrl));
  if (warning) log.warn(warning);

  const { seedDemoDataIfEmpty } = await import("../app/seed/seed.server.ts");
  const seeded = env.SEED_DEMO === "auto" ? await seedDemoDataIfEmpty(new Date()) : null;
  const { syncContentIfEmpty } = await import("../app/services/content/seed-content.server.ts");
  const content = await syncContentIfEmpty(new Date());
  if (content) log.info(content, "loaded the shipped curriculum");
  const approvals =
    env.SEED_DEMO === "auto"
      ? await (await import("../app/seed/exam-approvals-seed.server.ts")).seedExamApprovalsIfEmpty(new Date())
      : null;
  if (approvals) log.info(approvals, "approved the demo exam versions (second demo trainer)");
  const roster = env.SEED_DEMO === "auto" ? await (await import("../app/seed/roster-seed.server.ts")).seedRosterIfEmpty(new Date()) : null;
  if (roster) log.info(roster, "loaded the demo KT1 roster");
  const rules =
    env.SEED_DEMO === "auto" ? await (await import("../app/seed/obligations-seed.server.ts")).seedObligationsIfEmpty(new Date()) : null;
  if (rules) log.info(rules, "loaded the demo requirement rules");

  const stopHousekeeping = startHousekeeping(log);
  // Expiry reminders (pg-boss, schema "pgboss"); JOBS=off leaves them to another process.
  const stopReminders = env.JOBS === "on" ? await startReminderJobs(databaseUrl, log) : async () => {};
  // Nightly backups where BACKUP_DIR is set (decision 059): the embedded cluster as its superuser, a server as its owner.
  const backupSource: BackupSource = embedded
    ? { kind: "embedded", dataDir: path.resolve(ROOT, env.EMBEDDED_PG_DIR), superuserUrl: embedded.url }
    : { kind: "server", ownerUrl: urls.ownerUrl };
  const stopBackups =
    env.JOBS === "on" && env.BACKUP_DIR
      ? await startBackupJobs(databaseUrl, backupSource, { dir: env.BACKUP_DIR, keep: env.BACKUP_KEEP }, log)
      : async () => {};
  const stopJobs = () => Promise.all([stopReminders(), stopBackups()]);

  const announce = () => {
    const url = `http://localhost:${env.PORT}`;
    const lines = [`KT1 Academy is running at ${url}${env.WEB_PROCESSES > 1 ? ` (${env.WEB_PROCESSES} processes)` : ""}`];
    if (seeded?.logins.length) {
      lines.push(`Demo logins (password ${seeded.password}):`);
      for (const l of seeded.logins) lines.push(`  ${l.email.padEnd(20)} ${l.label}`);
    }
    console.log(lines.join("\n"));
  };

  let stopping = false;
  let stopServing: () => Promise<void>;
  if (env.WEB_PROCESSES > 1) {
    let listening = 0;
    // A capped old space, and V8's default young generation stated here: twice that size cost
    // ~30 MB a worker and no longer bought exam day any latency (decision 077, revisited).
    const heap = [`--max-old-space-size=${env.WORKER_HEAP_MB}`, "--max-semi-space-size=16"];
    cluster.setupPrimary({ execArgv: [...process.execArgv, ...heap] });
    const fork = () => cluster.fork({ DATABASE_URL: databaseUrl });
    cluster.on("listening", () => {
      if (++listening === env.WEB_PROCESSES) announce();
    });
    const served = new Set<number>();
    cluster.on("listening", (worker) => served.add(worker.id));
    cluster.on("exit", (worker, code, signal) => {
      if (stopping) return;
      // A clean exit follows a SIGTERM, which systemd sends to the primary too:
      // give the primary's own signal a moment before replacing the worker.
      if (code === 0) return void setTimeout(() => stopping || fork(), 1_000).unref();
      if (!served.has(worker.id)) {
        // It never served (a taken port, a broken build): restarting would only loop.
        log.fatal({ pid: worker.process.pid, code, signal }, "app process failed to start");
        void shutdown("worker failed", 1);
        return;
      }
      log.error({ pid: worker.process.pid, code, signal }, "app process exited; starting another");
      fork();
    });
    serveClusterMetrics(); // a worker's /metrics sums every worker's figures (decision 067)
    for (let i = 0; i < env.WEB_PROCESSES; i++) fork();
    stopServing = async () => {
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.isDead()) return resolve();
              w.once("exit", () => resolve());
              w.process.kill("SIGTERM");
            }),
        ),
      );
    };
  } else {
    const server = await serveHttp(ROOT, databaseUrl, env, log, announce);
    stopServing = server.stop;
  }

  async function shutdown(signal: string, exitCode = 0) {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing in-flight requests");
    stopHousekeeping();
    await Promise.race([stopServing(), new Promise((r) => setTimeout(r, 12_000).unref())]);
    await stopJobs().catch((err: unknown) => log.error({ err }, "stopping jobs failed"));
    const { disconnectDb } = await import("../app/utils/db.server.ts");
    await disconnectDb();
    if (embedded) {
      log.info("stopping embedded PostgreSQL");
      await embedded.stop();
    }
    process.exit(exitCode);
  }
  // Our shutdown stops the embedded cluster itself, last (server/embedded-postgres.ts).
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}
