// The roster API (/api/v1) end to end through its route modules: each request
// is a real Request handed to the route's loader or action, against this
// file's database. Every JSON answer is checked against the OpenAPI document.
import { beforeAll, describe, expect, it } from "vitest";
import * as assignmentById from "~/routes/api.v1/api.v1.assignments.$id.tsx";
import * as assignments from "~/routes/api.v1/api.v1.assignments._index.tsx";
import * as revoke from "~/routes/api.v1/api.v1.certifications.$serial.revoke.tsx";
import * as dutyTypes from "~/routes/api.v1/api.v1.duty-types.tsx";
import * as eligibility from "~/routes/api.v1/api.v1.eligibility.tsx";
import * as openapi from "~/routes/api.v1/api.v1.openapi[.]json.tsx";
import * as staff from "~/routes/api.v1/api.v1.staff.tsx";
import * as staffObligations from "~/routes/api.v1/api.v1.staff_.$employeeCode.obligations.tsx";
import * as stations from "~/routes/api.v1/api.v1.stations.tsx";
import * as fallback from "~/routes/api.v1/api.v1.$.tsx";
import { openApiDocument } from "~/services/api/openapi.ts";
import { assignViaApi } from "~/services/api/roster-api.server.ts";
import { rosterTargets } from "~/services/api/roster-targets.server.ts";
import { createApiToken, revokeApiToken } from "~/services/api/tokens.server.ts";
import { verifyAuditChain } from "~/services/audit-verify.server.ts";
import { readContentFiles } from "~/services/content/files.server.ts";
import { syncContent } from "~/services/content/sync.server.ts";
import { issueCertification } from "~/services/exams/certifications.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { DAY_MS, dayOf, fromDateColumn } from "~/domain/time/calendar.ts";
import { confirmedSessionLine, makePerson, makeUnit } from "../support/factories.ts";
import { assertDocumented, validate } from "../support/openapi-check.ts";
import { signOnPaper } from "../support/commitment.ts";

type Handler = (args: { request: Request; params: Record<string, string>; context: never }) => Promise<Response> | Response;
type RouteModule = { loader?: unknown; action?: unknown };
const doc = openApiDocument as unknown as Record<string, unknown>;

const ROUTES: { pattern: RegExp; template: string; module: RouteModule; params?: string[] }[] = [
  { pattern: /^\/api\/v1\/duty-types$/, template: "/api/v1/duty-types", module: dutyTypes },
  { pattern: /^\/api\/v1\/stations$/, template: "/api/v1/stations", module: stations },
  { pattern: /^\/api\/v1\/staff$/, template: "/api/v1/staff", module: staff },
  // Tested in tests/integration/obligations.test.ts.
  {
    pattern: /^\/api\/v1\/staff\/([^/]+)\/obligations$/,
    template: "/api/v1/staff/{employeeCode}/obligations",
    module: staffObligations,
    params: ["employeeCode"],
  },
  { pattern: /^\/api\/v1\/eligibility$/, template: "/api/v1/eligibility", module: eligibility },
  { pattern: /^\/api\/v1\/assignments$/, template: "/api/v1/assignments", module: assignments },
  { pattern: /^\/api\/v1\/assignments\/([^/]+)$/, template: "/api/v1/assignments/{id}", module: assignmentById, params: ["id"] },
  {
    pattern: /^\/api\/v1\/certifications\/([^/]+)\/revoke$/,
    template: "/api/v1/certifications/{serial}/revoke",
    module: revoke,
    params: ["serial"],
  },
  { pattern: /^\/api\/v1\/openapi\.json$/, template: "/api/v1/openapi.json", module: openapi },
  { pattern: /^\/api\/v1\/.*$/, template: "", module: fallback },
];

type Answer = {
  status: number;
  body: Record<string, unknown> & {
    error?: { code: string; message: string; fields?: Record<string, string>; reasons?: { code: string; message: string }[] };
  };
  headers: Headers;
};

/** One API request through the route modules; the answer must be JSON and, when documented, match the document. */
async function api(
  method: string,
  pathAndQuery: string,
  opts: { token?: string | null; json?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer & { list: Record<string, unknown>[] }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.json !== undefined || opts.raw !== undefined) {
    headers["Content-Type"] = "application/json";
    body = opts.raw ?? JSON.stringify(opts.json);
  }
  Object.assign(headers, opts.headers);
  const request = new Request(`http://localhost${pathAndQuery}`, { method, headers, body });
  const pathname = new URL(request.url).pathname;
  const route = ROUTES.find((r) => r.pattern.test(pathname));
  if (!route) throw new Error(`no route for ${pathname}`);
  const match = route.pattern.exec(pathname) as RegExpExecArray;
  const params = Object.fromEntries((route.params ?? []).map((name, i) => [name, decodeURIComponent(match[i + 1])]));
  const handler = (method === "GET" || method === "HEAD" ? route.module.loader : route.module.action) as Handler | undefined;
  if (!handler) throw new Error(`${method} ${pathname}: the route has no handler`);
  const res = await handler({ request, params, context: {} as never });
  expect(res.headers.get("content-type"), `${method} ${pathAndQuery}`).toMatch(/^application\/json/);
  const parsed = JSON.parse(await res.text());
  if (route.template && res.status !== 405) assertDocumented(doc, route.template, method, res.status, parsed);
  else expect(validate(doc, { $ref: "#/components/schemas/Error" }, parsed)).toEqual([]);
  return { status: res.status, body: parsed, list: Array.isArray(parsed) ? parsed : [], headers: res.headers };
}

const now = new Date();
/** A Vietnam day `n` days from now, and times on it with the +07:00 offset. */
const day = (n: number) => dayOf(new Date(now.getTime() + n * DAY_MS));
const at = (n: number, hhmm: string) => `${day(n)}T${hhmm}:00+07:00`;

let world: Awaited<ReturnType<typeof setUp>>;

async function certify(personId: number, certificationTypeId: number) {
  const line = await confirmedSessionLine({ personId, certificationTypeId, heldOn: dayOf(now), at: now });
  return getDb().$transaction((tx) =>
    issueCertification(
      tx,
      { personId, certificationTypeId, source: "IN_PERSON", trainingAttendanceId: line.attendanceId },
      line.confirmerId,
      now,
    ),
  );
}

async function setUp() {
  const db = getDb();
  await syncContent(await readContentFiles(), now);
  const certType = await db.certificationType.findUniqueOrThrow({ where: { code: "KT1-BUU-DIEN" } });
  const root = await makeUnit({ kind: "PROVINCE" });
  const inside = await makeUnit({ parentId: root.id, kind: "POST_OFFICE" });
  const below = await makeUnit({ parentId: inside.id, kind: "STATION" });
  const outside = await makeUnit({ parentId: root.id, kind: "POST_OFFICE" });
  const dutyType = await db.dutyType.create({
    data: {
      code: `KT-API-${inside.id}`,
      name: "Khai thác bưu gửi KT1",
      minExperienceMonths: 6,
      requiresCommitment: true,
      requiredCertifications: { create: { certificationTypeId: certType.id } },
    },
  });
  const station = await db.station.create({ data: { code: `ST-IN-${inside.id}`, name: "Bưu cục KT1 trong", unitId: below.id } });
  const otherStation = await db.station.create({ data: { code: `ST-OUT-${outside.id}`, name: "Bưu cục KT1 ngoài", unitId: outside.id } });

  const qualified = async (unitId: number, fullName: string) => {
    const person = await makePerson({ unitId, fullName, withAccount: false });
    await db.person.update({ where: { id: person.id }, data: { workStartedOn: new Date("2015-01-01T00:00:00Z") } });
    await signOnPaper(person.id, "2015-02-01");
    const cert = await certify(person.id, certType.id);
    return { ...person, cert };
  };
  const anna = await qualified(below.id, "Nguyễn Thị An");
  const binh = await qualified(inside.id, "Trần Văn Bình");
  const newcomer = await makePerson({ unitId: below.id, fullName: "Lê Mới", withAccount: false });
  const stranger = await qualified(outside.id, "Phạm Ngoài");

  const all = await createApiToken(
    { name: "Điều hành", unitCode: inside.code, scopes: ["roster:read", "roster:write", "certifications:revoke"] },
    null,
    now,
  );
  const readOnly = await createApiToken({ name: "Chỉ đọc", unitCode: inside.code, scopes: ["roster:read"] }, null, now);
  const writeOnly = await createApiToken({ name: "Chỉ ghi", unitCode: inside.code, scopes: ["roster:write"] }, null, now);
  const revoked = await createApiToken({ name: "Cũ", unitCode: inside.code, scopes: ["roster:read"] }, null, now);
  await revokeApiToken(revoked.id, null, now);
  const outsider = await createApiToken({ name: "Ngoài", unitCode: outside.code, scopes: ["roster:read", "roster:write"] }, null, now);
  return {
    certType,
    root,
    inside,
    below,
    outside,
    dutyType,
    station,
    otherStation,
    anna,
    binh,
    newcomer,
    stranger,
    qualified,
    tokens: { all, readOnly, writeOnly, revoked, outsider },
  };
}

beforeAll(async () => {
  world = await setUp();
}, 120_000);

const T = () => world.tokens.all.token;
const duty = (employeeCode: string, n = 2, from = "08:00", to = "16:00", station = world.station.code) => ({
  employeeCode,
  dutyType: world.dutyType.code,
  station,
  start: at(n, from),
  end: at(n, to),
});

describe("authentication and scopes", () => {
  it("answers 401 UNAUTHORIZED without a token, with a malformed, unknown or revoked one", async () => {
    const cases = [null, "not-a-token", "kt1_short", `kt1_${"a".repeat(32)}`, world.tokens.revoked.token];
    for (const token of cases) {
      const res = await api("GET", "/api/v1/stations", { token });
      expect(res.status, String(token)).toBe(401);
      expect(res.body.error?.code).toBe("UNAUTHORIZED");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    const basic = await api("GET", "/api/v1/stations", { headers: { Authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.status).toBe(401);
  });

  it("answers 403 FORBIDDEN for a missing scope", async () => {
    const post = await api("POST", "/api/v1/assignments", { token: world.tokens.readOnly.token, json: duty(world.anna.employeeCode) });
    expect([post.status, post.body.error?.code]).toEqual([403, "FORBIDDEN"]);
    const del = await api("DELETE", "/api/v1/assignments/1", { token: world.tokens.readOnly.token });
    expect([del.status, del.body.error?.code]).toEqual([403, "FORBIDDEN"]);
    const rev = await api("POST", `/api/v1/certifications/${world.anna.cert.serial}/revoke`, {
      token: world.tokens.readOnly.token,
      json: { reason: "Thử quyền" },
    });
    expect([rev.status, rev.body.error?.code]).toEqual([403, "FORBIDDEN"]);
    const read = await api("GET", "/api/v1/duty-types", { token: world.tokens.writeOnly.token });
    expect([read.status, read.body.error?.code]).toEqual([403, "FORBIDDEN"]);
    expect(read.body.error?.message).toContain("roster:read");
  });

  it("answers 404 NOT_FOUND, as for unknown ones, for units, stations and people outside the token's subtree", async () => {
    const t = T();
    const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
    const checks = [
      await api("GET", `/api/v1/staff?unit=${world.outside.code}`, { token: t }),
      await api("GET", `/api/v1/staff?unit=${world.root.code}`, { token: t }),
      await api("GET", `/api/v1/assignments?station=${world.otherStation.code}`, { token: t }),
      await api(
        "GET",
        `/api/v1/eligibility?${q({ employeeCode: world.anna.employeeCode, dutyType: world.dutyType.code, station: world.otherStation.code, start: at(2, "08:00"), end: at(2, "16:00") })}`,
        { token: t },
      ),
      await api(
        "GET",
        `/api/v1/eligibility?${q({ employeeCode: world.stranger.employeeCode, dutyType: world.dutyType.code, station: world.station.code, start: at(2, "08:00"), end: at(2, "16:00") })}`,
        { token: t },
      ),
      await api("POST", "/api/v1/assignments", {
        token: t,
        json: duty(world.anna.employeeCode, 2, "08:00", "16:00", world.otherStation.code),
      }),
      await api("POST", "/api/v1/assignments", { token: t, json: duty(world.stranger.employeeCode) }),
      await api("POST", `/api/v1/certifications/${world.stranger.cert.serial}/revoke`, { token: t, json: { reason: "Ngoài phạm vi" } }),
    ];
    for (const res of checks) expect([res.status, res.body.error?.code]).toEqual([404, "NOT_FOUND"]);
    // Nothing was written on the way.
    expect(await getDb().assignment.count()).toBe(0);
    expect(await getDb().certification.count({ where: { revokedAt: { not: null } } })).toBe(0);
  });

  it("answers 404 NOT_FOUND for unknown units, stations, people, duty types and serials", async () => {
    const t = T();
    expect((await api("GET", "/api/v1/staff?unit=NO-SUCH-UNIT", { token: t })).status).toBe(404);
    const post = await api("POST", "/api/v1/assignments", {
      token: t,
      json: { ...duty(world.anna.employeeCode), dutyType: "NO-SUCH-DUTY" },
    });
    expect([post.status, post.body.error?.fields]).toEqual([404, { dutyType: "unknown" }]);
    expect((await api("POST", "/api/v1/certifications/KT1-0000-999999/revoke", { token: t, json: { reason: "Không có" } })).status).toBe(
      404,
    );
    expect((await api("GET", "/api/v1/no-such-thing", { token: t })).status).toBe(404);
  });

  it("notes when a token was last used", async () => {
    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: world.tokens.all.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(world.tokens.all.token);
  });
});

describe("reads", () => {
  it("lists duty types with their requirements", async () => {
    const res = await api("GET", "/api/v1/duty-types", { token: world.tokens.readOnly.token });
    expect(res.status).toBe(200);
    expect(res.list).toContainEqual({
      code: world.dutyType.code,
      name: "Khai thác bưu gửi KT1",
      requirements: { certificationTypes: ["KT1-BUU-DIEN"], minExperienceMonths: 6, requiresCommitment: true },
    });
  });

  it("lists only the stations in the token's subtree", async () => {
    const res = await api("GET", "/api/v1/stations", { token: T() });
    expect(res.list).toEqual([{ code: world.station.code, name: "Bưu cục KT1 trong", unitCode: world.below.code }]);
    const other = await api("GET", "/api/v1/stations", { token: world.tokens.outsider.token });
    expect(other.list.map((s) => s.code)).toEqual([world.otherStation.code]);
  });

  it("lists staff of the subtree with certification status, by page", async () => {
    const res = await api("GET", "/api/v1/staff", { token: T() });
    expect(res.status).toBe(200);
    const codes = res.list.map((p) => p.employeeCode);
    expect(codes.sort()).toEqual([world.anna.employeeCode, world.binh.employeeCode, world.newcomer.employeeCode].sort());
    const anna = res.list.find((p) => p.employeeCode === world.anna.employeeCode);
    expect(anna).toMatchObject({ fullName: "Nguyễn Thị An", unitCode: world.below.code, status: "ACTIVE" });
    expect(anna?.certifications).toEqual([
      {
        type: "KT1-BUU-DIEN",
        serial: world.anna.cert.serial,
        status: "VALID",
        validFrom: dayOf(now),
        validUntil: fromDateColumn(world.anna.cert.validUntil),
      },
    ]);
    expect(res.headers.get("x-next-cursor")).toBeNull();

    const narrower = await api("GET", `/api/v1/staff?unit=${world.below.code}`, { token: T() });
    expect(narrower.list.map((p) => p.employeeCode).sort()).toEqual([world.anna.employeeCode, world.newcomer.employeeCode].sort());

    const seen: unknown[] = [];
    let url = "/api/v1/staff?limit=2";
    for (let pages = 0; pages < 5; pages++) {
      const page = await api("GET", url, { token: T() });
      expect(page.list.length).toBeLessThanOrEqual(2);
      seen.push(...page.list.map((p) => p.employeeCode));
      const next = page.headers.get("x-next-cursor");
      if (!next) break;
      expect(page.headers.get("link")).toContain(`cursor=${next}`);
      url = `/api/v1/staff?limit=2&cursor=${next}`;
    }
    expect(seen.sort()).toEqual(codes.sort());

    for (const bad of ["limit=0", "limit=501", "limit=abc", "cursor=x", "unit=a&unit=b", "page=2"]) {
      const r = await api("GET", `/api/v1/staff?${bad}`, { token: T() });
      expect([r.status, r.body.error?.code], bad).toEqual([400, "INVALID_INPUT"]);
    }
  });

  it("answers eligibility with every reason, in Vietnamese or English", async () => {
    const q = (employeeCode: string, extra: Record<string, string> = {}) =>
      `/api/v1/eligibility?${new URLSearchParams({ employeeCode, dutyType: world.dutyType.code, station: world.station.code, start: at(2, "08:00"), end: at(2, "16:00"), ...extra })}`;
    const ok = await api("GET", q(world.anna.employeeCode), { token: T() });
    expect(ok.body).toEqual({ eligible: true, reasons: [] });
    const no = await api("GET", q(world.newcomer.employeeCode), { token: T() });
    expect(no.body.eligible).toBe(false);
    expect(no.body.reasons).toEqual([
      { code: "NO_CERTIFICATION", message: "Chưa có chứng nhận bắt buộc cho nhiệm vụ này." },
      { code: "NO_COMMITMENT", message: "Chưa ký bản cam kết bảo vệ bí mật nhà nước hiện hành (ký trong ứng dụng hoặc bản giấy đã lưu)." },
    ]);
    const en = await api("GET", q(world.newcomer.employeeCode), { token: T(), headers: { "Accept-Language": "en-GB,en;q=0.9,vi;q=0.5" } });
    expect((en.body.reasons as { message: string }[])[0].message).toBe("Holds no certification this duty requires.");
    const noOffset = await api("GET", q(world.anna.employeeCode, { start: `${day(2)}T08:00:00` }), { token: T() });
    expect([noOffset.status, Object.keys(noOffset.body.error?.fields ?? {})]).toEqual([400, ["start"]]);
    const missing = await api("GET", `/api/v1/eligibility?employeeCode=${world.anna.employeeCode}`, {
      token: T(),
      headers: { "Accept-Language": "en" },
    });
    expect(missing.body.error?.fields).toMatchObject({ dutyType: "required", station: "required", start: "required", end: "required" });
  });
});

describe("assigning", () => {
  it("refuses malformed requests with 400/415 and a clear error", async () => {
    const t = T();
    const post = (opts: Parameters<typeof api>[2]) =>
      api("POST", "/api/v1/assignments", { token: t, headers: { "Accept-Language": "en" }, ...opts });
    const good = duty(world.anna.employeeCode);

    const malformed = await post({ raw: '{"employeeCode": "x",' });
    expect([malformed.status, malformed.body.error?.code]).toEqual([400, "INVALID_JSON"]);
    const empty = await post({ raw: "" });
    expect([empty.status, empty.body.error?.code]).toEqual([400, "INVALID_JSON"]);

    const types = await post({ json: { ...good, employeeCode: 42, start: true } });
    expect(types.status).toBe(400);
    expect(types.body.error).toMatchObject({
      code: "INVALID_INPUT",
      fields: { employeeCode: "must be a string", start: "must be a string" },
    });

    const unknown = await post({ json: { ...good, headcount: 3, note: "x" } });
    expect(unknown.body.error).toMatchObject({ code: "INVALID_INPUT", fields: { headcount: "unknown field", note: "unknown field" } });

    const notObject = await post({ json: [good] });
    expect(notObject.body.error).toMatchObject({ code: "INVALID_INPUT", fields: { body: "must be a JSON object" } });

    const noOffset = await post({ json: { ...good, start: `${day(2)}T08:00:00`, end: `${day(2)}T16:00:00` } });
    expect(noOffset.body.error?.fields).toEqual({
      start: "must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T08:00:00+07:00",
      end: "must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T08:00:00+07:00",
    });

    const backwards = await post({ json: { ...good, start: at(2, "16:00"), end: at(2, "08:00") } });
    expect(backwards.body.error?.fields).toEqual({ end: "must be after the start" });
    const tooLong = await post({ json: { ...good, end: at(3, "08:01") } });
    expect(tooLong.body.error?.fields).toEqual({ end: "a duty lasts at most 24 hours" });
    const vi = await api("POST", "/api/v1/assignments", { token: t, json: { ...good, end: at(3, "08:01") } });
    expect(vi.body.error).toMatchObject({ message: "Dữ liệu không hợp lệ.", fields: { end: "ca trực dài tối đa 24 giờ" } });

    // Oversized bodies are refused by the HTTP layer before a route runs: tests/security/body-limits.test.ts.

    const form = await post({ raw: "employeeCode=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect([form.status, form.body.error?.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    const noType = await api("POST", "/api/v1/assignments", {
      token: t,
      headers: { "Content-Type": "text/plain" },
      raw: JSON.stringify(good),
    });
    expect(noType.status).toBe(415);

    const badKey = await post({ json: good, headers: { "Idempotency-Key": "" } });
    expect([badKey.status, badKey.body.error?.code]).toEqual([400, "INVALID_IDEMPOTENCY_KEY"]);

    const put = await api("PUT", "/api/v1/assignments", { token: t, json: good });
    expect([put.status, put.body.error?.code, put.headers.get("allow")]).toEqual([405, "METHOD_NOT_ALLOWED", "GET, POST"]);
    expect(await getDb().assignment.count()).toBe(0);
    expect(await getDb().idempotencyRecord.count()).toBe(0);
  });

  it("refuses an ineligible person with 422 NOT_ELIGIBLE and every reason, logged with the token", async () => {
    const res = await api("POST", "/api/v1/assignments", { token: T(), json: duty(world.newcomer.employeeCode) });
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      code: "NOT_ELIGIBLE",
      message: "Người này không đủ điều kiện nhận nhiệm vụ.",
      reasons: [
        { code: "NO_CERTIFICATION", message: "Chưa có chứng nhận bắt buộc cho nhiệm vụ này." },
        {
          code: "NO_COMMITMENT",
          message: "Chưa ký bản cam kết bảo vệ bí mật nhà nước hiện hành (ký trong ứng dụng hoặc bản giấy đã lưu).",
        },
      ],
    });
    const refusal = await getDb().refusal.findFirstOrThrow({ where: { personId: world.newcomer.id } });
    expect(refusal).toMatchObject({ apiTokenId: world.tokens.all.id, path: "API", reasons: ["NO_CERTIFICATION", "NO_COMMITMENT"] });
    expect(await getDb().assignment.count({ where: { personId: world.newcomer.id } })).toBe(0);
    // Nothing else changed either: the refused duty's shift was not created.
    expect(await getDb().shift.count({ where: { stationId: world.station.id } })).toBe(0);
  });

  let annaAssignment = 0;

  it("assigns (201), creating the shift, and a retry with the same Idempotency-Key gets the same answer", async () => {
    const body = duty(world.anna.employeeCode);
    const key = "a5f1c0de-0000-4000-8000-000000000001";
    const first = await api("POST", "/api/v1/assignments", { token: T(), json: body, headers: { "Idempotency-Key": key } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      employeeCode: world.anna.employeeCode,
      dutyType: world.dutyType.code,
      station: world.station.code,
      start: new Date(body.start).toISOString(),
      end: new Date(body.end).toISOString(),
      status: "ACTIVE",
      cancelReason: null,
    });
    annaAssignment = first.body.id as number;
    expect(first.headers.get("location")).toBe(`/api/v1/assignments/${annaAssignment}`);

    // Same data, other key order and spacing: the stored answer, nothing new.
    const reordered = `{ "end": "${body.end}", "start": "${body.start}", "station": "${body.station}", "dutyType": "${body.dutyType}", "employeeCode": "${body.employeeCode}" }`;
    const retry = await api("POST", "/api/v1/assignments", { token: T(), raw: reordered, headers: { "Idempotency-Key": key } });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await getDb().assignment.count({ where: { personId: world.anna.id } })).toBe(1);
    expect(await getDb().shift.count({ where: { stationId: world.station.id } })).toBe(1);

    const reused = await api("POST", "/api/v1/assignments", {
      token: T(),
      json: duty(world.binh.employeeCode),
      headers: { "Idempotency-Key": key },
    });
    expect([reused.status, reused.body.error?.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    // Keys belong to a token: another token's same key is a new request.
    const otherToken = await api("POST", "/api/v1/assignments", {
      token: world.tokens.writeOnly.token,
      json: body,
      headers: { "Idempotency-Key": key },
    });
    expect([otherToken.status, otherToken.body.error?.code]).toEqual([409, "ALREADY_ASSIGNED"]);

    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { action: "roster.assign", targetId: String(annaAssignment) } });
    expect(audit.actorId).toBeNull();
    expect(audit.data).toMatchObject({ path: "API", apiTokenId: world.tokens.all.id });
    expect(await getDb().auditEntry.count({ where: { action: "roster.shift_create" } })).toBe(1);
  });

  it("answers 409 ALREADY_ASSIGNED and SHIFT_FULL on the same shift", async () => {
    const again = await api("POST", "/api/v1/assignments", { token: T(), json: duty(world.anna.employeeCode) });
    expect([again.status, again.body.error?.code]).toEqual([409, "ALREADY_ASSIGNED"]);
    const full = await api("POST", "/api/v1/assignments", { token: T(), json: duty(world.binh.employeeCode) });
    expect([full.status, full.body.error?.code]).toEqual([409, "SHIFT_FULL"]);
  });

  it("lists assignments with status, and DELETE cancels them, keeping history", async () => {
    const from = encodeURIComponent(at(2, "00:00"));
    const to = encodeURIComponent(at(3, "00:00"));
    const list = await api("GET", `/api/v1/assignments?station=${world.station.code}&from=${from}&to=${to}`, {
      token: world.tokens.readOnly.token,
    });
    expect(list.list).toEqual([expect.objectContaining({ id: annaAssignment, status: "ACTIVE", cancelReason: null, cancelledAt: null })]);
    const later = await api("GET", `/api/v1/assignments?from=${encodeURIComponent(at(3, "00:00"))}`, { token: T() });
    expect(later.list).toEqual([]);
    const backwards = await api("GET", `/api/v1/assignments?from=${to}&to=${from}`, { token: T() });
    expect(backwards.body.error?.fields).toEqual({ to: "phải sau from" });

    const del = await api("DELETE", `/api/v1/assignments/${annaAssignment}`, { token: T() });
    expect([del.status, del.body]).toEqual([200, { id: annaAssignment, status: "CANCELLED" }]);
    const twice = await api("DELETE", `/api/v1/assignments/${annaAssignment}`, { token: T() });
    expect([twice.status, twice.body]).toEqual([200, { id: annaAssignment, status: "CANCELLED" }]);
    const after = await api("GET", `/api/v1/assignments?station=${world.station.code}`, { token: T() });
    expect(after.list).toEqual([expect.objectContaining({ id: annaAssignment, status: "CANCELLED", cancelReason: "CANCELLED_VIA_API" })]);
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { action: "roster.cancel", targetId: String(annaAssignment) } });
    expect(audit.data).toMatchObject({ apiTokenId: world.tokens.all.id, path: "API" });

    expect((await api("DELETE", "/api/v1/assignments/99999999", { token: T() })).status).toBe(404);
    expect((await api("DELETE", "/api/v1/assignments/abc", { token: T() })).status).toBe(404);
    // An assignment at a station outside the token's subtree.
    const theirs = await api("POST", "/api/v1/assignments", {
      token: world.tokens.outsider.token,
      json: duty(world.stranger.employeeCode, 2, "08:00", "16:00", world.otherStation.code),
    });
    expect(theirs.status).toBe(201);
    const foreign = await api("DELETE", `/api/v1/assignments/${theirs.body.id}`, { token: T() });
    expect([foreign.status, foreign.body.error?.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("concurrent requests", () => {
  it("fill a shift with room for two exactly: two are assigned, the others hear SHIFT_FULL", async () => {
    const db = getDb();
    const starts = new Date(at(8, "08:00"));
    const ends = new Date(at(8, "16:00"));
    const shift = await db.shift.create({
      data: { stationId: world.station.id, dutyTypeId: world.dutyType.id, startsAt: starts, endsAt: ends, headcount: 2 },
    });
    const five = await Promise.all(
      ["Đỗ Thu Hà", "Vũ Minh Khôi", "Hoàng Lan", "Bùi Quốc Đạt", "Ngô Thảo"].map((name) => world.qualified(world.below.id, name)),
    );
    const codes = five.map((p) => p.employeeCode);
    const answers = await Promise.all(codes.map((code) => api("POST", "/api/v1/assignments", { token: T(), json: duty(code, 8) })));
    const assigned = answers.filter((a) => a.status === 201);
    expect(assigned).toHaveLength(2);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error?.code)).toEqual(["SHIFT_FULL", "SHIFT_FULL", "SHIFT_FULL"]);
    const active = await db.assignment.findMany({
      where: { shiftId: shift.id, status: "ACTIVE" },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    expect(active.map((a) => a.id)).toEqual(assigned.map((a) => a.body.id as number).sort((x, y) => x - y));
    expect(await db.shift.count({ where: { stationId: world.station.id, startsAt: starts } })).toBe(1);
    // Each assignment made is audited under the id the caller was given.
    const audited = await db.auditEntry.findMany({ where: { action: "roster.assign", targetId: { in: active.map((a) => String(a.id)) } } });
    expect(audited).toHaveLength(2);
    // Entries written by roster_book joined the hash chain intact.
    expect(await verifyAuditChain(process.env.DATABASE_URL as string)).toMatchObject({ ok: true });
  });

  it("a change between the check and the booking is caught by the database: 422 with its reasons, nothing written", async () => {
    const db = getDb();
    const person = await world.qualified(world.below.id, "Lý Thanh Tâm");
    const codes = { station: world.station.code, employeeCode: person.employeeCode, dutyType: world.dutyType.code };
    const when = { startsAt: new Date(at(9, "08:00")), endsAt: new Date(at(9, "16:00")) };
    const token = {
      id: world.tokens.all.id,
      name: "Điều hành",
      unitId: world.inside.id,
      unitCode: world.inside.code,
      scopes: ["roster:write"],
    };
    const targets = await rosterTargets(token, codes, when, true);
    expect(targets.rule.person.status).toBe("ACTIVE");
    // Leaves after the request read the rule's inputs, before it books.
    await db.person.update({ where: { id: person.id }, data: { status: "LEFT" } });
    const answer = await assignViaApi(token, targets, new Date());
    expect(answer).toEqual({ ok: false, code: "NOT_ELIGIBLE", reasons: [{ code: "PERSON_INACTIVE" }] });
    expect(await db.refusal.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({
      path: "API",
      reasons: ["PERSON_INACTIVE"],
    });
    expect(await db.assignment.count({ where: { personId: person.id } })).toBe(0);
    expect(await db.shift.count({ where: { stationId: world.station.id, startsAt: when.startsAt } })).toBe(0);
  });

  it("does the work once when the same Idempotency-Key arrives twice at once", async () => {
    const body = duty(world.anna.employeeCode, 6);
    const send = () => api("POST", "/api/v1/assignments", { token: T(), json: body, headers: { "Idempotency-Key": "same-time" } });
    const answers = await Promise.all([send(), send(), send()]);
    const statuses = answers.map((a) => a.status);
    expect(statuses).toContain(201);
    for (const a of answers) {
      if (a.status === 201) expect(a.body.id).toBe(answers.find((x) => x.status === 201)?.body.id);
      else expect(a.body.error?.code).toBe("IDEMPOTENCY_IN_PROGRESS");
    }
    const from = encodeURIComponent(at(6, "00:00"));
    const to = encodeURIComponent(at(7, "00:00"));
    const list = await api("GET", `/api/v1/assignments?from=${from}&to=${to}`, { token: T() });
    expect(list.list).toHaveLength(1);
    const later = await send();
    expect([later.status, later.body.id, later.headers.get("idempotent-replayed")]).toEqual([201, list.list[0].id, "true"]);
  });
});

describe("revoking through the API", () => {
  it("revokes, cancels the holder's future assignments and returns their ids, audited with the token", async () => {
    const t = T();
    const a = await api("POST", "/api/v1/assignments", { token: t, json: duty(world.binh.employeeCode, 4) });
    const b = await api("POST", "/api/v1/assignments", { token: t, json: duty(world.binh.employeeCode, 5, "20:00", "23:30") });
    expect([a.status, b.status]).toEqual([201, 201]);

    const bad = await api("POST", `/api/v1/certifications/${world.binh.cert.serial}/revoke`, { token: t, json: { reason: "x", extra: 1 } });
    expect(bad.body.error).toMatchObject({
      code: "INVALID_INPUT",
      fields: { reason: "tối thiểu 3 ký tự", extra: "trường không được hỗ trợ" },
    });

    const res = await api("POST", `/api/v1/certifications/${world.binh.cert.serial}/revoke`, {
      token: t,
      json: { reason: "Vi phạm quy trình giao nhận" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ serial: world.binh.cert.serial, status: "REVOKED" });
    expect((res.body.cancelledAssignmentIds as number[]).sort((x, y) => x - y)).toEqual([a.body.id, b.body.id]);

    const rows = await getDb().assignment.findMany({ where: { personId: world.binh.id } });
    expect(rows.map((r) => [r.status, r.cancelReason])).toEqual([
      ["CANCELLED", "CERTIFICATION_REVOKED"],
      ["CANCELLED", "CERTIFICATION_REVOKED"],
    ]);
    const entry = await getDb().auditEntry.findFirstOrThrow({ where: { action: "api.revoke", targetId: String(world.binh.cert.id) } });
    expect(entry.data).toMatchObject({
      serial: world.binh.cert.serial,
      apiTokenId: world.tokens.all.id,
      cancelledAssignmentIds: res.body.cancelledAssignmentIds,
    });
    expect(await getDb().auditEntry.count({ where: { action: "certification.revoke", targetId: String(world.binh.cert.id) } })).toBe(1);

    const staffView = await api("GET", `/api/v1/staff?unit=${world.inside.code}`, { token: t });
    const binh = staffView.list.find((p) => p.employeeCode === world.binh.employeeCode) as { certifications: { status: string }[] };
    expect(binh.certifications[0].status).toBe("REVOKED");

    const again = await api("POST", `/api/v1/certifications/${world.binh.cert.serial}/revoke`, { token: t, json: { reason: "Lần nữa" } });
    expect([again.status, again.body.error?.code]).toEqual([409, "ALREADY_REVOKED"]);
  });
});

describe("the OpenAPI document", () => {
  it("is served, describes every route tested here, and closes every request body", async () => {
    const res = await api("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const paths = Object.keys(res.body.paths as object).sort();
    expect(paths).toEqual(
      ROUTES.map((r) => r.template)
        .filter(Boolean)
        .sort(),
    );
    for (const [path, item] of Object.entries(
      res.body.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>>,
    )) {
      for (const [method, op] of Object.entries(item)) {
        if (!op.requestBody) continue;
        const ref = op.requestBody.content["application/json"].schema.$ref;
        const schema = (res.body.components as { schemas: Record<string, { additionalProperties: unknown }> }).schemas[
          ref.split("/").pop() as string
        ];
        expect(schema.additionalProperties, `${method} ${path}`).toBe(false);
      }
    }
  });
});
