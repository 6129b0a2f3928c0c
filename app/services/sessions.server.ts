import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { sha256Hex } from "~/domain/hashing.ts";
import { newExpiry, sessionState } from "~/domain/auth/session-expiry.ts";
import type { Role } from "~/domain/access/permissions.ts";
import type { SessionUser } from "~/utils/context.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/utils/db.server.ts";

// Sessions as in Lucia's guide: the cookie holds a random token, the database
// only its SHA-256, so a leaked sessions table cannot be replayed.
function generateSessionToken() {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string) {
  return sha256Hex(token);
}

export async function createSession(accountId: number, now: Date) {
  const token = generateSessionToken();
  const expiresAt = newExpiry(now);
  await getDb().session.create({ data: { id: sessionIdOf(token), accountId, expiresAt, createdAt: now } });
  return { token, expiresAt };
}

export type SessionRow = {
  account_id: number;
  expires_at: Date;
  must_change_password: boolean;
  locale: string;
  person_id: number;
  full_name: string;
  employee_code: string;
  email: string | null;
  unit_id: number;
  unit_name: string;
  status: string;
  grants: { role: Role; unitId: number }[];
  unread: number;
  has_duties: boolean;
};

/** The session's row (see SessionRow) with what every page's header shows: one statement, also the start of the lesson page's (lesson-document.server.ts). */
export function sessionRowSql(sessionId: string) {
  return Prisma.sql`
    select s.account_id, s.expires_at, a.must_change_password, a.locale,
           p.id as person_id, p.full_name, p.employee_code, p.email, p.unit_id, u.name as unit_name, p.status::text as status,
           coalesce((select json_agg(json_build_object('role', g.role::text, 'unitId', g.unit_id) order by g.id)
                       from role_grants g where g.person_id = p.id), '[]'::json) as grants,
           (select count(*)::int from notifications n where n.person_id = p.id and n.read_at is null) as unread,
           exists (select 1 from assignments x where x.person_id = p.id) as has_duties
      from sessions s
      join accounts a on a.id = s.account_id
      join people p on p.id = a.person_id
      join units u on u.id = p.unit_id
     where s.id = ${sessionId}`;
}

export function sessionUserOf(sessionId: string, session: SessionRow): SessionUser {
  return {
    sessionId,
    accountId: session.account_id,
    personId: session.person_id,
    fullName: session.full_name,
    employeeCode: session.employee_code,
    email: session.email,
    unitId: session.unit_id,
    unitName: session.unit_name,
    mustChangePassword: session.must_change_password,
    locale: session.locale === "en" ? "en" : "vi",
    grants: session.grants.map((g) => ({ role: g.role, unitId: g.unitId })),
  };
}

/**
 * The user behind a token, extending the session when it is in its renewal
 * window, with their unread-notification count (every page's header shows it).
 * Every request with a cookie runs this, so it is one statement (session,
 * account, person, unit name, role grants, unread count, whether the menu
 * shows "my duties") rather than one per relation; it writes only when the session is renewed (at most once in
 * SESSION_RENEW_WITHIN_MS).
 */
export async function validateSessionToken(token: string, now: Date) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const db = getDb();
  const id = sessionIdOf(token);
  const [session] = await db.$queryRaw<SessionRow[]>`${sessionRowSql(id)}`;
  if (!session) return null;
  const state = sessionState(session.expires_at, now);
  if (state === "expired" || session.status !== "ACTIVE") {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  let expiresAt = session.expires_at;
  if (state === "renew") {
    expiresAt = newExpiry(now);
    await db.session.update({ where: { id }, data: { expiresAt } });
  }
  const user = sessionUserOf(id, session);

  return { user, renewedUntil: state === "renew" ? expiresAt : null, unreadNotifications: session.unread, hasDuties: session.has_duties };
}

export async function invalidateSession(sessionId: string) {
  await getDb().session.deleteMany({ where: { id: sessionId } });
}

export async function invalidateAllSessions(accountId: number) {
  const { count } = await getDb().session.deleteMany({ where: { accountId } });
  return count;
}

/** Removes expired sessions and rate-limit counters that mean nothing any more; run periodically. */
export async function cleanUpExpired(now: Date) {
  const db = getDb();
  const sessions = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  const limits = await db.rateLimit.deleteMany({ where: { expiresAt: { lte: now } } });
  return { sessions: sessions.count, rateLimits: limits.count };
}
