import { MINUTE_MS } from "~/domain/time/calendar.ts";
// Rate limits. The counters live in PostgreSQL (shared by every app process,
// read and written under row locks by services/rate-limits.server.ts); these
// functions only decide, from the rows and an explicit `now`.
import { ok, refused, type Ok, type Refused } from "../result.ts";

// ---------------------------------------------------------------------------
// Fixed windows (the public verify page): at most `max` events per window.
// ---------------------------------------------------------------------------
export type Counter = { count: number; windowStart: Date };

function isWindowOver(counter: Counter, now: Date, windowMs: number) {
  return now.getTime() - counter.windowStart.getTime() >= windowMs;
}

/** Whether a further attempt is refused, and for how long (whole minutes, at least 1). */
export function blockedFor(
  counter: Counter | null,
  now: Date,
  limit: { max: number; windowMs: number },
): { blocked: false } | { blocked: true; retryAfterMinutes: number } {
  if (!counter || isWindowOver(counter, now, limit.windowMs) || counter.count < limit.max) {
    return { blocked: false };
  }
  const leftMs = counter.windowStart.getTime() + limit.windowMs - now.getTime();
  return { blocked: true, retryAfterMinutes: minutesOf(leftMs) };
}

// ---------------------------------------------------------------------------
// Locks with backoff (login, current-password checks), decision 034.
// ---------------------------------------------------------------------------

/**
 * `free` attempts, then a lock of firstLockMs doubling with each further
 * attempt, capped at maxLockMs. A streak is forgotten after forgetAfterMs
 * without an attempt, and, with `windowMs`, windowMs after it began (a shared
 * address or a much-tried account starts afresh every window).
 */
export type BackoffPolicy = { free: number; firstLockMs: number; maxLockMs: number; forgetAfterMs: number; windowMs?: number };
/** Attempts counted in the current streak, when it began and when the last one was counted. */
export type Streak = { count: number; windowStart: Date; lastAt: Date };

function windowEnd(streak: Streak, policy: BackoffPolicy) {
  return policy.windowMs === undefined ? Infinity : streak.windowStart.getTime() + policy.windowMs;
}

/** The attempts of the streak that still count at `now` (0 once it is forgotten). */
function liveCount(streak: Streak | null, now: Date, policy: BackoffPolicy): number {
  if (!streak || now.getTime() - streak.lastAt.getTime() >= policy.forgetAfterMs) return 0;
  if (now.getTime() >= windowEnd(streak, policy)) return 0;
  return streak.count;
}

/** How long the n-th counted attempt (n ≥ free) locks: first lock, doubling, capped. */
export function lockLength(count: number, policy: BackoffPolicy): number {
  if (count < policy.free) return 0;
  const doublings = Math.min(count - policy.free, 30);
  return Math.min(policy.firstLockMs * 2 ** doublings, policy.maxLockMs);
}

/** Milliseconds until a further attempt may be counted (0: now). */
export function lockedForMs(streak: Streak | null, now: Date, policy: BackoffPolicy): number {
  const count = liveCount(streak, now, policy);
  if (count < policy.free || !streak) return 0;
  const until = Math.min(streak.lastAt.getTime() + lockLength(count, policy), windowEnd(streak, policy));
  return Math.max(0, until - now.getTime());
}

export type Check = { key: string; streak: Streak | null; policy: BackoffPolicy };
/** Refused for a while: how long to tell the user to wait (whole minutes). */
export type RateLimited = Refused<"RATE_LIMITED"> & { retryAfterMinutes: number };
export const rateLimited = (retryAfterMinutes: number): RateLimited => ({ ...refused("RATE_LIMITED"), retryAfterMinutes });
/** The counts to write for an attempt, or the lock that refuses it. */
export type Reservation = Ok<{ key: string; count: number; lastAt: Date; expiresAt: Date }[]> | RateLimited;

/**
 * One attempt against several counters at once: refused (nothing counted) when
 * any of them is locked, for the longest of their locks; else each counts it.
 * A success later takes the attempt back (see the service).
 */
export function reserveAttempt(checks: readonly Check[], now: Date): Reservation {
  const waitMs = Math.max(0, ...checks.map((c) => lockedForMs(c.streak, now, c.policy)));
  if (waitMs > 0) return rateLimited(minutesOf(waitMs));
  return ok(
    checks.map((c) => ({
      key: c.key,
      count: liveCount(c.streak, now, c.policy) + 1,
      lastAt: now,
      expiresAt: new Date(now.getTime() + c.policy.forgetAfterMs),
    })),
  );
}

/** Whole minutes to tell the user, at least 1. */
function minutesOf(ms: number) {
  return Math.max(1, Math.ceil(ms / MINUTE_MS));
}
