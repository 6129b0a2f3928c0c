import type { Logger } from "pino";
import { LOGIN_WINDOW_MS } from "../app/domain/auth/durations.ts";
import { cleanUpExpired } from "../app/services/sessions.server.ts";

const EVERY_MS = 60 * 60_000;

/** Hourly: delete expired sessions and stale rate-limit counters. Safe in many processes. */
export function startHousekeeping(log: Logger) {
  const run = () =>
    cleanUpExpired(new Date(), LOGIN_WINDOW_MS)
      .then((r) => log.info(r, "housekeeping"))
      .catch((err) => log.error({ err }, "housekeeping failed"));
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
