import { blockedFor, type Counter } from "~/domain/auth/rate-limit.ts";
import { getDb } from "~/utils/db.server.ts";

export type Limit = { max: number; windowMs: number };

export async function readCounter(key: string): Promise<Counter | null> {
  const row = await getDb().rateLimit.findUnique({ where: { key } });
  return row ? { count: row.count, windowStart: row.windowStart } : null;
}

export async function checkLimit(key: string, limit: Limit, now: Date) {
  return blockedFor(await readCounter(key), now, limit);
}

/** Counts one more event; one atomic statement, so concurrent processes agree. */
export async function hit(key: string, limit: Limit, now: Date) {
  const windowStartCutoff = new Date(now.getTime() - limit.windowMs);
  await getDb().$executeRaw`
    insert into rate_limits (key, count, window_start) values (${key}, 1, ${now})
    on conflict (key) do update set
      count = case when rate_limits.window_start <= ${windowStartCutoff} then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${windowStartCutoff} then ${now} else rate_limits.window_start end`;
}

export async function reset(key: string) {
  await getDb().rateLimit.deleteMany({ where: { key } });
}
