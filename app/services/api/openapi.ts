// The OpenAPI 3.1 description of /api/v1, written by hand to match the routes
// in app/routes/api.v1.*. tests/integration/api-roster.test.ts checks every
// real response against the schemas here (their parts: openapi-parts.ts).
import { MAX_BODY_BYTES } from "./http.server.ts";
import { MAX_PAGE, DEFAULT_PAGE } from "./input.server.ts";
import {
  commonErrors,
  components,
  DATE_TIME_RULE,
  errorResponse,
  INTERVAL_RULE,
  jsonContent,
  pageHeaders,
  queryParam,
  readErrors,
  ref,
  respRef,
} from "./openapi-parts.ts";
import { API_SCOPES } from "./tokens.server.ts";

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
  components,
} as const;
