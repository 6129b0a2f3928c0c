// pg-boss's schema and the app's queues, created by the database owner when
// migrations run: each queue is a table pg-boss creates, and the app's role may
// not create tables (docs/decisions/036-database-roles.md). At run time pg-boss
// starts with migrate: false and only reads and writes rows.
import PgBoss from "pg-boss";

export const JOB_SCHEMA = "pgboss";
export const DAILY_QUEUE = "reminders-daily";
export const DELIVER_QUEUE = "reminders-deliver";
export const BACKUP_QUEUE = "db-backup";

const QUEUES: PgBoss.Queue[] = [
  { name: DAILY_QUEUE, retryLimit: 2, retryDelay: 300, expireInSeconds: 3600 },
  { name: DELIVER_QUEUE, retryLimit: 3, retryDelay: 60, expireInSeconds: 1800 },
  { name: BACKUP_QUEUE, retryLimit: 1, retryDelay: 600, expireInSeconds: 3 * 3600 },
];

/** As the owner: pg-boss's schema at its current version, and every queue (idempotent). */
export async function prepareJobQueues(ownerUrl: string) {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_SCHEMA, max: 1, supervise: false, schedule: false, migrate: true });
  await boss.start();
  try {
    for (const queue of QUEUES) await boss.createQueue(queue.name, queue);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
