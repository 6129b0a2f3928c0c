// The building blocks of the OpenAPI document (openapi.ts): schema helpers,
// the shared error answers and headers, and the components every path refers to.
import { OBLIGATION_STATUSES } from "~/domain/obligations/status.ts";
import { ALL_REASON_CODES } from "~/domain/roster/eligibility.ts";
import { ERROR_CODES, MAX_BODY_BYTES } from "./http.server.ts";
import { MAX_PAGE, DEFAULT_PAGE } from "./input.server.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { [key: string]: Json };

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const str = (description?: string): Schema => (description ? { type: "string", description } : { type: "string" });
export const dateTime = (description: string): Schema => ({ type: "string", format: "date-time", description });
/** An object schema that may also be null. */
export const nullable = (description: string, properties: Record<string, Schema>): Schema => ({
  ...object(properties, description),
  type: ["object", "null"],
});
export const object = (properties: Record<string, Schema>, description?: string, required = Object.keys(properties)): Schema => ({
  type: "object",
  ...(description ? { description } : {}),
  properties,
  required,
  additionalProperties: false,
});
export const jsonContent = (schema: Schema) => ({ "application/json": { schema } });
export const errorResponse = (description: string) => ({ description, content: jsonContent(ref("Error")) });
export const respRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

export const DATE_TIME_RULE =
  "ISO 8601 / RFC 3339 date-time with an offset (Z or ±hh:mm), e.g. 2026-12-01T08:00:00+07:00. Times without an offset are refused.";
export const INTERVAL_RULE = "`end` must be after `start`; a duty lasts at most 24 hours.";

export const commonErrors = {
  "401": respRef("Unauthorized"),
  "403": respRef("Forbidden"),
  "500": respRef("InternalError"),
  "503": respRef("Busy"),
};

export const readErrors = { "400": respRef("InvalidQuery"), ...commonErrors };

export const pageHeaders = {
  Link: { description: 'Present when there is a next page: `<path?…&cursor=N>; rel="next"`.', schema: { type: "string" } },
  "X-Next-Cursor": { description: "Present when there is a next page: the `cursor` value to ask for it.", schema: { type: "string" } },
};

export const queryParam = (name: string, description: string, schema: Schema, required = false) => ({
  name,
  in: "query",
  required,
  description,
  schema,
});

export const components = {
  securitySchemes: {
    bearerAuth: { type: "http", scheme: "bearer", description: "An API token, `kt1_` followed by 32 base32 characters." },
  },
  parameters: {
    Limit: {
      name: "limit",
      in: "query",
      required: false,
      description: `Page size, 1–${MAX_PAGE} (default ${DEFAULT_PAGE}).`,
      schema: { type: "integer", minimum: 1, maximum: MAX_PAGE },
    },
    Cursor: {
      name: "cursor",
      in: "query",
      required: false,
      description: "From the previous page's X-Next-Cursor header.",
      schema: { type: "string" },
    },
    IdempotencyKey: {
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "1–200 printable ASCII characters, unique per intended request (e.g. a UUID). Kept per token.",
      schema: { type: "string", minLength: 1, maxLength: 200 },
    },
    AcceptLanguage: {
      name: "Accept-Language",
      in: "header",
      required: false,
      description: "`en` for English messages; Vietnamese otherwise.",
      schema: { type: "string" },
    },
  },
  responses: {
    Unauthorized: {
      description: "UNAUTHORIZED: no token, a malformed one, an unknown one or a revoked one.",
      headers: { "WWW-Authenticate": { schema: { type: "string" } } },
      content: jsonContent(ref("Error")),
    },
    Forbidden: errorResponse("FORBIDDEN: the token lacks the scope."),
    NotFound: errorResponse(
      "NOT_FOUND: a unit, station, person, duty type, assignment or certification that is unknown or outside the token's subtree (the same answer for both; `fields` names the parameter when there is one).",
    ),
    InvalidQuery: errorResponse(
      "INVALID_INPUT: a query parameter is missing, malformed, unknown or repeated; `fields` says which and why.",
    ),
    InvalidBody: errorResponse(
      `INVALID_JSON: the body is not JSON (or not UTF-8); INVALID_INPUT: wrong types, missing or unknown fields, a time without offset, ${INTERVAL_RULE} (\`fields\` says which); INVALID_IDEMPOTENCY_KEY.`,
    ),
    PayloadTooLarge: errorResponse(`PAYLOAD_TOO_LARGE: the body is over ${MAX_BODY_BYTES} bytes.`),
    UnsupportedMediaType: errorResponse("UNSUPPORTED_MEDIA_TYPE: Content-Type is not application/json (UTF-8)."),
    InternalError: errorResponse("INTERNAL_ERROR."),
    Busy: {
      description:
        "BUSY: conflicting changes (a deadlock or serialization failure) outlasted the server's retries; nothing was written. UNAVAILABLE: the database cannot be reached for now (a write may or may not have been made: retry it with the same Idempotency-Key). Retry after `Retry-After` seconds.",
      headers: { "Retry-After": { schema: { type: "integer" } } },
      content: jsonContent(ref("Error")),
    },
  },
  schemas: {
    Error: object({
      error: object(
        {
          code: { type: "string", enum: [...ERROR_CODES] },
          message: str("Human-readable, Vietnamese or (Accept-Language: en) English."),
          fields: {
            type: "object",
            description: "INVALID_INPUT / NOT_FOUND: a message per field (dotted path; `body` for the whole body).",
            additionalProperties: { type: "string" },
          },
          reasons: { type: "array", description: "NOT_ELIGIBLE: every reason.", items: ref("Reason") },
        },
        undefined,
        ["code", "message"],
      ),
    }),
    Reason: object({
      code: { type: "string", enum: [...ALL_REASON_CODES] },
      message: str("Vietnamese, or English with Accept-Language: en."),
    }),
    DutyType: object({
      code: str(),
      name: str(),
      requirements: object({
        certificationTypes: { type: "array", description: "Certification type codes, all required.", items: { type: "string" } },
        minExperienceMonths: { type: "integer", minimum: 0 },
        requiresCommitment: { type: "boolean", description: "A signed commitment to protect state secrets must be on file." },
      }),
    }),
    Station: object({ code: str(), name: str(), unitCode: str() }),
    StaffMember: object({
      employeeCode: str(),
      fullName: str(),
      unitCode: str(),
      status: { type: "string", enum: ["ACTIVE", "LEFT"] },
      certifications: { type: "array", items: ref("StaffCertification") },
    }),
    StaffObligations: object({
      employeeCode: str(),
      obligations: { type: "array", items: ref("Obligation") },
      commitment: ref("CommitmentObligation"),
    }),
    CommitmentObligation: nullable(
      "The signed commitment to protect state secrets; null when the person need not sign or no text is published.",
      {
        status: {
          type: "string",
          enum: ["COMPLIANT", "DUE", "OVERDUE"],
          description: "Now; a new text makes an older signature DUE again.",
        },
        dueOn: { type: ["string", "null"], format: "date", description: "Day the current text must be signed by; null when signed." },
        version: { type: "integer", description: "The current text's number." },
        signedOn: {
          type: ["string", "null"],
          format: "date",
          description: "Day the current text was signed, or an earlier text when the signature is stale; null when never signed.",
        },
      },
    ),
    Obligation: object({
      certificationType: str("Certification type code, e.g. KT1-BUU-DIEN."),
      status: { type: "string", enum: [...OBLIGATION_STATUSES], description: "Now." },
      dueOn: {
        type: ["string", "null"],
        format: "date",
        description: "Day a valid certification is or was needed by (Asia/Ho_Chi_Minh); null when compliant.",
      },
      validUntil: {
        type: ["string", "null"],
        format: "date",
        description:
          "Last day covered by the person's certifications (across early renewals), or of the last one held; null when never held.",
      },
    }),
    StaffCertification: object({
      type: str("Certification type code."),
      serial: str(),
      status: { type: "string", enum: ["VALID", "EXPIRED", "REVOKED", "NOT_YET_VALID"], description: "Now." },
      validFrom: { type: "string", format: "date", description: "First valid day (Asia/Ho_Chi_Minh)." },
      validUntil: { type: "string", format: "date", description: "Last valid day, inclusive." },
    }),
    Eligibility: object({ eligible: { type: "boolean" }, reasons: { type: "array", items: ref("Reason") } }),
    Assignment: object({
      id: { type: "integer" },
      employeeCode: str(),
      dutyType: str("Duty type code."),
      station: str("Station code."),
      start: dateTime("Shift start (UTC)."),
      end: dateTime("Shift end (UTC)."),
      status: { type: "string", enum: ["ACTIVE", "CANCELLED"] },
      cancelReason: {
        type: ["string", "null"],
        description: "e.g. CANCELLED_VIA_API, CERTIFICATION_REVOKED, PERSON_LEFT, REQUIREMENT_LOST.",
      },
      cancelledAt: { type: ["string", "null"], format: "date-time" },
    }),
    AssignmentRequest: object({
      employeeCode: { type: "string", minLength: 1, maxLength: 64 },
      dutyType: { type: "string", minLength: 1, maxLength: 64, description: "Duty type code." },
      station: { type: "string", minLength: 1, maxLength: 64, description: "Station code." },
      start: dateTime(DATE_TIME_RULE),
      end: dateTime(`${DATE_TIME_RULE} ${INTERVAL_RULE}`),
    }),
    CancelResult: object({ id: { type: "integer" }, status: { type: "string", enum: ["CANCELLED"] } }),
    RevokeRequest: object({ reason: { type: "string", minLength: 3, maxLength: 500, description: "Why (kept in the audit log)." } }),
    RevokeResult: object({
      serial: str(),
      status: { type: "string", enum: ["REVOKED"] },
      cancelledAssignmentIds: { type: "array", items: { type: "integer" } },
    }),
  },
} as const;
