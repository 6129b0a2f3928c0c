// Every role × every protected route × a unit outside the role's scope: the
// answer is 403 or 404 and carries none of the outside data; writes change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, get, loginCookie, post } from "../support/http.ts";

const ROLES = ["admin@kt1.test", "trainer@kt1.test", "manager@kt1.test", "auditor@kt1.test", "learner@kt1.test", "postal@kt1.test"];
const SECRET_NAME = "Phan Bí Mật Ngoài";
const SECRET_UNIT = "Sở Ngoài Phạm Vi";

let outside: { unitId: number; personId: number; stationId: number; shiftId: number; certId: number; assignmentId: number; swapId: number };

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
  // Their KT1 station with a shift, and their certification (with its training record).
  const [station] = await appSql<{ id: number }>(
    `insert into stations (code, name, unit_id) values ('NA-KT1', 'Bưu cục KT1 Ngoài', $1) returning id`,
    [unit.id],
  );
  const [shift] = await appSql<{ id: number }>(
    `insert into shifts (station_id, duty_type_id, starts_at, ends_at, headcount)
     select $1, id, now() + interval '3 days', now() + interval '3 days 4 hours', 2 from duty_types order by id limit 1 returning id`,
    [station.id],
  );
  // Recorded by one Nghệ An trainer and confirmed by a second (the two-person rule, decision 029).
  const trainers = await appSql<{ id: number }>(
    `insert into people (employee_code, full_name, unit_id, position, work_started_on, updated_at)
     values ('NA0090', 'Giảng viên Nghệ An 1', $1, 'Giảng viên', '2015-01-01', now()), ('NA0091', 'Giảng viên Nghệ An 2', $1, 'Giảng viên', '2015-01-01', now())
     returning id`,
    [province.id],
  );
  await appSql(`insert into role_grants (person_id, role, unit_id) select unnest($1::int[]), 'TRAINER', $2`, [
    trainers.map((t) => t.id),
    province.id,
  ]);
  const [session] = await appSql<{ id: number; certification_type_id: number }>(
    `insert into training_sessions (certification_type_id, held_on, place, trainer_id, pass_percent)
     select id, current_date - 10, 'Phòng họp', $1, 70 from certification_types where code = 'KT1-VAN-THU' returning id, certification_type_id`,
    [trainers[0].id],
  );
  const [line] = await appSql<{ id: number }>(
    `insert into training_attendance (session_id, person_id, attended, paper_score) values ($1, $2, true, 90) returning id`,
    [session.id, person.id],
  );
  await appSql(`update training_sessions set status = 'CONFIRMED', decided_by_id = $2, decided_at = now() where id = $1`, [
    session.id,
    trainers[1].id,
  ]);
  const [cert] = await appSql<{ id: number }>(
    `insert into certifications (serial, verification_code, person_id, certification_type_id, source, issued_at, valid_from, valid_until, training_attendance_id)
     values ('NA-CERT-1', 'naoutsidecert1', $1, $2, 'IN_PERSON', now(), current_date - 10, current_date + 700, $3)
     returning id`,
    [person.id, session.certification_type_id, line.id],
  );
  // Their duty and a swap request waiting for a manager (decision 065); stored
  // with the roster triggers off: only who may see and decide it matters here.
  await appSql(
    `set session_replication_role = replica;
     with a as (insert into assignments (shift_id, person_id, source) values (${shift.id}, ${person.id}, 'PAGE') returning id)
     insert into duty_swaps (assignment_id, from_person_id, to_person_id, status, created_at, answered_at)
     select a.id, ${person.id}, ${trainers[0].id}, 'ACCEPTED', now(), now() from a;`,
    [],
    "superuser",
  );
  const [swap] = await appSql<{ assignment_id: number; swap_id: number }>(
    `select assignment_id, id as swap_id from duty_swaps where from_person_id = $1`,
    [person.id],
  );
  outside = {
    unitId: unit.id,
    personId: person.id,
    stationId: station.id,
    shiftId: shift.id,
    certId: cert.id,
    assignmentId: swap.assignment_id,
    swapId: swap.swap_id,
  };
});

const reads = () => [
  `/people?unit=${outside.unitId}`,
  `/people/${outside.personId}`,
  `/people/${outside.personId}/commitment`,
  `/audit?unit=${outside.unitId}`,
  `/audit.csv?unit=${outside.unitId}`,
  `/dashboard?unit=${outside.unitId}`,
  `/dashboard/people?unit=${outside.unitId}`,
  `/dashboard/people.csv?unit=${outside.unitId}`,
  `/dashboard/people.xlsx?unit=${outside.unitId}`,
  `/roster/stations/${outside.stationId}`,
  `/roster/shifts/${outside.shiftId}`,
  `/certificates/${outside.certId}`,
  `/certificates/${outside.certId}.pdf`,
  `/certificates/${outside.certId}/badge`,
];

const writes = (): { path: string; form: Record<string, string> }[] => [
  {
    path: `/people/${outside.personId}`,
    form: {
      intent: "update",
      fullName: "Đã bị sửa",
      position: "x",
      unitId: String(outside.unitId),
      workStartedOn: "2015-01-01",
      status: "ACTIVE",
      email: "",
      phone: "",
    },
  },
  { path: `/people/${outside.personId}/commitment`, form: { signedOn: "2026-11-20" } },
  { path: `/people/${outside.personId}`, form: { intent: "deactivate" } },
  { path: `/people/${outside.personId}`, form: { intent: "grant", role: "ADMIN", unitId: String(outside.unitId) } },
  { path: `/people/${outside.personId}`, form: { intent: "resetPassword", password: "Mat-khau-moi-2026" } },
  {
    path: "/people/new",
    form: {
      employeeCode: "NA0002",
      fullName: "Người Mới",
      unitId: String(outside.unitId),
      position: "x",
      workStartedOn: "2020-01-01",
      status: "ACTIVE",
    },
  },
  {
    path: "/admin/units",
    form: { intent: "create", code: "NA-NEW", name: "Đơn vị mới", kind: "AGENCY", parentId: String(outside.unitId) },
  },
  {
    path: `/people/${outside.personId}`,
    form: { intent: "revokeCertification", certificationId: String(outside.certId), reason: "Thu hồi ngoài phạm vi (thử)" },
  },
  { path: `/people/${outside.personId}`, form: { intent: "remind", certificationId: String(outside.certId), remindKey: "a".repeat(32) } },
  { path: `/roster/shifts/${outside.shiftId}`, form: { intent: "assign", personId: String(outside.personId) } },
  { path: `/roster/stations/${outside.stationId}`, form: { intent: "copy" } },
  { path: "/roster/swaps", form: { intent: "approve", swapId: String(outside.swapId) } },
  { path: "/roster/swaps", form: { intent: "reject", swapId: String(outside.swapId) } },
  { path: "/duties", form: { intent: "swapAccept", swapId: String(outside.swapId) } },
  { path: "/duties", form: { intent: "swapWithdraw", swapId: String(outside.swapId) } },
  { path: "/duties", form: { intent: "swapAsk", assignmentId: String(outside.assignmentId), colleague: "NA0090" } },
];

describe("access matrix: nothing outside a role's scope", () => {
  for (const email of ROLES) {
    it(`${email} reads nothing outside its scope`, async () => {
      const cookie = await loginCookie(email);
      for (const path of reads()) {
        const res = await get(path, cookie);
        const body = await res.text();
        // A record named by id answers as a missing one (decision 035); 403 only
        // where the whole page is closed to the role, whatever the id.
        const expected = /^\/certificates\//.test(path) ? [404] : [403, 404];
        expect(expected, `${email} GET ${path}`).toContain(res.status);
        expect(body, `${email} GET ${path}`).not.toContain(SECRET_NAME);
        expect(body, `${email} GET ${path}`).not.toContain(SECRET_UNIT);
      }
      // Pages that list rows of the reader's own scope (or their own duties) open, and show none of the outside.
      for (const path of ["/duties", "/roster/swaps"]) {
        const res = await get(path, cookie);
        expect(path === "/duties" ? [200] : [200, 403], `${email} GET ${path}`).toContain(res.status);
        const body = await res.text();
        expect(body, `${email} GET ${path}`).not.toContain(SECRET_NAME);
        expect(body, `${email} GET ${path}`).not.toContain("Bưu cục KT1 Ngoài");
      }
    });

    it(`${email} changes nothing outside its scope`, async () => {
      const cookie = await loginCookie(email);
      const before = await appSql(
        `select full_name, status, (select count(*) from role_grants where person_id = $1) as grants,
        (select count(*) from accounts where person_id = $1) as accounts, (select count(*) from units) as units,
        (select count(*) from people) as people, (select revoked_at from certifications where person_id = $1) as revoked,
        (select count(*) from reminder_outbox where recipient_person_id = $1) as reminders,
        (select count(*) from assignments a join shifts sh on sh.id = a.shift_id where sh.station_id = $2) as assignments,
        (select count(*) from shifts where station_id = $2) as shifts,
        (select status::text from duty_swaps where id = $3) as swap, (select count(*) from duty_swaps where assignment_id = $4) as swaps
        from people where id = $1`,
        [outside.personId, outside.stationId, outside.swapId, outside.assignmentId],
      );
      for (const w of writes()) {
        const res = await post(w.path, w.form, cookie);
        expect([400, 403, 404], `${email} POST ${w.path} ${w.form.intent ?? ""}`).toContain(res.status);
      }
      const after = await appSql(
        `select full_name, status, (select count(*) from role_grants where person_id = $1) as grants,
        (select count(*) from accounts where person_id = $1) as accounts, (select count(*) from units) as units,
        (select count(*) from people) as people, (select revoked_at from certifications where person_id = $1) as revoked,
        (select count(*) from reminder_outbox where recipient_person_id = $1) as reminders,
        (select count(*) from assignments a join shifts sh on sh.id = a.shift_id where sh.station_id = $2) as assignments,
        (select count(*) from shifts where station_id = $2) as shifts,
        (select status::text from duty_swaps where id = $3) as swap, (select count(*) from duty_swaps where assignment_id = $4) as swaps
        from people where id = $1`,
        [outside.personId, outside.stationId, outside.swapId, outside.assignmentId],
      );
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
    for (const path of [
      "/learn",
      "/admin",
      "/admin/units",
      "/people",
      "/people/1",
      "/people/import",
      "/audit",
      "/audit.csv",
      "/manage",
      "/trainer",
      "/account",
      "/duties",
      "/roster/swaps",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("answers an unknown, malformed or revoked calendar feed token with 404, alike", async () => {
    for (const path of ["/duties/feed/abc.ics", `/duties/feed/${"a".repeat(40)}.ics`, "/duties/feed/..%2F..%2Fetc%2Fpasswd"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type") ?? "", path).not.toContain("text/calendar");
    }
  });

  it("refuses a state-changing request from another origin before any route runs", async () => {
    const cookie = await loginCookie("admin@kt1.test");
    const res = await post("/people/new", { employeeCode: "EVIL1", fullName: "Kẻ Gian" }, cookie, "https://evil.example");
    expect(res.status).toBe(403);
    expect(await appSql(`select 1 from people where employee_code = 'EVIL1'`)).toHaveLength(0);
  });
});
