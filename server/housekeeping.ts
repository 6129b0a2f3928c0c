import type { Logger } from "pino";
import { HOUR_MS } from "../app/domain/time/calendar.ts";
import { cleanUpExpired } from "../app/services/sessions.server.ts";
import { sweepExpiredAttempts } from "../app/services/exams/attempts.server.ts";
import { refreshItemStatistics } from "../app/services/exams/quality-gate.server.ts";
import { ensureCounts } from "../app/services/dashboard/counts.server.ts";
import { checkpointIfDue } from "../app/services/audit-checkpoint.server.ts";
import { getEnv } from "../app/utils/env.server.ts";

const HOURLY_MS = HOUR_MS;
const SWEEP_MS = 20_000;
const ITEMS_MS = 60_000;

/**
 * Background chores, safe in any number of processes: hourly, delete expired
 * sessions and stale rate-limit counters; every 20 s, submit exam attempts whose
 * deadline passed (also when the learner never came back), and bring the
 * dashboard's counts up to date (a new day, or units changed since), so a
 * manager's page rarely has to wait for them; every minute, recompute the quality
 * gate's item statistics of exams with new submissions (every exam in the first
 * round), which exam starts read (decision 084). With AUDIT_CHECKPOINT_FILE set,
 * the hourly round also appends the day's checkpoint of the audit chain's head
 * to that file when the file has none from today yet (decision 027); it runs in
 * the primary process only, so one server writes one line a day.
 */
export function startHousekeeping(log: Logger) {
  const checkpointFile = getEnv().AUDIT_CHECKPOINT_FILE;
  const checkpoint = () =>
    checkpointFile
      ? checkpointIfDue(checkpointFile, new Date())
          .then((c) => c && log.info({ file: checkpointFile, ...c }, "audit checkpoint written"))
          .catch((err) => log.error({ err, file: checkpointFile }, "audit checkpoint failed"))
      : Promise.resolve();
  const hourly = () =>
    Promise.all([
      cleanUpExpired(new Date())
        .then((r) => log.info(r, "housekeeping"))
        .catch((err) => log.error({ err }, "housekeeping failed")),
      checkpoint(),
    ]);
  const sweep = () =>
    sweepExpiredAttempts(new Date())
      .then((n) => n > 0 && log.info({ submitted: n }, "submitted attempts past their deadline"))
      .catch((err) => log.error({ err }, "deadline sweep failed"));
  const counts = () =>
    ensureCounts(new Date())
      .then((did) => did !== "none" && log.info({ did }, "dashboard counts brought up to date"))
      .catch((err) => log.error({ err }, "dashboard counts refresh failed"));
  let firstRound = true;
  const items = () =>
    refreshItemStatistics(new Date(), { all: firstRound })
      .then(() => (firstRound = false))
      .catch((err) => log.error({ err }, "item statistics refresh failed"));
  void hourly();
  void sweep();
  void counts();
  void items();
  const timers = [
    setInterval(hourly, HOURLY_MS),
    setInterval(sweep, SWEEP_MS),
    setInterval(counts, SWEEP_MS),
    setInterval(items, ITEMS_MS),
  ];
  for (const t of timers) t.unref();
  return () => timers.forEach(clearInterval);
}
