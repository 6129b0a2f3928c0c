import { SESSION_LIFETIME_MS, SESSION_RENEW_WITHIN_MS } from "./durations.ts";

export type SessionState = "expired" | "renew" | "valid";

/** Sliding expiry: what to do with a session seen at `now`. */
export function sessionState(expiresAt: Date, now: Date): SessionState {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return "expired";
  if (left < SESSION_RENEW_WITHIN_MS) return "renew";
  return "valid";
}

export function newExpiry(now: Date) {
  return new Date(now.getTime() + SESSION_LIFETIME_MS);
}
