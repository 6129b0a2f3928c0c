import { describe, expect, it } from "vitest";
import { LOGIN_WINDOW_MS, SESSION_LIFETIME_MS, SESSION_RENEW_WITHIN_MS } from "~/domain/auth/durations.ts";
import { checkPassword } from "~/domain/auth/password-policy.ts";
import { blockedFor } from "~/domain/auth/rate-limit.ts";
import { newExpiry, sessionState } from "~/domain/auth/session-expiry.ts";

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

describe("rate limit", () => {
  const limit = { max: 5, windowMs: LOGIN_WINDOW_MS };
  const start = new Date("2026-11-28T00:00:00Z");
  it("blocks at the limit and says for how many minutes", () => {
    expect(blockedFor({ count: 4, windowStart: start }, start, limit)).toEqual({ blocked: false });
    expect(blockedFor({ count: 5, windowStart: start }, new Date(start.getTime() + 30_000), limit)).toEqual({ blocked: true, retryAfterMinutes: 15 });
  });
  it("lets attempts through once the window is over", () => {
    expect(blockedFor({ count: 50, windowStart: start }, new Date(start.getTime() + LOGIN_WINDOW_MS), limit)).toEqual({ blocked: false });
  });
});
