// The HTTP conventions of /api/v1: JSON in and out, one error shape
// ({ "error": { "code", "message", ... } }), bearer tokens with scopes, a
// token's reach limited to its unit's subtree, strict request bodies.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { z } from "zod";
import { BUSY_RETRY_AFTER_SECONDS, DatabaseBusyError, getDb } from "~/utils/db.server.ts";
import { parseId } from "~/utils/ids.ts";
import { API_BODY_BYTES } from "~/utils/request-limits.ts";
import { apiLocale as localeOf, type ApiLocale } from "./locale.ts";
import { authenticate, type ApiScope, type AuthenticatedToken } from "./tokens.server.ts";

export type { ApiLocale };
export type Text = { vi: string; en: string };

/** Enforced by the HTTP layer before the body is read (server/request-guard.ts). */
export const MAX_BODY_BYTES = API_BODY_BYTES;
export const MAX_DUTY_MS = 24 * 3600_000;
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
  "INTERNAL_ERROR",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const DEFAULT_MESSAGES: Record<ErrorCode, Text> = {
  UNAUTHORIZED: { vi: "Thiếu mã truy cập API hợp lệ (Authorization: Bearer kt1_…).", en: "A valid API token is required (Authorization: Bearer kt1_…)." },
  FORBIDDEN: { vi: "Mã truy cập không có quyền này.", en: "The token lacks the scope this request needs." },
  NOT_FOUND: { vi: "Không tìm thấy.", en: "Not found." },
  METHOD_NOT_ALLOWED: { vi: "Phương thức không được hỗ trợ cho địa chỉ này.", en: "Method not allowed on this resource." },
  UNSUPPORTED_MEDIA_TYPE: { vi: "Nội dung phải là JSON (Content-Type: application/json).", en: "The body must be JSON (Content-Type: application/json)." },
  PAYLOAD_TOO_LARGE: { vi: `Nội dung quá lớn (tối đa ${MAX_BODY_BYTES / 1024} KB).`, en: `The body is too large (at most ${MAX_BODY_BYTES / 1024} KB).` },
  INVALID_JSON: { vi: "Nội dung không phải JSON hợp lệ.", en: "The body is not valid JSON." },
  INVALID_INPUT: { vi: "Dữ liệu không hợp lệ.", en: "The input is invalid." },
  INVALID_IDEMPOTENCY_KEY: { vi: "Idempotency-Key phải gồm 1–200 ký tự ASCII in được.", en: "Idempotency-Key must be 1–200 printable ASCII characters." },
  NOT_ELIGIBLE: { vi: "Người này không đủ điều kiện nhận nhiệm vụ.", en: "This person may not take the duty." },
  SHIFT_FULL: { vi: "Ca trực đã đủ người.", en: "The shift is full." },
  ALREADY_ASSIGNED: { vi: "Người này đã được phân công vào ca trực này.", en: "This person is already assigned to the shift." },
  ALREADY_REVOKED: { vi: "Chứng nhận đã bị thu hồi trước đó.", en: "The certification was already revoked." },
  IDEMPOTENCY_KEY_REUSED: { vi: "Idempotency-Key này đã được dùng cho một yêu cầu khác.", en: "This Idempotency-Key was used for a different request." },
  IDEMPOTENCY_IN_PROGRESS: { vi: "Một yêu cầu với cùng Idempotency-Key đang được xử lý; hãy thử lại sau.", en: "A request with this Idempotency-Key is still being processed; retry later." },
  BUSY: {
    vi: `Hệ thống đang bận xử lý các thay đổi xung đột; không có gì được ghi. Hãy thử lại sau ${BUSY_RETRY_AFTER_SECONDS} giây.`,
    en: `The system is busy with conflicting changes; nothing was written. Try again in ${BUSY_RETRY_AFTER_SECONDS} seconds.`,
  },
  INTERNAL_ERROR: { vi: "Đã xảy ra lỗi máy chủ.", en: "Internal server error." },
};

export type ErrorExtra = { fields?: Record<string, string>; reasons?: { code: string; message: string }[] };

/** A refusal, turned into the JSON error shape by apiHandler. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly text: Text = DEFAULT_MESSAGES[code],
    readonly extra: ErrorExtra = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${text.en}`);
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

export function errorBody(code: ErrorCode, message: string, extra: ErrorExtra = {}) {
  return { error: { code, message, ...extra } };
}

export function errorResponse(error: ApiError, locale: ApiLocale) {
  const extra = error instanceof InvalidInput ? { fields: fieldErrors(error.issues, locale) } : error.extra;
  return json(errorBody(error.code, error.text[locale], extra), error.status, error.headers);
}

/**
 * Runs an API handler: ApiErrors become their JSON answer; a conflict that
 * outlasted the retries (DatabaseBusyError) a 503 with Retry-After; anything
 * unexpected a JSON 500.
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
    console.error("API error", error);
    return errorResponse(new ApiError(500, "INTERNAL_ERROR"), locale);
  }
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
  const token = await authenticate(request, now);
  if (!token) throw new ApiError(401, "UNAUTHORIZED", undefined, {}, { "WWW-Authenticate": 'Bearer realm="kt1-api"' });
  if (!token.scopes.includes(scope)) {
    throw new ApiError(403, "FORBIDDEN", { vi: `Mã truy cập thiếu quyền "${scope}".`, en: `The token lacks the scope "${scope}".` });
  }
  return token;
}

/** True when a unit (given by its root-to-unit path) is in the token's subtree. */
export function inTokenSubtree(token: AuthenticatedToken, unitPath: readonly number[]) {
  return unitPath.includes(token.unitId);
}

/** 404 NOT_FOUND for `what` (`field` names the parameter that named it, if any). */
export function notFound(what: Text, field?: string): never {
  throw new ApiError(404, "NOT_FOUND", { vi: `Không tìm thấy ${what.vi}.`, en: `${what.en} not found.` }, field ? { fields: { [field]: "unknown" } } : {});
}

/**
 * The one answer for a record a request names: the record when it exists and
 * lies in the token's subtree, else 404 NOT_FOUND. Missing and outside answer
 * alike, so a token cannot probe which codes exist elsewhere (decision 035).
 */
export function requireInScope<T>(token: AuthenticatedToken, record: T | null | undefined, pathOf: (record: T) => readonly number[], what: Text, field?: string): T {
  if (record === null || record === undefined || !inTokenSubtree(token, pathOf(record))) notFound(what, field);
  return record;
}

export async function unitInScope(token: AuthenticatedToken, code: string, field = "unit") {
  const unit = await getDb().unit.findUnique({ where: { code }, select: { id: true, code: true, path: true } });
  return requireInScope(token, unit, (u) => u.path, { vi: `đơn vị ${code}`, en: `Unit ${code}` }, field);
}

export async function stationInScope(token: AuthenticatedToken, code: string, field = "station") {
  const station = await getDb().station.findUnique({ where: { code }, include: { unit: { select: { code: true, path: true } } } });
  return requireInScope(token, station, (s) => s.unit.path, { vi: `trạm ${code}`, en: `Station ${code}` }, field);
}

// ---------------------------------------------------------------------------
// Input: bodies, query strings, field errors
// ---------------------------------------------------------------------------

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

const FIELD_TEXT = {
  required: { vi: "bắt buộc", en: "required" },
  unknown: { vi: "trường không được hỗ trợ", en: "unknown field" },
  dateTime: {
    vi: "phải là thời điểm ISO 8601 có múi giờ, ví dụ 2026-12-01T08:00:00+07:00",
    en: "must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T08:00:00+07:00",
  },
  END_NOT_AFTER_START: { vi: "phải sau thời điểm bắt đầu", en: "must be after the start" },
  DUTY_TOO_LONG: { vi: "ca trực dài tối đa 24 giờ", en: "a duty lasts at most 24 hours" },
  TO_NOT_AFTER_FROM: { vi: "phải sau from", en: "must be after from" },
  BLANK: { vi: "không được để trống", en: "must not be blank" },
  INTEGER: { vi: "phải là số nguyên dương", en: "must be a positive integer" },
  CURSOR: { vi: "con trỏ phân trang không hợp lệ", en: "not a valid page cursor" },
  YEAR_RANGE: { vi: `năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`, en: `the year must be from ${MIN_YEAR} to ${MAX_YEAR}` },
  repeated: { vi: "chỉ được xuất hiện một lần", en: "must appear once" },
} satisfies Record<string, Text>;

const TYPE_NAMES: Record<string, Text> = {
  string: { vi: "chuỗi", en: "a string" },
  number: { vi: "số", en: "a number" },
  boolean: { vi: "true/false", en: "a boolean" },
  object: { vi: "đối tượng JSON", en: "a JSON object" },
  array: { vi: "mảng", en: "an array" },
};

function fieldKey(path: readonly PropertyKey[]) {
  return path.length ? path.map(String).join(".") : "body";
}

/** One message per field, in the response language. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], locale: ApiLocale): Record<string, string> {
  const fields: Record<string, string> = {};
  const put = (key: string, text: string) => {
    fields[key] ??= text;
  };
  for (const issue of issues) {
    const key = fieldKey(issue.path);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const k of issue.keys) put(fieldKey([...issue.path, k]), FIELD_TEXT.unknown[locale]);
        break;
      case "invalid_type": {
        if (issue.input === undefined) put(key, FIELD_TEXT.required[locale]);
        else {
          const name = TYPE_NAMES[issue.expected]?.[locale] ?? issue.expected;
          put(key, locale === "vi" ? `phải là ${name}` : `must be ${name}`);
        }
        break;
      }
      case "invalid_format":
        put(key, issue.format === "datetime" ? FIELD_TEXT.dateTime[locale] : locale === "vi" ? "sai định dạng" : "invalid format");
        break;
      case "too_small":
      case "too_big": {
        const bound = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
        if (issue.origin === "string") {
          put(key, issue.code === "too_small" ? (locale === "vi" ? `tối thiểu ${bound} ký tự` : `at least ${bound} characters`) : locale === "vi" ? `tối đa ${bound} ký tự` : `at most ${bound} characters`);
        } else {
          put(key, issue.code === "too_small" ? (locale === "vi" ? `tối thiểu ${bound}` : `at least ${bound}`) : locale === "vi" ? `tối đa ${bound}` : `at most ${bound}`);
        }
        break;
      }
      case "invalid_value":
        put(key, (locale === "vi" ? "phải là một trong: " : "must be one of: ") + issue.values.map(String).join(", "));
        break;
      default: {
        const known = (FIELD_TEXT as Record<string, Text>)[issue.message];
        put(key, known ? known[locale] : issue.message);
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
export function fieldError(field: string, message: keyof typeof FIELD_TEXT): never {
  invalidInput([{ code: "custom", path: field.split("."), message, input: undefined }]);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
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
    throw new ApiError(400, "INVALID_JSON", { vi: "Không đọc được nội dung yêu cầu.", en: "The request body could not be read." });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "INVALID_JSON", { vi: "Nội dung không phải UTF-8 hợp lệ.", en: "The body is not valid UTF-8." });
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
  if (media !== "application/json" || (charset && charset !== "utf-8" && charset !== "utf8")) throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE");
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
