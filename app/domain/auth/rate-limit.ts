// Fixed-window failure counting. The counters live in PostgreSQL (shared by
// every app process); these functions only decide.
export type Counter = { count: number; windowStart: Date };

export function isWindowOver(counter: Counter, now: Date, windowMs: number) {
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
  return { blocked: true, retryAfterMinutes: Math.max(1, Math.ceil(leftMs / 60_000)) };
}
