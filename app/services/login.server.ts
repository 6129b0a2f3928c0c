import {
  LOGIN_MAX_FAILURES_PER_ACCOUNT,
  LOGIN_MAX_FAILURES_PER_IP,
  LOGIN_WINDOW_MS,
} from "~/domain/auth/durations.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit } from "./audit.server.ts";
import { dummyPasswordHash, verifyPassword } from "./passwords.server.ts";
import { checkLimit, hit, reset } from "./rate-limits.server.ts";
import { createSession } from "./sessions.server.ts";

const ACCOUNT_LIMIT = { max: LOGIN_MAX_FAILURES_PER_ACCOUNT, windowMs: LOGIN_WINDOW_MS };
const IP_LIMIT = { max: LOGIN_MAX_FAILURES_PER_IP, windowMs: LOGIN_WINDOW_MS };

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; personId: number }
  | { ok: false; reason: "INVALID" }
  | { ok: false; reason: "RATE_LIMITED"; retryAfterMinutes: number };

/** Identifier is an employee code or an email; the answer never says which part was wrong. */
export async function login(identifier: string, password: string, ip: string, now: Date): Promise<LoginResult> {
  const id = identifier.trim().toLowerCase();
  const accountKey = `login:account:${id}`;
  const ipKey = `login:ip:${ip}`;
  for (const [key, limit] of [[accountKey, ACCOUNT_LIMIT], [ipKey, IP_LIMIT]] as const) {
    const state = await checkLimit(key, limit, now);
    if (state.blocked) return { ok: false, reason: "RATE_LIMITED", retryAfterMinutes: state.retryAfterMinutes };
  }
  const db = getDb();
  const person = await db.person.findFirst({
    where: { OR: [{ email: id }, { employeeCode: id.toUpperCase() }] },
    include: { account: true },
  });
  const account = person?.status === "ACTIVE" ? person.account : null;
  const valid = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!account || !person || !valid) {
    await hit(accountKey, ACCOUNT_LIMIT, now);
    await hit(ipKey, IP_LIMIT, now);
    await db.$transaction((tx) =>
      appendAudit(
        tx,
        { actorId: null, action: "auth.login_failed", unitId: person?.unitId ?? null, data: { identifier: id, ip } },
        now,
      ),
    );
    return { ok: false, reason: "INVALID" };
  }
  await reset(accountKey);
  const session = await createSession(account.id, now);
  await db.$transaction((tx) =>
    appendAudit(tx, { actorId: person.id, action: "auth.login", unitId: person.unitId, data: { ip } }, now),
  );
  return { ok: true, ...session, personId: person.id };
}
