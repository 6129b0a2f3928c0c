import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { newExpiry, sessionState } from "~/domain/auth/session-expiry.ts";
import type { Role } from "~/domain/access/permissions.ts";
import type { SessionUser } from "~/utils/context.server.ts";
import { getDb } from "~/utils/db.server.ts";

// Sessions as in Lucia's guide: the cookie holds a random token, the database
// only its SHA-256, so a leaked sessions table cannot be replayed.
export function generateSessionToken() {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(accountId: number, now: Date) {
  const token = generateSessionToken();
  const expiresAt = newExpiry(now);
  await getDb().session.create({ data: { id: sessionIdOf(token), accountId, expiresAt, createdAt: now } });
  return { token, expiresAt };
}

/** The user behind a token, extending the session when it is in its renewal window. */
export async function validateSessionToken(token: string, now: Date) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const db = getDb();
  const id = sessionIdOf(token);
  const session = await db.session.findUnique({
    where: { id },
    include: {
      account: {
        include: {
          person: { include: { unit: { select: { name: true } }, grants: { select: { role: true, unitId: true } } } },
        },
      },
    },
  });
  if (!session) return null;
  const person = session.account.person;
  const state = sessionState(session.expiresAt, now);
  if (state === "expired" || person.status !== "ACTIVE") {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  let expiresAt = session.expiresAt;
  if (state === "renew") {
    expiresAt = newExpiry(now);
    await db.session.update({ where: { id }, data: { expiresAt } });
  }
  const user: SessionUser = {
    sessionId: id,
    accountId: session.accountId,
    personId: person.id,
    fullName: person.fullName,
    employeeCode: person.employeeCode,
    email: person.email,
    unitId: person.unitId,
    unitName: person.unit.name,
    mustChangePassword: session.account.mustChangePassword,
    locale: session.account.locale === "en" ? "en" : "vi",
    grants: person.grants.map((g) => ({ role: g.role as Role, unitId: g.unitId })),
  };
  return { user, renewedUntil: state === "renew" ? expiresAt : null };
}

export async function invalidateSession(sessionId: string) {
  await getDb().session.deleteMany({ where: { id: sessionId } });
}

export async function invalidateAllSessions(accountId: number) {
  const { count } = await getDb().session.deleteMany({ where: { accountId } });
  return count;
}

/** Removes expired sessions and stale rate-limit counters; run periodically. */
export async function cleanUpExpired(now: Date, rateWindowMs: number) {
  const db = getDb();
  const sessions = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  const limits = await db.rateLimit.deleteMany({
    where: { windowStart: { lte: new Date(now.getTime() - rateWindowMs) } },
  });
  return { sessions: sessions.count, rateLimits: limits.count };
}
