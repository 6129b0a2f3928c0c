import { LOCK_FIRST_MS, LOCK_FORGET_AFTER_MS, LOCK_MAX_MS, PASSWORD_CHANGE_FAILURES } from "~/domain/auth/durations.ts";
import { checkPassword, PASSWORD_MIN_LENGTH, type PasswordProblem } from "~/domain/auth/password-policy.ts";
import type { RateLimited } from "~/domain/auth/rate-limit.ts";
import { ok, refused, type Ok, type Refused } from "~/domain/result.ts";
import type { Locale } from "~/i18n/index.ts";
import { getDb } from "~/utils/db.server.ts";
import { auditedTransaction } from "./audit.server.ts";
import { hashPassword, verifyPassword } from "./passwords.server.ts";
import { setPassword } from "./people.server.ts";
import { release, reserve } from "./rate-limits.server.ts";
import { createSession } from "./sessions.server.ts";

/**
 * A fresh session for this browser, or why the change was refused: the current
 * password is wrong or too often guessed, the new one breaks a rule, or the
 * two copies differ.
 */
export type ChangePasswordResult =
  Ok<{ token: string; expiresAt: Date }> | Refused<"WRONG_PASSWORD" | "MISMATCH" | PasswordProblem> | RateLimited;

const GUESSES = { free: PASSWORD_CHANGE_FAILURES, firstLockMs: LOCK_FIRST_MS, maxLockMs: LOCK_MAX_MS, forgetAfterMs: LOCK_FORGET_AFTER_MS };

/**
 * Changes one's own password: every session ends (other devices are logged
 * out) and a fresh session is returned for this browser. Guesses of the
 * current password (someone at an unlocked computer) are limited per account
 * as logins are, counted before the check (decision 034).
 */
export async function changeOwnPassword(
  personId: number,
  input: { currentPassword: string; newPassword: string; confirmPassword: string },
  now: Date,
): Promise<ChangePasswordResult> {
  const db = getDb();
  const person = await db.person.findUniqueOrThrow({ where: { id: personId }, include: { account: true } });
  if (!person.account) return refused("WRONG_PASSWORD");
  const key = `password:account:${person.account.id}`;
  const reserved = await reserve([{ key, policy: GUESSES }], now);
  if (!reserved.ok) return reserved;
  if (!(await verifyPassword(person.account.passwordHash, input.currentPassword))) {
    return refused("WRONG_PASSWORD");
  }
  await release({ forget: [key], uncount: [] });
  const [problem] = checkPassword(input.newPassword, person);
  if (problem) return refused(problem);
  if (input.newPassword !== input.confirmPassword) return refused("MISMATCH");
  const passwordHash = await hashPassword(input.newPassword);
  await auditedTransaction((tx) =>
    setPassword(tx, personId, passwordHash, { actorId: personId, mustChange: false, unitId: person.unitId }, now),
  );
  const session = await createSession(person.account.id, now);
  return ok(session);
}

/** The language a person chose, kept on their account for the next login. */
export async function setLocale(accountId: number, locale: Locale) {
  await getDb().account.update({ where: { id: accountId }, data: { locale } });
}

export { PASSWORD_MIN_LENGTH };
