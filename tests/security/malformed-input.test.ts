// Issue 11, item 11: malformed input answered 500. Each case below reached the
// database or a parser that threw; now every one is refused with a 4xx and a
// message a person can read, and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokenHash, generateApiToken } from "~/services/api/tokens.server.ts";
import { appSql, baseUrl, loginCookie } from "../support/http.ts";

let token = "";
let admin = "";
let codes = { employee: "", station: "", dutyType: "" };
let auditBefore = 0;

beforeAll(async () => {
  token = generateApiToken();
  await appSql(
    `insert into api_tokens (name, token_hash, unit_id, scopes)
     values ('malformed-input test', $1, (select id from units where parent_id is null order by id limit 1), $2)`,
    [apiTokenHash(token), ["roster:read", "roster:write", "certifications:revoke"]],
  );
  admin = await loginCookie("admin@kt1.test");
  const [row] = await appSql<{ employee: string; station: string; duty_type: string }>(
    `select (select employee_code from people order by id limit 1) as employee,
            (select code from stations order by id limit 1) as station,
            (select code from duty_types order by id limit 1) as duty_type`,
  );
  codes = { employee: row.employee, station: row.station, dutyType: row.duty_type };
  auditBefore = await auditCount();
});

afterAll(async () => {
  await appSql("update api_tokens set revoked_at = now() where token_hash = $1", [apiTokenHash(token)]);
});

async function auditCount() {
  const [row] = await appSql<{ n: string }>("select count(*) as n from audit_entries where action not like 'auth.%'");
  return Number(row.n);
}

type Case = { name: string; send: () => Promise<Response>; api?: boolean };

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${baseUrl()}${path}`, {
    ...init,
    redirect: "manual",
    headers: { Authorization: `Bearer ${token}`, ...(init.body ? { "Content-Type": "application/json" } : {}), ...init.headers },
  });
const apiJson = (path: string, body: string, method = "POST") =>
  api(path, { method, body, headers: { "Idempotency-Key": `malformed-${Math.random()}` } });
const page = (path: string, init: RequestInit = {}) =>
  fetch(`${baseUrl()}${path}`, {
    ...init,
    redirect: "manual",
    headers: { Origin: baseUrl(), Cookie: admin, ...init.headers },
  });
const form = (path: string, body: string, cookie = true) =>
  fetch(`${baseUrl()}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: admin } : {}) },
    body,
  });
const shift = (start: string, end: string) => ({
  employeeCode: codes.employee,
  dutyType: codes.dutyType,
  station: codes.station,
  start,
  end,
});
const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
const BROKEN_MULTIPART = '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc'; // no closing boundary

const CASES: Case[] = [
  {
    name: "NUL (\\u0000) in an API JSON body",
    api: true,
    send: () =>
      apiJson(
        "/api/v1/assignments",
        JSON.stringify(shift("2026-12-01T08:00:00Z", "2026-12-01T12:00:00Z")).replace(codes.employee, `${codes.employee}\\u0000`),
      ),
  },
  {
    name: "NUL in an API JSON body (revoke reason)",
    api: true,
    send: () => apiJson("/api/v1/certifications/KT1-0000/revoke", JSON.stringify({ reason: "a\u0000b" })),
  },
  { name: "%00 in an API query parameter", api: true, send: () => api("/api/v1/staff?unit=%00") },
  {
    name: "%00 in an API path segment",
    api: true,
    send: () => api("/api/v1/certifications/%00/revoke", { method: "POST", body: JSON.stringify({ reason: "x" }) }),
  },
  { name: "%00 in a /login form field", send: () => form("/login", "identifier=admin%00%40kt1.test&password=x", false) },
  { name: "NUL in the /people search", send: () => page("/people?q=%00") },
  { name: "NUL in a /legal path segment", send: () => page("/legal/%00") },
  {
    name: "year 0 in an API body date",
    api: true,
    send: () => apiJson("/api/v1/assignments", JSON.stringify(shift("0000-06-01T08:00:00Z", "0000-06-01T12:00:00Z"))),
  },
  {
    name: "year 1 in an API query date",
    api: true,
    send: () => api(`/api/v1/eligibility?${new URLSearchParams(shift("0001-06-01T08:00:00Z", "0001-06-01T12:00:00Z"))}`),
  },
  { name: "year 0 in an API list filter", api: true, send: () => api("/api/v1/assignments?from=0000-06-01T08:00:00Z") },
  { name: "cursor past int32 (staff)", api: true, send: () => api("/api/v1/staff?cursor=9999999999") },
  { name: "cursor past int32 (assignments)", api: true, send: () => api("/api/v1/assignments?cursor=9999999999") },
  { name: "a JSON body nested 30,000 deep", api: true, send: () => apiJson("/api/v1/assignments", deep(30_000)) },
  { name: "POST /logout without a body", send: () => page("/logout", { method: "POST" }) },
  {
    name: "a broken multipart body to the staff import",
    send: () =>
      page("/people/import", { method: "POST", body: BROKEN_MULTIPART, headers: { "Content-Type": "multipart/form-data; boundary=XYZ" } }),
  },
  {
    name: "a broken multipart body to /login",
    send: () =>
      fetch(`${baseUrl()}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: baseUrl(), "Content-Type": "multipart/form-data; boundary=XYZ" },
        body: BROKEN_MULTIPART,
      }),
  },
];

describe("malformed input is refused with a 4xx, never a 500", () => {
  it.each(CASES)("$name", async ({ send, api: isApi }) => {
    const res = await send();
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(res.status, text.slice(0, 300)).toBeLessThan(500);
    if (isApi) {
      const body = JSON.parse(text) as { error: { code: string; message: string } };
      expect(body.error.code).toMatch(/^[A-Z_]+$/);
      expect(body.error.message.length).toBeGreaterThan(5);
    } else {
      // A readable message in Vietnamese (the default language), not an empty page.
      expect(text).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
    }
  });

  it("changed nothing", async () => {
    expect(await auditCount()).toBe(auditBefore);
    // The admin's session survived the bodiless logout (which did nothing).
    const res = await page("/people");
    expect(res.status).toBe(200);
  });
});
