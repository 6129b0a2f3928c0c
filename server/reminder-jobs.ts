// Expiry reminders and obligation escalations (decision 046) on pg-boss (its own schema "pgboss" in the app's database;
// Prisma's schema and migrations only cover "public").
//  - "reminders-daily": cron 07:00 Asia/Ho_Chi_Minh. pg-boss enqueues one job per
//    slot whatever the number of processes; the worker plans (expiry reminders,
//    then obligation escalations), then delivers both.
//  - "reminders-deliver": delivery now, for reminders sent by hand ({ ids }) and
//    for retries after a failed send (scheduled at the earliest retry time);
//    also every 5 minutes, for the duty notices' emails that the assignments
//    trigger queues on any path (decision 065).
// Planning and delivery are idempotent, so a job run twice changes nothing.
import PgBoss from "pg-boss";
import type { Logger } from "pino";
import { deliverPending, type DeliveryResult } from "../app/services/reminders/deliver.server.ts";
import { MINUTE_MS, TIME_ZONE } from "../app/domain/time/calendar.ts";
import { getMailTransport } from "../app/services/reminders/mailer.server.ts";
import { planEscalations } from "../app/services/reminders/escalation-plan.server.ts";
import { planReminders } from "../app/services/reminders/plan.server.ts";
import { setDeliveryQueue } from "../app/services/reminders/queue.server.ts";
import { DAILY_QUEUE, DELIVER_QUEUE, JOB_SCHEMA } from "./job-queues.ts";

type DeliverJob = { ids?: number[] };

export async function startReminderJobs(databaseUrl: string, log: Logger) {
  // The schema and queues were made by the owner with the migrations (server/job-queues.ts).
  const boss = new PgBoss({ connectionString: databaseUrl, schema: JOB_SCHEMA, max: 3, application_name: "kt1-jobs", migrate: false });
  // The message only: pg-boss's errors carry the whole pg client. A lost connection is retried by pg-boss.
  boss.on("error", (err: Error & { code?: string }) => log.error({ err: { message: err.message, code: err.code } }, "job queue error"));
  await boss.start();
  await boss.schedule(DAILY_QUEUE, "0 7 * * *", {}, { tz: TIME_ZONE });
  await boss.schedule(DELIVER_QUEUE, "*/5 * * * *", {}, { tz: TIME_ZONE });

  const transport = getMailTransport();
  if (!transport) log.info("SMTP_HOST is not set: reminders are in-app only");

  /** Rows waiting after a failed send get a delivery job at their retry time. */
  async function scheduleRetry(result: DeliveryResult) {
    if (!result.nextRetryAt) return;
    // Rounded up to the minute; one job per retry minute, however many runs ask for it.
    const at = new Date(Math.ceil(result.nextRetryAt.getTime() / MINUTE_MS) * MINUTE_MS);
    await boss.send(DELIVER_QUEUE, {}, { startAfter: at, singletonKey: `retry:${at.toISOString()}`, singletonSeconds: 3600 });
  }

  await boss.work(DAILY_QUEUE, async () => {
    const now = new Date();
    const planned = await planReminders(now, { email: transport !== null });
    const escalations = await planEscalations(now, { email: transport !== null });
    const delivered = await deliverPending(now, transport);
    log.info({ planned: planned.created, escalations: escalations.created, ...delivered }, "reminders and escalations");
    await scheduleRetry(delivered);
  });
  await boss.work<DeliverJob>(DELIVER_QUEUE, async (jobs) => {
    for (const job of jobs) {
      const ids = Array.isArray(job.data?.ids) ? job.data.ids.filter((id) => Number.isSafeInteger(id)) : undefined;
      const delivered = await deliverPending(new Date(), transport, { ids });
      if (delivered.inApp + delivered.emailed + delivered.failed + delivered.retrying > 0) log.info(delivered, "reminders delivered");
      await scheduleRetry(delivered);
    }
  });
  setDeliveryQueue(async (ids) => {
    await boss.send(DELIVER_QUEUE, { ids });
  });

  /** Stops taking jobs and waits (up to `timeoutMs`) for the ones running. */
  return async function stop(timeoutMs = 15_000) {
    setDeliveryQueue(null);
    await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  };
}
