// /api/v1 is answered by its route modules' loaders and actions without React
// Router's request pipeline (decision 069). The production build is served
// in-process by server/app.ts with React Router's pipeline broken (the root
// route's middleware throws): the API still answers, with its usual headers,
// error shapes and audit entries; pages, and API requests that carry a cookie
// (which the root middleware must see), still go to React Router.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/services/api/tokens.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { loadBuild, serveInProcess, withBrokenPipeline } from "../support/in-process-app.ts";
import { makeQualifiedPerson, makeRosterWorld } from "../support/roster-fixtures.ts";

const REACT_ROUTER_RAN = "React Router's pipeline ran";

let base = "";
let token = "";
let close: () => Promise<void> = async () => {};
let world: Awaited<ReturnType<typeof makeRosterWorld>>;
let employeeCode = "";

beforeAll(async () => {
  const build = await loadBuild();
  world = await makeRosterWorld();
  employeeCode = (await makeQualifiedPerson(world)).person.employeeCode;
  const unitCode = (await getDb().unit.findUniqueOrThrow({ where: { id: world.unit.id } })).code;
  token = (await createApiToken({ name: "Không qua React Router", unitCode, scopes: ["roster:read", "roster:write"] }, null, new Date()))
    .token;
  ({ base, close } = await serveInProcess(withBrokenPipeline(build, REACT_ROUTER_RAN)));
  // A stale build is rebuilt first: minutes on a busy machine.
}, 300_000);

afterAll(() => close());

const api = (p: string, init: RequestInit = {}) =>
  fetch(`${base}${p}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

const duty = (hour: number) => ({
  employeeCode: "",
  dutyType: "",
  station: "",
  start: `2027-03-01T${String(hour).padStart(2, "0")}:00:00+07:00`,
  end: `2027-03-01T${String(hour + 4).padStart(2, "0")}:00:00+07:00`,
});

describe("the API without React Router", () => {
  it("pages still go through React Router (here broken on purpose)", async () => {
    const page = await fetch(`${base}/login`);
    expect(page.status).toBe(500);
  });

  it("answers eligibility with the security headers and request id of the HTTP layer", async () => {
    const q = new URLSearchParams({ ...duty(8), employeeCode, dutyType: world.dutyType.code, station: world.station.code });
    const res = await api(`/api/v1/eligibility?${q}`, { headers: { "X-Request-Id": "api-no-rr-1", "Accept-Language": "en" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ eligible: true, reasons: [] });
    expect(res.headers.get("x-request-id")).toBe("api-no-rr-1");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("books through the action (201, Location, the audit entry) and refuses in the API's error shape", async () => {
    const body = { ...duty(13), employeeCode, dutyType: world.dutyType.code, station: world.station.code };
    const post = (b: unknown) =>
      api("/api/v1/assignments", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(b) });
    const booked = await post(body);
    expect(booked.status).toBe(201);
    const view = (await booked.json()) as { id: number };
    expect(booked.headers.get("location")).toBe(`/api/v1/assignments/${view.id}`);
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { action: "roster.assign", targetId: String(view.id) } });
    expect(audit.data).toMatchObject({ person: employeeCode, path: "API" });

    const again = await post(body);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("ALREADY_ASSIGNED");
    const bad = await post({ ...body, start: "yesterday" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; fields: Record<string, string> } }).error).toMatchObject({
      code: "INVALID_INPUT",
      fields: { start: expect.any(String) },
    });
  });

  it("answers 401, 405, HEAD and the catch-all's JSON 404 as the route modules do", async () => {
    const anonymous = await fetch(`${base}/api/v1/stations`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="kt1-api"');
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    const wrongMethod = await api("/api/v1/stations", { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
    const head = await api("/api/v1/stations", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const nowhere = await api("/api/v1/nowhere/at/all");
    expect(nowhere.status).toBe(404);
    expect(((await nowhere.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
  });

  it("leaves to React Router what its root middleware must see: a request with a cookie", async () => {
    const withCookie = await api("/api/v1/stations", { headers: { Cookie: "kt1_session=x" } });
    expect(withCookie.status).toBe(500);
  });
});
