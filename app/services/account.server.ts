import { LOCK_FIRST_MS, LOCK_FORGET_AFTER_MS, LOCK_MAX_MS, PASSWORD_CHANGE_FAILURES } from "~/domain/auth/durations.ts";
import { checkPassword, PASSWORD_MIN_LENGTH, type PasswordProblem } from "~/domain/auth/password-policy.ts";
import { getDb } from "~/utils/db.server.ts";
import { hashPassword, verifyPassword } from "./passwords.server.ts";
import { setPassword } from "./people.server.ts";
import { release, reserve } from "./rate-limits.server.ts";
import { createSession } from "./sessions.server.ts";

export type ChangePasswordResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; field: "currentPassword"; problem: "WRONG_PASSWORD" }
  | { ok: false; field: "currentPassword"; problem: "RATE_LIMITED"; retryAfterMinutes: number }
  | { ok: false; field: "newPassword"; problem: PasswordProblem }
  | { ok: false; field: "confirmPassword"; problem: "MISMATCH" };

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
  if (!person.account) return { ok: false, field: "currentPassword", problem: "WRONG_PASSWORD" };
  const key = `password:account:${person.account.id}`;
  const reserved = await reserve([{ key, policy: GUESSES }], now);
  if (!reserved.ok) return { ok: false, field: "currentPassword", problem: "RATE_LIMITED", retryAfterMinutes: reserved.retryAfterMinutes };
  if (!(await verifyPassword(person.account.passwordHash, input.currentPassword))) {
    return { ok: false, field: "currentPassword", problem: "WRONG_PASSWORD" };
  }
  await release({ forget: [key], uncount: [] });
  const [problem] = checkPassword(input.newPassword, person);
  if (problem) return { ok: false, field: "newPassword", problem };
  if (input.newPassword !== input.confirmPassword) return { ok: false, field: "confirmPassword", problem: "MISMATCH" };
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction((tx) => setPassword(tx, personId, passwordHash, { actorId: personId, mustChange: false, unitId: person.unitId }, now));
  const session = await createSession(person.account.id, now);
  return { ok: true, ...session };
}

export { PASSWORD_MIN_LENGTH };
