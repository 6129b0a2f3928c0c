import { describe, expect, it } from "vitest";
import {
  LOCK_FIRST_MS,
  LOGIN_FAILURES_PER_ADDRESS,
  LOGIN_FAILURES_PER_IP,
  SESSION_LIFETIME_MS,
  SESSION_RENEW_WITHIN_MS,
} from "~/domain/auth/durations.ts";
import { login } from "~/services/login.server.ts";
import { invalidateAllSessions, validateSessionToken } from "~/services/sessions.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit, TEST_PASSWORD } from "../support/factories.ts";

const at = (iso: string) => new Date(iso);

describe("login", () => {
  it("accepts an employee code or an email, any case, and stores only the token's hash", async () => {
    const unit = await makeUnit();
    const person = await makePerson({ unitId: unit.id });
    const byCode = await login(person.employeeCode.toLowerCase(), TEST_PASSWORD, "10.0.0.1", new Date());
    const byEmail = await login(person.email!.toUpperCase(), TEST_PASSWORD, "10.0.0.1", new Date());
    expect(byCode.ok && byEmail.ok).toBe(true);
    if (!byCode.ok) return;
    const stored = await getDb().session.findMany({ where: { account: { personId: person.id } } });
    expect(stored).toHaveLength(2);
    expect(stored.map((s) => s.id)).not.toContain(byCode.value.token);
    expect(stored[0].id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives the same answer for an unknown account and a wrong password, and audits both", async () => {
    const unit = await makeUnit();
    const person = await makePerson({ unitId: unit.id });
    const wrong = await login(person.employeeCode, "not-the-password", "10.0.0.2", new Date());
    const unknown = await login("nobody@kt1.test", "whatever-password", "10.0.0.2", new Date());
    expect(wrong).toEqual({ ok: false, code: "INVALID" });
    expect(unknown).toEqual({ ok: false, code: "INVALID" });
    expect(await getDb().auditEntry.count({ where: { action: "auth.login_failed" } })).toBe(2);
  });

  it("locks an account for the address that failed, with a doubling wait, not for other addresses", async () => {
    const unit = await makeUnit();
    const person = await makePerson({ unitId: unit.id });
    const t0 = at("2026-11-28T03:00:00Z");
    const later = (ms: number) => new Date(t0.getTime() + ms);
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS; i++) {
      expect(await login(person.employeeCode, "wrong-password", "10.1.0.1", t0)).toEqual({ ok: false, code: "INVALID" });
    }
    // Locked for a minute from that address, even with the right password...
    expect(await login(person.employeeCode, TEST_PASSWORD, "10.1.0.1", later(20_000))).toEqual({
      ok: false,
      code: "RATE_LIMITED",
      retryAfterMinutes: 1,
    });
    // ...but not from another one.
    expect((await login(person.employeeCode, TEST_PASSWORD, "10.1.1.1", later(20_000))).ok).toBe(true);
    // After the minute one more try; failing it locks for two.
    expect(await login(person.employeeCode, "wrong-again", "10.1.0.1", later(LOCK_FIRST_MS))).toEqual({ ok: false, code: "INVALID" });
    expect(await login(person.employeeCode, TEST_PASSWORD, "10.1.0.1", later(LOCK_FIRST_MS + 1000))).toEqual({
      ok: false,
      code: "RATE_LIMITED",
      retryAfterMinutes: 2,
    });
    expect((await login(person.employeeCode, TEST_PASSWORD, "10.1.0.1", later(3 * LOCK_FIRST_MS))).ok).toBe(true);
    // A success ends the streak: the address has its free tries again.
    expect(await login(person.employeeCode, "wrong-password", "10.1.0.1", later(3 * LOCK_FIRST_MS))).toEqual({
      ok: false,
      code: "INVALID",
    });
    expect((await login(person.employeeCode, TEST_PASSWORD, "10.1.0.1", later(3 * LOCK_FIRST_MS))).ok).toBe(true);
  });

  it("blocks an IP that fails across many accounts", async () => {
    const t0 = at("2026-11-28T04:00:00Z");
    for (let i = 0; i < LOGIN_FAILURES_PER_IP; i++) await login(`ghost${i}@kt1.test`, "x-password", "10.9.9.9", t0);
    const unit = await makeUnit();
    const person = await makePerson({ unitId: unit.id });
    const res = await login(person.employeeCode, TEST_PASSWORD, "10.9.9.9", t0);
    expect(res.ok).toBe(false);
    expect(res.ok === false && res.code).toBe("RATE_LIMITED");
    expect((await login(person.employeeCode, TEST_PASSWORD, "10.9.9.10", t0)).ok).toBe(true);
  });

  it("refuses people who have left", async () => {
    const unit = await makeUnit();
    const person = await makePerson({ unitId: unit.id, status: "LEFT" });
    expect((await login(person.employeeCode, TEST_PASSWORD, "10.0.0.3", new Date())).ok).toBe(false);
  });
});

describe("sessions", () => {
  it("slide: used late in life they are extended; past expiry they are gone", async () => {
    const unit = await makeUnit();
    const person = await makePerson({ unitId: unit.id });
    const t0 = at("2026-11-01T00:00:00Z");
    const res = await login(person.employeeCode, TEST_PASSWORD, "10.0.0.4", t0);
    if (!res.ok) throw new Error("login failed");
    const early = await validateSessionToken(res.value.token, new Date(t0.getTime() + 1000));
    expect(early?.renewedUntil).toBeNull();
    const lateAt = new Date(t0.getTime() + SESSION_LIFETIME_MS - SESSION_RENEW_WITHIN_MS + 1000);
    const late = await validateSessionToken(res.value.token, lateAt);
    expect(late?.renewedUntil?.getTime()).toBe(lateAt.getTime() + SESSION_LIFETIME_MS);
    const afterExpiry = new Date(lateAt.getTime() + SESSION_LIFETIME_MS + 1);
    expect(await validateSessionToken(res.value.token, afterExpiry)).toBeNull();
    expect(await getDb().session.count({ where: { account: { personId: person.id } } })).toBe(0);
  });

  it("end everywhere at once, and when the person leaves", async () => {
    const unit = await makeUnit();
    const person = await makePerson({ unitId: unit.id });
    const a = await login(person.employeeCode, TEST_PASSWORD, "10.0.0.5", new Date());
    const b = await login(person.employeeCode, TEST_PASSWORD, "10.0.0.5", new Date());
    if (!a.ok || !b.ok) throw new Error("login failed");
    const account = await getDb().account.findUniqueOrThrow({ where: { personId: person.id } });
    expect(await invalidateAllSessions(account.id)).toBe(2);
    expect(await validateSessionToken(a.value.token, new Date())).toBeNull();

    const c = await login(person.employeeCode, TEST_PASSWORD, "10.0.0.5", new Date());
    if (!c.ok) throw new Error("login failed");
    await getDb().person.update({ where: { id: person.id }, data: { status: "LEFT" } });
    expect(await validateSessionToken(c.value.token, new Date())).toBeNull();
  });

  it("rejects malformed and unknown tokens", async () => {
    expect(await validateSessionToken("'; drop table sessions; --", new Date())).toBeNull();
    expect(await validateSessionToken("a".repeat(32), new Date())).toBeNull();
  });
});
