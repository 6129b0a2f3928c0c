// The OpenAPI 3.1 description of /api/v1, written by hand to match the routes
// in app/routes/api.v1.*. tests/integration/api-roster.test.ts checks every
// real response against the schemas here.
import { OBLIGATION_STATUSES } from "~/domain/obligations/status.ts";
import { ALL_REASON_CODES } from "~/domain/roster/eligibility.ts";
import { ERROR_CODES, MAX_BODY_BYTES, MAX_PAGE, DEFAULT_PAGE } from "./http.server.ts";
import { API_SCOPES } from "./tokens.server.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): Schema => (description ? { type: "string", description } : { type: "string" });
const dateTime = (description: string): Schema => ({ type: "string", format: "date-time", description });
/** An object schema that may also be null. */
const nullable = (description: string, properties: Record<string, Schema>): Schema => ({
  ...object(properties, description),
  type: ["object", "null"],
});
const object = (properties: Record<string, Schema>, description?: string, required = Object.keys(properties)): Schema => ({
  type: "object",
  ...(description ? { description } : {}),
  properties,
  required,
  additionalProperties: false,
});
const jsonContent = (schema: Schema) => ({ "application/json": { schema } });
const errorResponse = (description: string) => ({ description, content: jsonContent(ref("Error")) });
const respRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

const DATE_TIME_RULE =
  "ISO 8601 / RFC 3339 date-time with an offset (Z or ±hh:mm), e.g. 2026-12-01T08:00:00+07:00. Times without an offset are refused.";
const INTERVAL_RULE = "`end` must be after `start`; a duty lasts at most 24 hours.";

const commonErrors = {
  "401": respRef("Unauthorized"),
  "403": respRef("Forbidden"),
  "500": respRef("InternalError"),
  "503": respRef("Busy"),
};

const readErrors = { "400": respRef("InvalidQuery"), ...commonErrors };

const pageHeaders = {
  Link: { description: 'Present when there is a next page: `<path?…&cursor=N>; rel="next"`.', schema: { type: "string" } },
  "X-Next-Cursor": { description: "Present when there is a next page: the `cursor` value to ask for it.", schema: { type: "string" } },
};

const queryParam = (name: string, description: string, schema: Schema, required = false) => ({
  name,
  in: "query",
  required,
  description,
  schema,
});

export const openApiDocument = {
  openapi: "3.1.0",
  jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
  info: {
    title: "KT1 Academy roster API",
    version: "1.0.0",
    description: [
      "Read the KT1 duty roster, check eligibility, assign and cancel duties, revoke certifications.",
      "",
      "Authentication: `Authorization: Bearer kt1_…` (tokens are created with `npm run admin -- token:create` or on /admin/tokens). A token acts for one unit and its subtree; anything outside answers `404 NOT_FOUND`, exactly as if it did not exist. Scopes: " +
        API_SCOPES.join(", ") +
        ". Reads need roster:read; POST/DELETE /assignments need roster:write; revocation needs certifications:revoke; obligations need compliance:read. Requests carry no cookies.",
      "",
      'Errors have one shape: `{ "error": { "code", "message", "fields"?, "reasons"? } }`. Messages are Vietnamese; send `Accept-Language: en` for English. A method a path does not serve answers 405 METHOD_NOT_ALLOWED (with `Allow`); an unknown /api/v1 path 404 NOT_FOUND, in the same shape.',
      "",
      `Request bodies: \`Content-Type: application/json\` (else 415), at most ${MAX_BODY_BYTES} bytes (else 413), well-formed JSON (else 400 INVALID_JSON), no unknown fields (else 400 INVALID_INPUT with \`fields\`). Query strings likewise refuse unknown or repeated parameters; empty values count as absent.`,
      "",
      `Lists that page take \`limit\` (1–${MAX_PAGE}, default ${DEFAULT_PAGE}) and \`cursor\`; the next page's cursor comes in the \`X-Next-Cursor\` and \`Link\` headers.`,
    ].join("\n"),
  },
  servers: [{ url: "/" }],
  security: [{ bearerAuth: [] }],
  paths: {
    "/api/v1/duty-types": {
      get: {
        operationId: "listDutyTypes",
        summary: "Duty types and their requirements",
        description: "Scope roster:read.",
        parameters: [{ $ref: "#/components/parameters/AcceptLanguage" }],
        responses: {
          "200": { description: "Every duty type, by code.", content: jsonContent({ type: "array", items: ref("DutyType") }) },
          ...readErrors,
        },
      },
    },
    "/api/v1/stations": {
      get: {
        operationId: "listStations",
        summary: "Stations in the token's unit subtree",
        description: "Scope roster:read.",
        parameters: [{ $ref: "#/components/parameters/AcceptLanguage" }],
        responses: {
          "200": { description: "The stations, by code.", content: jsonContent({ type: "array", items: ref("Station") }) },
          ...readErrors,
        },
      },
    },
    "/api/v1/staff": {
      get: {
        operationId: "listStaff",
        summary: "People in a unit's subtree, with their certifications",
        description: "Scope roster:read. People of both statuses are listed, in a stable order (paged).",
        parameters: [
          queryParam("unit", "Unit code; default the token's unit. A unit that is unknown or outside the token's subtree is 404.", {
            type: "string",
          }),
          { $ref: "#/components/parameters/Limit" },
          { $ref: "#/components/parameters/Cursor" },
          { $ref: "#/components/parameters/AcceptLanguage" },
        ],
        responses: {
          "200": {
            description: "One page of people.",
            headers: pageHeaders,
            content: jsonContent({ type: "array", items: ref("StaffMember") }),
          },
          ...readErrors,
          "404": respRef("NotFound"),
        },
      },
    },
    "/api/v1/staff/{employeeCode}/obligations": {
      get: {
        operationId: "getStaffObligations",
        summary: "The certifications a person must hold, and the status of each",
        description:
          "Scope compliance:read. The person must be in the token's subtree. Obligations come from the requirement rules (position, unit kind, access to state secrets); a person who left has none. " +
          "`dueOn` is the day a valid certification is (or was) needed by: the due date while DUE or OVERDUE, the end of validity while EXPIRING or EXPIRED, the day of revocation when REVOKED, null when COMPLIANT.",
        parameters: [
          { name: "employeeCode", in: "path", required: true, description: "The person's employee code.", schema: { type: "string" } },
          { $ref: "#/components/parameters/AcceptLanguage" },
        ],
        responses: {
          "200": { description: "The person's obligations, by certification type code.", content: jsonContent(ref("StaffObligations")) },
          ...commonErrors,
          "404": respRef("NotFound"),
        },
      },
    },
    "/api/v1/eligibility": {
      get: {
        operationId: "checkEligibility",
        summary: "May this person take this duty?",
        description: `Scope roster:read. The same rule the database enforces on every assignment. ${INTERVAL_RULE} Station and person must be in the token's subtree.`,
        parameters: [
          queryParam("employeeCode", "The person's employee code.", { type: "string" }, true),
          queryParam("dutyType", "Duty type code.", { type: "string" }, true),
          queryParam("station", "Station code.", { type: "string" }, true),
          queryParam("start", `Duty start. ${DATE_TIME_RULE}`, { type: "string", format: "date-time" }, true),
          queryParam("end", `Duty end. ${DATE_TIME_RULE}`, { type: "string", format: "date-time" }, true),
          { $ref: "#/components/parameters/AcceptLanguage" },
        ],
        responses: {
          "200": {
            description: "The answer, with every reason when not eligible (messages in the requested language).",
            content: jsonContent(ref("Eligibility")),
          },
          ...readErrors,
          "404": respRef("NotFound"),
        },
      },
    },
    "/api/v1/assignments": {
      get: {
        operationId: "listAssignments",
        summary: "Assignments, active and cancelled",
        description:
          "Scope roster:read. Assignments at the token's stations (or one station) whose shifts overlap [from, to), by id (paged).",
        parameters: [
          queryParam("station", "Station code (in the token's subtree).", { type: "string" }),
          queryParam("from", `Shifts ending after this instant. ${DATE_TIME_RULE}`, { type: "string", format: "date-time" }),
          queryParam("to", `Shifts starting before this instant; must be after \`from\`. ${DATE_TIME_RULE}`, {
            type: "string",
            format: "date-time",
          }),
          { $ref: "#/components/parameters/Limit" },
          { $ref: "#/components/parameters/Cursor" },
          { $ref: "#/components/parameters/AcceptLanguage" },
        ],
        responses: {
          "200": {
            description: "One page of assignments.",
            headers: pageHeaders,
            content: jsonContent({ type: "array", items: ref("Assignment") }),
          },
          ...readErrors,
          "404": respRef("NotFound"),
        },
      },
      post: {
        operationId: "createAssignment",
        summary: "Assign a person to a duty",
        description:
          "Scope roster:write. Joins the shift at that station with that duty type and exactly that start and end; when there is none, creates it (headcount 1) first. " +
          "The eligibility rule is checked (and enforced again by the database); a refusal is logged with the token. " +
          "With `Idempotency-Key`, the first answer (201, 409 SHIFT_FULL/ALREADY_ASSIGNED or 422 NOT_ELIGIBLE) is stored: a retry with the same key and body gets it again (header `Idempotent-Replayed: true`); the same key with another body is 422 IDEMPOTENCY_KEY_REUSED. " +
          "Answers given before the work starts (400, 401, 403, 404, 413, 415) are not stored.",
        parameters: [{ $ref: "#/components/parameters/IdempotencyKey" }, { $ref: "#/components/parameters/AcceptLanguage" }],
        requestBody: { required: true, content: jsonContent(ref("AssignmentRequest")) },
        responses: {
          "201": {
            description: "Assigned.",
            headers: {
              Location: { description: "/api/v1/assignments/{id}", schema: { type: "string" } },
              "Idempotent-Replayed": {
                description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key.",
                schema: { type: "string", enum: ["true"] },
              },
            },
            content: jsonContent(ref("Assignment")),
          },
          "400": respRef("InvalidBody"),
          ...commonErrors,
          "404": respRef("NotFound"),
          "409": errorResponse(
            "SHIFT_FULL or ALREADY_ASSIGNED; IDEMPOTENCY_IN_PROGRESS while a request with the same key is still running (retry later).",
          ),
          "413": respRef("PayloadTooLarge"),
          "415": respRef("UnsupportedMediaType"),
          "422": errorResponse("NOT_ELIGIBLE (with `reasons`), or IDEMPOTENCY_KEY_REUSED."),
        },
      },
    },
    "/api/v1/assignments/{id}": {
      delete: {
        operationId: "cancelAssignment",
        summary: "Cancel an assignment",
        description:
          "Scope roster:write. The assignment stays as history with status CANCELLED (reason CANCELLED_VIA_API). Cancelling a cancelled assignment answers the same.",
        parameters: [
          { name: "id", in: "path", required: true, description: "Assignment id.", schema: { type: "integer" } },
          { $ref: "#/components/parameters/AcceptLanguage" },
        ],
        responses: {
          "200": { description: "Cancelled.", content: jsonContent(ref("CancelResult")) },
          ...commonErrors,
          "404": respRef("NotFound"),
          "422": errorResponse("NOT_ELIGIBLE (with `reasons`): it would leave a complete two-person shift without its pair."),
        },
      },
    },
    "/api/v1/certifications/{serial}/revoke": {
      post: {
        operationId: "revokeCertification",
        summary: "Revoke a certification",
        description:
          "Scope certifications:revoke. The holder must be in the token's subtree. The holder's assignments that end after now and relied on it are cancelled (reason CERTIFICATION_REVOKED); their ids are returned. Audited with the token.",
        parameters: [
          {
            name: "serial",
            in: "path",
            required: true,
            description: "Certification serial, e.g. KT1-2026-000012.",
            schema: { type: "string" },
          },
          { $ref: "#/components/parameters/AcceptLanguage" },
        ],
        requestBody: { required: true, content: jsonContent(ref("RevokeRequest")) },
        responses: {
          "200": { description: "Revoked.", content: jsonContent(ref("RevokeResult")) },
          "400": respRef("InvalidBody"),
          ...commonErrors,
          "404": respRef("NotFound"),
          "409": errorResponse("ALREADY_REVOKED."),
          "413": respRef("PayloadTooLarge"),
          "415": respRef("UnsupportedMediaType"),
        },
      },
    },
    "/api/v1/openapi.json": {
      get: {
        operationId: "openApi",
        summary: "This document",
        security: [],
        responses: { "200": { description: "The OpenAPI 3.1 document.", content: jsonContent({ type: "object" }) } },
      },
    },
  },
  components: {
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
  },
} as const;
