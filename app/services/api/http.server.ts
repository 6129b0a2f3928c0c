// The HTTP conventions of /api/v1: JSON in and out, one error shape
// ({ "error": { "code", "message", ... } }), bearer tokens with scopes, a
// token's reach limited to its unit's subtree. Bodies, query strings and
// paging: input.server.ts.
import type { Prisma } from "~/generated/prisma/client.ts";
import { translate, type MessageKey, type Params } from "~/i18n/index.ts";
import {
  BUSY_RETRY_AFTER_SECONDS,
  DatabaseBusyError,
  getDb,
  isDatabaseUnavailable,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
} from "~/utils/db.server.ts";
import { parseId } from "~/utils/ids.ts";
import { API_BODY_BYTES } from "~/utils/request-limits.ts";
import { apiLocale as localeOf, type ApiLocale } from "./locale.ts";
import { authenticateWith, type ApiScope, type AuthenticatedToken } from "./tokens.server.ts";

export type { ApiLocale };
/** A message of the API's, in app/i18n/api.ts, written in the response language when the answer is made. */
export type ApiMessage = { key: MessageKey; params?: Params };

/** Enforced by the HTTP layer before the body is read (server/request-guard.ts). */
export const MAX_BODY_BYTES = API_BODY_BYTES;

export const ERROR_CODES = [
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "UNSUPPORTED_MEDIA_TYPE",
  "PAYLOAD_TOO_LARGE",
  "INVALID_JSON",
  "INVALID_INPUT",
  "INVALID_IDEMPOTENCY_KEY",
  "NOT_ELIGIBLE",
  "SHIFT_FULL",
  "ALREADY_ASSIGNED",
  "ALREADY_REVOKED",
  "IDEMPOTENCY_KEY_REUSED",
  "IDEMPOTENCY_IN_PROGRESS",
  "BUSY",
  "UNAVAILABLE",
  "INTERNAL_ERROR",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The message an error code has when nothing more precise is said. */
function defaultMessage(code: ErrorCode): ApiMessage {
  const seconds = code === "UNAVAILABLE" ? UNAVAILABLE_RETRY_AFTER_SECONDS : BUSY_RETRY_AFTER_SECONDS;
  return { key: `api.error.${code}`, params: { kb: MAX_BODY_BYTES / 1024, seconds } };
}

export type ErrorExtra = { fields?: Record<string, string>; reasons?: { code: string; message: string }[] };

/** A refusal, turned into the JSON error shape by apiHandler. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly text: ApiMessage = defaultMessage(code),
    readonly extra: ErrorExtra = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${translate("en", text.key, text.params)}`);
    this.name = "ApiError";
  }

  /** What the error body carries beside code and message, in the response language. */
  extraIn(_locale: ApiLocale): ErrorExtra {
    return this.extra;
  }
}

/** The response language: English when Accept-Language prefers it, else Vietnamese. */
export function apiLocale(request: Request): ApiLocale {
  return localeOf(request.headers.get("accept-language"));
}

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function errorBody(code: ErrorCode, message: string, extra: ErrorExtra = {}) {
  return { error: { code, message, ...extra } };
}

export function errorResponse(error: ApiError, locale: ApiLocale) {
  return json(
    errorBody(error.code, translate(locale, error.text.key, error.text.params), error.extraIn(locale)),
    error.status,
    error.headers,
  );
}

/** A refusal a service returned, as the stored answer of a write (status and JSON error body). */
export function refusalAnswer(
  status: number,
  code: ErrorCode,
  locale: ApiLocale,
  extra: ErrorExtra = {},
): { status: number; body: object } {
  const { key, params } = defaultMessage(code);
  return { status, body: errorBody(code, translate(locale, key, params), extra) };
}

/**
 * Runs an API handler: ApiErrors become their JSON answer; a conflict that
 * outlasted the retries (DatabaseBusyError) a 503 BUSY with Retry-After; a
 * database that cannot be reached a 503 UNAVAILABLE with Retry-After (decision
 * 066); anything unexpected a JSON 500.
 */
export async function apiHandler(request: Request, fn: (locale: ApiLocale) => Promise<Response>): Promise<Response> {
  const locale = apiLocale(request);
  try {
    return await fn(locale);
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error, locale);
    if (error instanceof Response) return error;
    if (error instanceof DatabaseBusyError) {
      console.warn("API busy", error.cause);
      return errorResponse(new ApiError(503, "BUSY", undefined, {}, { "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) }), locale);
    }
    if (isDatabaseUnavailable(error)) {
      console.warn("API: database unavailable", error instanceof Error ? error.message : error);
      return unavailableResponse(locale);
    }
    console.error("API error", error);
    return errorResponse(new ApiError(500, "INTERNAL_ERROR"), locale);
  }
}

/** 503 UNAVAILABLE with Retry-After, in the API's error shape (also sent by server/app.ts). */
export function unavailableResponse(locale: ApiLocale) {
  return errorResponse(new ApiError(503, "UNAVAILABLE", undefined, {}, { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) }), locale);
}

/** A loader/action for the methods a route does not serve. */
export function methodNotAllowed(allowed: string[]) {
  return ({ request }: { request: Request }) =>
    apiHandler(request, async () => {
      throw new ApiError(405, "METHOD_NOT_ALLOWED", undefined, {}, { Allow: allowed.join(", ") });
    });
}

// ---------------------------------------------------------------------------
// Tokens and scope
// ---------------------------------------------------------------------------

/** The request's token, which must hold `scope`: 401 without a live token, 403 without the scope. */
export async function requireToken(request: Request, scope: ApiScope, now: Date = new Date()): Promise<AuthenticatedToken> {
  return (await requireTokenWith(request, scope, now, null)).token;
}

/**
 * requireToken, and `sql` read in the same statement once the token passed
 * (decision 069): the route's data in the token check's round trip.
 */
export async function requireTokenWith<T>(
  request: Request,
  scope: ApiScope,
  now: Date,
  sql: Prisma.Sql | null,
): Promise<{ token: AuthenticatedToken; value: T }> {
  const { token, also } = await authenticateWith<T>(request, now, sql ? { scope, sql } : null);
  if (!token) throw new ApiError(401, "UNAUTHORIZED", undefined, {}, { "WWW-Authenticate": 'Bearer realm="kt1-api"' });
  if (!token.scopes.includes(scope)) {
    throw new ApiError(403, "FORBIDDEN", { key: "api.error.missingScope", params: { scope } });
  }
  return { token, value: also as T };
}

/**
 * A request's input read before its token is checked (routes that check the
 * token with requireTokenWith, after reading): a refused input is answered
 * only once the token passed requireToken, so 401 and 403 still come first.
 */
export async function readBeforeToken<T>(request: Request, scope: ApiScope, now: Date, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError) await requireToken(request, scope, now);
    throw error;
  }
}

/** True when a unit (given by its root-to-unit path) is in the token's subtree. */
function inTokenSubtree(token: AuthenticatedToken, unitPath: readonly number[]) {
  return unitPath.includes(token.unitId);
}

/**
 * The API's 404 (its JSON error shape, not the pages' notFound()): NOT_FOUND
 * with `message`; `field` names the parameter that named the record, if any.
 */
export function apiNotFound(message: ApiMessage, field?: string): never {
  throw new ApiError(404, "NOT_FOUND", message, field ? { fields: { [field]: "unknown" } } : {});
}

/** The id a path names (parseId, as the pages read theirs), else the API's 404 with `message`. */
export function requireApiId(raw: string | undefined, message: ApiMessage): number {
  return parseId(raw) ?? apiNotFound(message);
}

/**
 * The one answer for a record a request names: the record when it exists and
 * lies in the token's subtree, else the API's 404. Missing and outside answer
 * alike, so a token cannot probe which codes exist elsewhere (decision 035).
 */
export function requireInTokenScope<T>(
  token: AuthenticatedToken,
  record: T | null | undefined,
  pathOf: (record: T) => readonly number[],
  message: ApiMessage,
  field?: string,
): T {
  if (record === null || record === undefined || !inTokenSubtree(token, pathOf(record))) apiNotFound(message, field);
  return record;
}

export async function unitInScope(token: AuthenticatedToken, code: string, field = "unit") {
  const unit = await getDb().unit.findUnique({ where: { code }, select: { id: true, code: true, path: true } });
  return requireInTokenScope(token, unit, (u) => u.path, { key: "api.notFound.unit", params: { code } }, field);
}

export async function stationInScope(token: AuthenticatedToken, code: string, field = "station") {
  const station = await getDb().station.findUnique({ where: { code }, include: { unit: { select: { code: true, path: true } } } });
  return requireInTokenScope(token, station, (s) => s.unit.path, { key: "api.notFound.station", params: { code } }, field);
}
