import {
  KNOWN_ADDRESS_MS,
  LOCK_FIRST_MS,
  LOCK_FORGET_AFTER_MS,
  LOCK_MAX_MS,
  LOGIN_ACCOUNT_WINDOW_MS,
  LOGIN_FAILURES_PER_ACCOUNT,
  LOGIN_FAILURES_PER_ADDRESS,
  LOGIN_FAILURES_PER_IP,
  LOGIN_IP_WINDOW_MS,
} from "~/domain/auth/durations.ts";
import type { Grant } from "~/domain/access/permissions.ts";
import type { BackoffPolicy, RateLimited } from "~/domain/auth/rate-limit.ts";
import { ok, refused, type Ok, type Refused } from "~/domain/result.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "./audit.server.ts";
import { dummyPasswordHash, verifyPassword } from "./passwords.server.ts";
import { isRemembered, release, remember, reserve } from "./rate-limits.server.ts";
import { createSession, invalidateAllSessions, invalidateSession } from "./sessions.server.ts";

const backoff = (free: number, windowMs?: number): BackoffPolicy => ({
  free,
  firstLockMs: LOCK_FIRST_MS,
  maxLockMs: LOCK_MAX_MS,
  forgetAfterMs: LOCK_FORGET_AFTER_MS,
  windowMs,
});
const PAIR = backoff(LOGIN_FAILURES_PER_ADDRESS);
const ACCOUNT = backoff(LOGIN_FAILURES_PER_ACCOUNT, LOGIN_ACCOUNT_WINDOW_MS);
const ADDRESS = backoff(LOGIN_FAILURES_PER_IP, LOGIN_IP_WINDOW_MS);

/** A new session (and the grants that decide where the person lands), or why not. */
export type LoginResult = Ok<{ token: string; expiresAt: Date; personId: number; grants: Grant[] }> | Refused<"INVALID"> | RateLimited;

/**
 * Identifier is an employee code or an email; the answer never says which part
 * was wrong. Limits (decision 034): the attempt is counted before the password
 * is checked, on counters keyed by the account (so its email and code share
 * them) or, for an identifier naming nobody, by the identifier:
 * - the (account, address) pair locks after LOGIN_FAILURES_PER_ADDRESS, with backoff;
 * - the address locks after LOGIN_FAILURES_PER_IP over all accounts in 15 minutes;
 * - the account locks addresses it never logged in from after
 *   LOGIN_FAILURES_PER_ACCOUNT over all addresses in an hour (the owner's own
 *   addresses keep working, each under its own pair limit).
 */
export async function login(identifier: string, password: string, ip: string, now: Date): Promise<LoginResult> {
  const id = identifier.trim().toLowerCase();
  const db = getDb();
  const person = await db.person.findFirst({
    where: { OR: [{ email: id }, { employeeCode: id.toUpperCase() }] },
    include: { account: true, grants: { select: { role: true, unitId: true } } },
  });
  const subject = person?.account ? `account:${person.account.id}` : `identifier:${id}`;
  const keys = {
    pair: `login:${subject}:ip:${ip}`,
    account: `login:${subject}`,
    address: `login:ip:${ip}`,
    known: `login:known:${subject}:ip:${ip}`,
  };
  const known = await isRemembered(keys.known, now);
  const checks = [
    { key: keys.address, policy: ADDRESS },
    { key: keys.pair, policy: PAIR },
    ...(known ? [] : [{ key: keys.account, policy: ACCOUNT }]),
  ];
  const reserved = await reserve(checks, now);
  if (!reserved.ok) return reserved;

  const account = person?.status === "ACTIVE" ? person.account : null;
  const valid = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!account || !person || !valid) {
    await auditedTransaction((tx) =>
      appendAudit(tx, { actorId: null, action: "auth.login_failed", unitId: person?.unitId ?? null, data: { identifier: id, ip } }, now),
    );
    return refused("INVALID");
  }
  // A success ends the pair's streak and takes its attempt back from the others.
  await release({ forget: [keys.pair], uncount: known ? [keys.address] : [keys.address, keys.account] });
  await remember(keys.known, now, new Date(now.getTime() + KNOWN_ADDRESS_MS));
  const session = await createSession(account.id, now);
  await auditedTransaction((tx) => appendAudit(tx, { actorId: person.id, action: "auth.login", unitId: person.unitId, data: { ip } }, now));
  return ok({ ...session, personId: person.id, grants: person.grants });
}

/** Ends this session, or every session of the account, and records which. */
export async function logout(
  user: { accountId: number; sessionId: string; personId: number; unitId: number },
  everywhere: boolean,
  now: Date,
) {
  if (everywhere) await invalidateAllSessions(user.accountId);
  else await invalidateSession(user.sessionId);
  await auditedTransaction((tx) =>
    appendAudit(tx, { actorId: user.personId, action: everywhere ? "auth.logout_everywhere" : "auth.logout", unitId: user.unitId }, now),
  );
}
