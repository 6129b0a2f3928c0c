import { redirect, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import { can, hasAnywhere, scopeOf, type Action } from "~/domain/access/permissions.ts";
import { validateSessionToken } from "~/services/sessions.server.ts";
import { hasDutiesContext, localeContext, unreadNotificationsContext, userContext, type SessionUser } from "./context.server.ts";
import { clearSessionCookie, localeOf, readCookie, SESSION_COOKIE, sessionCookie, setsCookie } from "./cookies.server.ts";
import { getDb } from "./db.server.ts";
import { parseId } from "./ids.ts";

type Ctx = { context: Readonly<RouterContextProvider> };

// Pages a person who must change their password may still open.
const OPEN_WHILE_CHANGING_PASSWORD = ["/account/password", "/logout"];

/** Root middleware: resolves the session once per request and keeps its cookie fresh. */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const now = new Date();
  const token = readCookie(request, SESSION_COOKIE);
  const found = token ? await validateSessionToken(token, now) : null;
  context.set(userContext, found?.user ?? null);
  // An action (e.g. "mark all read" posted without JavaScript) may change these
  // before the loaders of the same request run: the root loader reads them again then.
  const readOnly = request.method === "GET" || request.method === "HEAD";
  context.set(unreadNotificationsContext, readOnly ? (found?.unreadNotifications ?? null) : null);
  context.set(hasDutiesContext, readOnly ? (found?.hasDuties ?? null) : null);
  context.set(localeContext, localeOf(request.headers.get("Cookie"), found?.user.locale));
  const path = new URL(request.url).pathname.replace(/\.data$/, "");
  if (found?.user.mustChangePassword && !OPEN_WHILE_CHANGING_PASSWORD.includes(path)) {
    throw redirect("/account/password");
  }
  const response = await next();
  // A handler that set the session cookie itself (login, password change,
  // logout) decided this browser's session: clearing or renewing the old token
  // after it would undo that (a stale cookie made the first login fail).
  if (token && !setsCookie(response.headers, SESSION_COOKIE)) {
    if (!found) response.headers.append("Set-Cookie", clearSessionCookie());
    else if (found.renewedUntil) response.headers.append("Set-Cookie", sessionCookie(token, found.renewedUntil, now));
  }
  return response;
};

export function getUser({ context }: Ctx): SessionUser | null {
  return context.get(userContext);
}

export function requireUser({ context, request }: Ctx & { request: Request }): SessionUser {
  const user = context.get(userContext);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname.replace(/\.data$/, "") + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/**
 * The id a page's URL names (`params.personId`, …): a positive int32, else 404.
 * Call it after the route's own guard, and look the record up with
 * `requireFound`, so anonymous and out-of-scope requests learn nothing.
 */
export function requireId(raw: string | undefined): number {
  return parseId(raw) ?? notFound();
}

/**
 * A record named in the URL, looked up after the route's own guard (a role the
 * whole page is closed to gets 403 before any lookup): the record when it
 * exists and `visible` says the user may see it, else 404. Missing and "not
 * yours" answer the same, so ids cannot be probed (decision 035). A user who
 * may see the record but not change it still gets 403 for the change.
 */
export function requireFound<T>(record: T | null | undefined, visible: (record: T) => boolean): T {
  if (record === null || record === undefined || !visible(record)) notFound();
  return record;
}

/**
 * The guard of every protected loader and action: the user may do `action` on
 * `unitId` (a unit that does not exist is a 404, one outside scope a 403).
 */
export async function requirePermission(args: Ctx & { request: Request }, action: Action, unitId: number) {
  const user = requireUser(args);
  const unit = await getDb().unit.findUnique({ where: { id: unitId }, select: { path: true } });
  if (!unit) notFound();
  if (!can(user.grants, action, unit.path)) forbidden();
  return user;
}

/** For list pages: the user may do `action` somewhere; returns the unit ids it covers. */
export function requireScope(args: Ctx & { request: Request }, action: Action) {
  const user = requireUser(args);
  if (!hasAnywhere(user.grants, action)) forbidden();
  return { user, scope: scopeOf(user.grants, action) };
}
