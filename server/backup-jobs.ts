// The nightly backup (decision 059): cron 01:30 Asia/Ho_Chi_Minh on pg-boss, so
// one host takes it however many run; only processes with BACKUP_DIR set take
// the job. Each run writes a new backup named by its time and keeps the
// BACKUP_KEEP newest in that folder.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import PgBoss from "pg-boss";
import type { Logger } from "pino";
import { TIME_ZONE } from "../app/domain/time/calendar.ts";
import { backupName, pruneBackups, takeBackup, type BackupSource } from "./backup/backups.ts";
import { BACKUP_QUEUE, JOB_SCHEMA } from "./job-queues.ts";

export async function startBackupJobs(databaseUrl: string, source: BackupSource, settings: { dir: string; keep: number }, log: Logger) {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: JOB_SCHEMA, max: 2, application_name: "kt1-backup", migrate: false });
  // The message only: pg-boss's errors carry the whole pg client. A lost connection is retried by pg-boss.
  boss.on("error", (err: Error & { code?: string }) =>
    log.error({ err: { message: err.message, code: err.code } }, "backup job queue error"),
  );
  await boss.start();
  await boss.schedule(BACKUP_QUEUE, "30 1 * * *", {}, { tz: TIME_ZONE });
  const dir = path.resolve(settings.dir);
  await boss.work(BACKUP_QUEUE, async () => {
    const now = new Date();
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const done = await takeBackup(source, path.join(dir, backupName(source, now)), now);
    const removed = await pruneBackups(dir, settings.keep);
    log.info({ ...done, removed }, "nightly backup written");
  });
  return () => boss.stop({ graceful: true, wait: true, timeout: 15_000 });
}
