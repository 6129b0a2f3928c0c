// The HTTP conventions of /api/v1: JSON in and out, one error shape
// ({ "error": { "code", "message", ... } }), bearer tokens with scopes, a
// token's reach limited to its unit's subtree, strict request bodies.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client.ts";
import { DAY_MS } from "~/domain/time/calendar.ts";
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
const MAX_DUTY_MS = DAY_MS;
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 100;

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
  const extra = error instanceof InvalidInput ? { fields: fieldErrors(error.issues, locale) } : error.extra;
  return json(errorBody(error.code, translate(locale, error.text.key, error.text.params), extra), error.status, error.headers);
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

// ---------------------------------------------------------------------------
// Input: bodies, query strings, field errors
// ---------------------------------------------------------------------------

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

/** Field messages a schema or a check names by code (its issue's message). */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  END_NOT_AFTER_START: "api.field.END_NOT_AFTER_START",
  DUTY_TOO_LONG: "api.field.DUTY_TOO_LONG",
  TO_NOT_AFTER_FROM: "api.field.TO_NOT_AFTER_FROM",
  BLANK: "api.field.BLANK",
  INTEGER: "api.field.INTEGER",
  CURSOR: "api.field.CURSOR",
  YEAR_RANGE: "api.field.YEAR_RANGE",
  repeated: "api.field.repeated",
};
export type FieldMessage = "END_NOT_AFTER_START" | "DUTY_TOO_LONG" | "TO_NOT_AFTER_FROM";

const TYPE_NAMES: Record<string, MessageKey> = {
  string: "api.type.string",
  number: "api.type.number",
  boolean: "api.type.boolean",
  object: "api.type.object",
  array: "api.type.array",
};

function fieldKey(path: readonly PropertyKey[]) {
  return path.length ? path.map(String).join(".") : "body";
}

/** One message per field, in the response language. */
function fieldErrors(issues: readonly z.core.$ZodIssue[], locale: ApiLocale): Record<string, string> {
  const fields: Record<string, string> = {};
  const put = (key: string, message: MessageKey, params?: Params) => {
    fields[key] ??= translate(locale, message, params);
  };
  for (const issue of issues) {
    const key = fieldKey(issue.path);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const k of issue.keys) put(fieldKey([...issue.path, k]), "api.field.unknown");
        break;
      case "invalid_type": {
        if (issue.input === undefined) put(key, "api.field.required");
        else {
          const name = TYPE_NAMES[issue.expected];
          put(key, "api.field.type", { type: name ? translate(locale, name) : issue.expected });
        }
        break;
      }
      case "invalid_format":
        put(key, issue.format === "datetime" ? "api.field.dateTime" : "api.field.format");
        break;
      case "too_small":
      case "too_big": {
        const n = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
        const chars = issue.origin === "string";
        put(
          key,
          issue.code === "too_small" ? (chars ? "api.field.minChars" : "api.field.min") : chars ? "api.field.maxChars" : "api.field.max",
          { n },
        );
        break;
      }
      case "invalid_value":
        put(key, "api.field.oneOf", { values: issue.values.map(String).join(", ") });
        break;
      default: {
        const known = FIELD_MESSAGES[issue.message];
        if (known) put(key, known, { min: MIN_YEAR, max: MAX_YEAR });
        else fields[key] ??= issue.message;
      }
    }
  }
  return fields;
}

function invalidInput(issues: readonly z.core.$ZodIssue[]): never {
  throw new InvalidInput(issues);
}

/** INVALID_INPUT; its field messages are written in the response language when rendered. */
class InvalidInput extends ApiError {
  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super(400, "INVALID_INPUT");
  }
}

/** INVALID_INPUT for a single field (checks made after the schema). */
export function fieldError(field: string, message: FieldMessage): never {
  invalidInput([{ code: "custom", path: field.split("."), message, input: undefined }]);
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) invalidInput(parsed.error.issues);
  return parsed.data;
}

/**
 * The body as UTF-8 text. Its size (at most MAX_BODY_BYTES), NUL characters and
 * JSON nesting were checked by the HTTP layer before it was read (decision 030).
 */
async function readBodyText(request: Request): Promise<string> {
  let bytes: ArrayBuffer;
  try {
    bytes = await request.arrayBuffer();
  } catch {
    throw new ApiError(400, "INVALID_JSON", { key: "api.error.unreadableBody" });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "INVALID_JSON", { key: "api.error.notUtf8" });
  }
}

/** A JSON value with object keys sorted: the same data always serialises the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function sha256Hex(text: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

/**
 * The request's JSON body checked against a strict schema. Returns the data
 * and a hash of the body as sent (canonical JSON: key order and spacing do not count).
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<{ data: z.output<S>; bodyHash: string }> {
  const type = request.headers.get("content-type") ?? "";
  const [media, ...params] = type.split(";").map((s) => s.trim().toLowerCase());
  const charset = params.map((p) => /^charset=(.+)$/.exec(p)?.[1]?.replace(/"/g, "")).find(Boolean);
  if (media !== "application/json" || (charset && charset !== "utf-8" && charset !== "utf8"))
    throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE");
  const text = await readBodyText(request);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, "INVALID_JSON");
  }
  const data = parseWith(schema, value);
  return { data, bodyHash: sha256Hex(canonicalJson(value)) };
}

/** Query parameters checked against a strict schema; empty values count as absent, repeats are refused. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  const repeated: z.core.$ZodIssue[] = [];
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v !== "");
    if (values.length > 1) repeated.push({ code: "custom", path: [key], message: "repeated", input: values });
    else if (values.length === 1) raw[key] = values[0];
  }
  if (repeated.length) invalidInput(repeated);
  return parseWith(schema, raw);
}

// ---------------------------------------------------------------------------
// Schemas shared by the routes
// ---------------------------------------------------------------------------

/**
 * An ISO 8601 date-time that names its offset (Z or ±hh:mm); local times are
 * refused, and so are years outside MIN_YEAR–MAX_YEAR (PostgreSQL has no year 0).
 */
export const dateTime = z.iso.datetime({ offset: true, local: false }).refine((value) => {
  const at = Date.parse(value);
  return at >= Date.UTC(MIN_YEAR, 0, 1) && at < Date.UTC(MAX_YEAR + 1, 0, 1);
}, "YEAR_RANGE");

export const code = z.string().trim().min(1, "BLANK").max(64);

export const pageQuery = {
  limit: z
    .string()
    .regex(/^[0-9]{1,6}$/, "INTEGER")
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_PAGE))
    .optional(),
  cursor: z
    .string()
    .transform((value, ctx) => parseId(value) ?? (ctx.addIssue({ code: "custom", message: "CURSOR", input: value }), z.NEVER))
    .optional(),
};

/** A duty's interval: end after start, at most 24 hours. */
export function checkDutyInterval(value: { start: string; end: string }, ctx: z.RefinementCtx) {
  const s = Date.parse(value.start);
  const e = Date.parse(value.end);
  if (!(e > s)) ctx.addIssue({ code: "custom", path: ["end"], message: "END_NOT_AFTER_START", input: value.end });
  else if (e - s > MAX_DUTY_MS) ctx.addIssue({ code: "custom", path: ["end"], message: "DUTY_TOO_LONG", input: value.end });
}

/** Link and X-Next-Cursor headers for a page that has a next one. */
export function pageHeaders(request: Request, nextCursor: number | null): Record<string, string> {
  if (nextCursor === null) return {};
  const url = new URL(request.url);
  url.searchParams.set("cursor", String(nextCursor));
  return { Link: `<${url.pathname}${url.search}>; rel="next"`, "X-Next-Cursor": String(nextCursor) };
}

export type Page<T> = { items: T[]; nextCursor: number | null };

/** Splits `limit + 1` rows (ordered by id) into a page and the next cursor. */
export function pageOf<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: items[items.length - 1].id };
}
