// Issue 11, item 8: the login limiter counts an attempt before the password is
// checked (parallel guesses cannot outrun it), keeps one counter per person
// whatever identifier names them, locks an (account, address) pair rather than
// the account (a stranger cannot lock the owner out), and also guards the
// current-password check of /account/password.
import { describe, expect, it } from "vitest";
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS } from "~/domain/auth/durations.ts";
import { changeOwnPassword } from "~/services/account.server.ts";
import { login } from "~/services/login.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit, TEST_PASSWORD } from "../support/factories.ts";

const LIMIT = LOGIN_FAILURES_PER_ADDRESS;

async function person() {
  const unit = await makeUnit();
  return makePerson({ unitId: unit.id });
}

const failedChecks = (personUnit: number) => getDb().auditEntry.count({ where: { action: "auth.login_failed", unitId: personUnit } });

describe("login limiter", () => {
  it("20 parallel wrong logins from one address check the password at most LIMIT times; then the right one is refused too", async () => {
    const p = await person();
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 20 }, () => login(p.employeeCode, "wrong-password-1", "10.20.0.1", now)));
    const invalid = results.filter((r) => !r.ok && r.code === "INVALID").length;
    const limited = results.filter((r) => !r.ok && r.code === "RATE_LIMITED").length;
    expect(invalid).toBeLessThanOrEqual(LIMIT);
    expect(invalid + limited).toBe(20);
    expect(await failedChecks(p.unitId)).toBeLessThanOrEqual(LIMIT);
    const right = await login(p.employeeCode, TEST_PASSWORD, "10.20.0.1", new Date(now.getTime() + 1000));
    expect(right).toMatchObject({ ok: false, code: "RATE_LIMITED" });
  });

  it("counts the email and the employee code of one person on one counter", async () => {
    const p = await person();
    const now = new Date();
    for (let i = 0; i < LIMIT; i++) {
      const identifier = i % 2 === 0 ? p.email!.toUpperCase() : p.employeeCode.toLowerCase();
      expect(await login(identifier, "wrong-password-2", "10.20.0.2", now)).toMatchObject({ ok: false, code: "INVALID" });
    }
    expect(await login(p.email!, TEST_PASSWORD, "10.20.0.2", now)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(await login(p.employeeCode, TEST_PASSWORD, "10.20.0.2", now)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
  });

  it("failures from a stranger's address do not lock the owner out of their own address", async () => {
    const p = await person();
    const now = new Date();
    for (let i = 0; i < LIMIT + 3; i++) await login(p.employeeCode, "wrong-password-3", "203.0.113.66", now);
    expect(await login(p.employeeCode, TEST_PASSWORD, "203.0.113.66", now)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect((await login(p.employeeCode, TEST_PASSWORD, "10.20.0.3", now)).ok).toBe(true);
  });

  it("a guess spread over many addresses is slowed for new addresses, but the owner's usual address still logs in", async () => {
    const p = await person();
    const now = new Date();
    expect((await login(p.employeeCode, TEST_PASSWORD, "10.20.0.4", now)).ok).toBe(true);
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT; i++) {
      expect(await login(p.email!, "wrong-password-4", `198.51.100.${i + 1}`, now)).toMatchObject({ ok: false, code: "INVALID" });
    }
    // A fresh address now waits without a password check, even with the right password...
    expect(await login(p.email!, TEST_PASSWORD, "198.51.100.250", now)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    // ...while the address the owner logged in from keeps working.
    expect((await login(p.employeeCode, TEST_PASSWORD, "10.20.0.4", now)).ok).toBe(true);
  });

  it("limits guesses of the current password on /account/password, in parallel too", async () => {
    const p = await person();
    const now = new Date();
    const input = (currentPassword: string) => ({
      currentPassword,
      newPassword: "Mot-mat-khau-moi-2027",
      confirmPassword: "Mot-mat-khau-moi-2027",
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => changeOwnPassword(p.id, input("wrong-password-5"), now)));
    const wrong = results.filter((r) => !r.ok && r.code === "WRONG_PASSWORD").length;
    expect(wrong).toBeLessThanOrEqual(LIMIT);
    expect(results.filter((r) => !r.ok && r.code === "RATE_LIMITED")).toHaveLength(20 - wrong);
    const right = await changeOwnPassword(p.id, input(TEST_PASSWORD), new Date(now.getTime() + 1000));
    expect(right).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    // The password did not change.
    expect((await login(p.employeeCode, TEST_PASSWORD, "10.20.0.5", now)).ok).toBe(true);
  });
});
