import { describe, expect, it } from "vitest";
import { LOCK_FIRST_MS, LOCK_MAX_MS, SESSION_LIFETIME_MS, SESSION_RENEW_WITHIN_MS } from "~/domain/auth/durations.ts";
import { checkPassword } from "~/domain/auth/password-policy.ts";
import { blockedFor, lockedForMs, lockLength, reserveAttempt } from "~/domain/auth/rate-limit.ts";
import { newExpiry, sessionState } from "~/domain/auth/session-expiry.ts";
import { HOUR_MS, MINUTE_MS } from "~/domain/time/calendar.ts";

const person = { fullName: "Nguyễn Văn Thịnh", employeeCode: "TH0034", email: "thinh.nguyen@kt1.test" };

describe("password policy", () => {
  it("accepts a long password unrelated to the person", () => {
    expect(checkPassword("Kt1-demo-2026", person)).toEqual([]);
  });
  it("refuses short ones", () => {
    expect(checkPassword("Ab1-xyz", person)).toContain("TOO_SHORT");
  });
  it("refuses the person's name even without diacritics, and their code or email name", () => {
    expect(checkPassword("thinh-2026-kt1!", person)).toContain("CONTAINS_PERSONAL_INFO");
    expect(checkPassword("Thịnh@2026kt1", person)).toContain("CONTAINS_PERSONAL_INFO");
    expect(checkPassword("xx-th0034-yy", person)).toContain("CONTAINS_PERSONAL_INFO");
  });
  it("refuses a long run of one or two characters", () => {
    expect(checkPassword("aaaaaaaaaaaa", person)).toContain("TOO_SIMPLE");
  });
});

describe("session expiry", () => {
  const now = new Date("2026-11-28T00:00:00Z");
  it("is valid early, renewable late, expired at the end", () => {
    const expires = newExpiry(now);
    expect(expires.getTime() - now.getTime()).toBe(SESSION_LIFETIME_MS);
    expect(sessionState(expires, now)).toBe("valid");
    expect(sessionState(expires, new Date(expires.getTime() - SESSION_RENEW_WITHIN_MS + 1))).toBe("renew");
    expect(sessionState(expires, expires)).toBe("expired");
  });
});

const LOGIN_WINDOW_MS = 15 * MINUTE_MS;

describe("rate limit", () => {
  const limit = { max: 5, windowMs: LOGIN_WINDOW_MS };
  const start = new Date("2026-11-28T00:00:00Z");
  it("blocks at the limit and says for how many minutes", () => {
    expect(blockedFor({ count: 4, windowStart: start }, start, limit)).toEqual({ blocked: false });
    expect(blockedFor({ count: 5, windowStart: start }, new Date(start.getTime() + 30_000), limit)).toEqual({
      blocked: true,
      retryAfterMinutes: 15,
    });
  });
  it("lets attempts through once the window is over", () => {
    expect(blockedFor({ count: 50, windowStart: start }, new Date(start.getTime() + LOGIN_WINDOW_MS), limit)).toEqual({ blocked: false });
  });
});

describe("locks with backoff", () => {
  const policy = { free: 5, firstLockMs: LOCK_FIRST_MS, maxLockMs: LOCK_MAX_MS, forgetAfterMs: 24 * HOUR_MS };
  const t0 = new Date("2026-12-04T03:00:00Z");
  const after = (ms: number) => new Date(t0.getTime() + ms);

  it("lets `free` attempts through, then locks one minute, doubling, capped at an hour", () => {
    expect([4, 5, 6, 7, 8, 11, 12, 40].map((n) => lockLength(n, policy))).toEqual([
      0,
      MINUTE_MS,
      2 * MINUTE_MS,
      4 * MINUTE_MS,
      8 * MINUTE_MS,
      HOUR_MS,
      HOUR_MS,
      HOUR_MS,
    ]);
    expect(lockedForMs({ count: 4, windowStart: t0, lastAt: t0 }, t0, policy)).toBe(0);
    expect(lockedForMs({ count: 5, windowStart: t0, lastAt: t0 }, after(20_000), policy)).toBe(40_000);
    expect(lockedForMs({ count: 5, windowStart: t0, lastAt: t0 }, after(MINUTE_MS), policy)).toBe(0);
  });

  it("forgets a streak nobody added to for a day", () => {
    expect(lockedForMs({ count: 30, windowStart: t0, lastAt: t0 }, after(24 * HOUR_MS), policy)).toBe(0);
    const r = reserveAttempt([{ key: "k", policy, streak: { count: 30, windowStart: t0, lastAt: t0 } }], after(24 * HOUR_MS));
    expect(r.ok && r.value[0].count).toBe(1);
  });

  it("with a window, starts afresh when the window ends, and never locks past it", () => {
    const windowed = { ...policy, free: 30, windowMs: 15 * MINUTE_MS };
    const streak = { count: 40, windowStart: t0, lastAt: after(14 * MINUTE_MS) };
    expect(lockedForMs(streak, after(14 * MINUTE_MS), windowed)).toBe(MINUTE_MS);
    expect(lockedForMs(streak, after(15 * MINUTE_MS), windowed)).toBe(0);
  });

  it("counts an attempt on every counter, or on none when one is locked (the longest lock is told)", () => {
    const counters = [
      { key: "pair", policy, streak: { count: 2, windowStart: t0, lastAt: t0 } },
      { key: "account", policy: { ...policy, free: 50 }, streak: null },
    ];
    const ok = reserveAttempt(counters, after(1000));
    expect(ok).toEqual({
      ok: true,
      value: [
        { key: "pair", count: 3, lastAt: after(1000), expiresAt: after(1000 + 24 * HOUR_MS) },
        { key: "account", count: 1, lastAt: after(1000), expiresAt: after(1000 + 24 * HOUR_MS) },
      ],
    });
    const locked = reserveAttempt([{ key: "pair", policy, streak: { count: 7, windowStart: t0, lastAt: t0 } }, counters[1]], after(1000));
    expect(locked).toEqual({ ok: false, code: "RATE_LIMITED", retryAfterMinutes: 4 });
  });
});
