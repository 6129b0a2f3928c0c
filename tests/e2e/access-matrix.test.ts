// Every role × every protected route × a unit outside the role's scope: the
// answer is 403 or 404 and carries none of the outside data; writes change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, get, loginCookie, post } from "../support/http.ts";

const ROLES = ["admin@kt1.test", "trainer@kt1.test", "manager@kt1.test", "auditor@kt1.test", "learner@kt1.test", "postal@kt1.test"];
const SECRET_NAME = "Phan Bí Mật Ngoài";
const SECRET_UNIT = "Sở Ngoài Phạm Vi";

let outside: { unitId: number; personId: number };

beforeAll(async () => {
  // A second province that no demo account has any role on.
  const [province] = await appSql<{ id: number }>(
    `insert into units (code, name, kind) values ('NA', 'Tỉnh Nghệ An', 'PROVINCE') returning id`,
  );
  const [unit] = await appSql<{ id: number }>(
    `insert into units (code, name, kind, parent_id) values ('NA-SNV', $1, 'AGENCY', $2) returning id`,
    [SECRET_UNIT, province.id],
  );
  const [person] = await appSql<{ id: number }>(
    `insert into people (employee_code, full_name, unit_id, position, work_started_on, updated_at)
     values ('NA0001', $1, $2, 'Văn thư', '2015-01-01', now()) returning id`,
    [SECRET_NAME, unit.id],
  );
  outside = { unitId: unit.id, personId: person.id };
});

const reads = () => [
  `/people?unit=${outside.unitId}`,
  `/people/${outside.personId}`,
  `/audit?unit=${outside.unitId}`,
  `/audit.csv?unit=${outside.unitId}`,
];

const writes = (): { path: string; form: Record<string, string> }[] => [
  { path: `/people/${outside.personId}`, form: { intent: "update", fullName: "Đã bị sửa", position: "x", unitId: String(outside.unitId), workStartedOn: "2015-01-01", status: "ACTIVE", email: "", phone: "", commitmentSignedOn: "" } },
  { path: `/people/${outside.personId}`, form: { intent: "deactivate" } },
  { path: `/people/${outside.personId}`, form: { intent: "grant", role: "ADMIN", unitId: String(outside.unitId) } },
  { path: `/people/${outside.personId}`, form: { intent: "resetPassword", password: "Mat-khau-moi-2026" } },
  { path: "/people/new", form: { employeeCode: "NA0002", fullName: "Người Mới", unitId: String(outside.unitId), position: "x", workStartedOn: "2020-01-01", status: "ACTIVE" } },
  { path: "/admin/units", form: { intent: "create", code: "NA-NEW", name: "Đơn vị mới", kind: "AGENCY", parentId: String(outside.unitId) } },
];

describe("access matrix: nothing outside a role's scope", () => {
  for (const email of ROLES) {
    it(`${email} reads nothing outside its scope`, async () => {
      const cookie = await loginCookie(email);
      for (const path of reads()) {
        const res = await get(path, cookie);
        const body = await res.text();
        expect([403, 404], `${email} GET ${path}`).toContain(res.status);
        expect(body, `${email} GET ${path}`).not.toContain(SECRET_NAME);
        expect(body, `${email} GET ${path}`).not.toContain(SECRET_UNIT);
      }
    });

    it(`${email} changes nothing outside its scope`, async () => {
      const cookie = await loginCookie(email);
      const before = await appSql(`select full_name, status, (select count(*) from role_grants where person_id = $1) as grants,
        (select count(*) from accounts where person_id = $1) as accounts, (select count(*) from units) as units,
        (select count(*) from people) as people from people where id = $1`, [outside.personId]);
      for (const w of writes()) {
        const res = await post(w.path, w.form, cookie);
        expect([400, 403, 404], `${email} POST ${w.path} ${w.form.intent ?? ""}`).toContain(res.status);
      }
      const after = await appSql(`select full_name, status, (select count(*) from role_grants where person_id = $1) as grants,
        (select count(*) from accounts where person_id = $1) as accounts, (select count(*) from units) as units,
        (select count(*) from people) as people from people where id = $1`, [outside.personId]);
      expect(after).toEqual(before);
    });
  }

  it("roles without the right see 403 on every admin, audit and management page", async () => {
    const pages = ["/admin", "/admin/units", "/people/new", "/people/import", "/audit", "/audit.csv", "/trainer", "/manage", "/people"];
    const cookie = await loginCookie("learner@kt1.test");
    for (const path of pages) expect((await get(path, cookie)).status, path).toBe(403);
    const manager = await loginCookie("manager@kt1.test");
    for (const path of ["/admin", "/admin/units", "/people/new", "/people/import", "/audit", "/audit.csv", "/trainer"]) {
      expect((await get(path, manager)).status, path).toBe(403);
    }
  });

  it("a visitor without a session is sent to the login page from every protected page", async () => {
    for (const path of ["/learn", "/admin", "/admin/units", "/people", "/people/1", "/people/import", "/audit", "/audit.csv", "/manage", "/trainer", "/account"]) {
      const res = await get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("refuses a state-changing request from another origin before any route runs", async () => {
    const cookie = await loginCookie("admin@kt1.test");
    const res = await post("/people/new", { employeeCode: "EVIL1", fullName: "Kẻ Gian" }, cookie, "https://evil.example");
    expect(res.status).toBe(403);
    expect(await appSql(`select 1 from people where employee_code = 'EVIL1'`)).toHaveLength(0);
  });
});
