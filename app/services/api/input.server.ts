// The input side of /api/v1's conventions (http.server.ts has the rest):
// strict JSON bodies and query strings checked by zod schemas, field errors in
// the response language, the schemas the routes share, and paging.
import { z } from "zod";
import { canonicalJson, sha256Hex } from "~/domain/hashing.ts";
import { DAY_MS } from "~/domain/time/calendar.ts";
import { translate, type MessageKey, type Params } from "~/i18n/index.ts";
import { parseId } from "~/utils/ids.ts";
import { ApiError, type ApiLocale, type ErrorExtra } from "./http.server.ts";

const MAX_DUTY_MS = DAY_MS;
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 100;

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

  override extraIn(locale: ApiLocale): ErrorExtra {
    return { fields: fieldErrors(this.issues, locale) };
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
