import { blockedFor, reserveAttempt, type BackoffPolicy, type Counter, type Reservation } from "~/domain/auth/rate-limit.ts";
import { getDb } from "~/utils/db.server.ts";

export type Limit = { max: number; windowMs: number };

// ---------------------------------------------------------------------------
// Fixed windows (the public verify page).
// ---------------------------------------------------------------------------

async function readCounter(key: string): Promise<Counter | null> {
  const row = await getDb().rateLimit.findUnique({ where: { key } });
  return row ? { count: row.count, windowStart: row.windowStart } : null;
}

export async function checkLimit(key: string, limit: Limit, now: Date) {
  return blockedFor(await readCounter(key), now, limit);
}

/** Counts one more event; one atomic statement, so concurrent processes agree. */
export async function hit(key: string, limit: Limit, now: Date) {
  const windowStartCutoff = new Date(now.getTime() - limit.windowMs);
  const expiresAt = new Date(now.getTime() + limit.windowMs);
  await getDb().$executeRaw`
    insert into rate_limits (key, count, window_start, last_at, expires_at) values (${key}, 1, ${now}, ${now}, ${expiresAt})
    on conflict (key) do update set
      count = case when rate_limits.window_start <= ${windowStartCutoff} then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${windowStartCutoff} then ${now} else rate_limits.window_start end,
      last_at = ${now},
      expires_at = case when rate_limits.window_start <= ${windowStartCutoff} then ${expiresAt} else rate_limits.window_start + ${limit.windowMs} * interval '1 millisecond' end`;
}

export async function reset(key: string) {
  await getDb().rateLimit.deleteMany({ where: { key } });
}

// ---------------------------------------------------------------------------
// Locks with backoff (login, current-password checks), decision 034.
// ---------------------------------------------------------------------------

/**
 * Counts one attempt on every counter, or on none when one of them is locked,
 * BEFORE the caller checks a password: parallel attempts queue on the rows'
 * locks, so no more than `free` of them ever reach the check. One transaction:
 * rows for new keys are inserted first (so there is a row to lock), then all
 * are locked in key order (no deadlock between two attempts), the pure rule
 * decides, and the counts are written.
 */
export async function reserve(checks: readonly { key: string; policy: BackoffPolicy }[], now: Date): Promise<Reservation> {
  const keys = [...new Set(checks.map((c) => c.key))].sort();
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`
      insert into rate_limits (key, count, window_start, last_at, expires_at)
      select k, 0, ${now}, ${now}, ${now} from unnest(${keys}::text[]) as k order by k
      on conflict (key) do nothing`;
    const rows = await tx.$queryRaw<{ key: string; count: number; window_start: Date; last_at: Date }[]>`
      select key, count, window_start, last_at from rate_limits where key = any(${keys}::text[]) order by key for update`;
    const byKey = new Map(rows.map((r) => [r.key, { count: r.count, windowStart: r.window_start, lastAt: r.last_at }]));
    const decision = reserveAttempt(
      checks.map((c) => ({ ...c, streak: byKey.get(c.key) ?? null })),
      now,
    );
    if (!decision.ok) return decision;
    const counted = decision.value;
    await tx.$executeRaw`
      update rate_limits r
         set count = v.count,
             window_start = case when v.count = 1 then ${now} else r.window_start end,
             last_at = ${now},
             expires_at = v.expires_at
        from unnest(${counted.map((c) => c.key)}::text[], ${counted.map((c) => c.count)}::int[], ${counted.map((c) => c.expiresAt)}::timestamptz[])
          as v(key, count, expires_at)
       where r.key = v.key`;
    return decision;
  });
}

/** Takes a reserved attempt back (it succeeded): `forget` keys are deleted, `uncount` ones lose one count. */
export async function release(keys: { forget: string[]; uncount: string[] }) {
  const db = getDb();
  await db.$transaction([
    db.$executeRaw`delete from rate_limits where key = any(${keys.forget}::text[])`,
    db.$executeRaw`update rate_limits set count = greatest(count - 1, 0) where key = any(${keys.uncount}::text[])`,
  ]);
}

/** Marks a key as present until `expiresAt` (e.g. an address an account logged in from). */
export async function remember(key: string, now: Date, expiresAt: Date) {
  await getDb().$executeRaw`
    insert into rate_limits (key, count, window_start, last_at, expires_at) values (${key}, 1, ${now}, ${now}, ${expiresAt})
    on conflict (key) do update set count = rate_limits.count + 1, last_at = ${now}, expires_at = ${expiresAt}`;
}

/** Whether a remembered key is still present at `now`. */
export async function isRemembered(key: string, now: Date) {
  const row = await getDb().rateLimit.findUnique({ where: { key }, select: { expiresAt: true, count: true } });
  return !!row && row.count > 0 && row.expiresAt > now;
}
