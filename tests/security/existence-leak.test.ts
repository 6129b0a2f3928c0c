// Issue 11, item 14: whether a record exists must not leak to someone who may
// not see it. A certificate, person, station or shift outside the reader's
// scope answers exactly as a missing one (404), on the pages and on the API;
// a page whose whole route is closed to the role answers 403 for any id.
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, get, loginCookie } from "../support/http.ts";

const SECRET_NAME = "Lê Thị Tồn Tại";
const MISSING_ID = 987654321;
let outside: { personId: number; certId: number; stationId: number; shiftId: number };
let token: string;
let demo: { serial: string; assignmentId: number; stationCode: string; unitCode: string };

beforeAll(async () => {
  const [province] = await appSql<{ id: number }>(
    `insert into units (code, name, kind) values ('XL', 'Tỉnh Xa Lạ', 'PROVINCE') returning id`,
  );
  const [person] = await appSql<{ id: number }>(
    `insert into people (employee_code, full_name, unit_id, position, work_started_on, updated_at)
     values ('XL0001', $1, $2, 'Văn thư', '2015-01-01', now()) returning id`,
    [SECRET_NAME, province.id],
  );
  const [station] = await appSql<{ id: number }>(
    `insert into stations (code, name, unit_id) values ('XL-KT1', 'Bưu cục KT1 Xa Lạ', $1) returning id`,
    [province.id],
  );
  const [shift] = await appSql<{ id: number }>(
    `insert into shifts (station_id, duty_type_id, starts_at, ends_at, headcount)
     select $1, id, now() + interval '3 days', now() + interval '3 days 4 hours', 2 from duty_types order by id limit 1 returning id`,
    [station.id],
  );
  // A certification fixture only (the two-person rule has its own tests): written by the
  // superuser with triggers off, in a province no demo trainer covers.
  await appSql(
    `set session_replication_role = replica;
     with s as (insert into training_sessions (certification_type_id, held_on, place, trainer_id, pass_percent)
                select id, current_date - 10, 'Phòng họp', ${Number(person.id)}, 80 from certification_types where code = 'KT1-VAN-THU' returning id, certification_type_id),
          a as (insert into training_attendance (session_id, person_id, attended, paper_score) select id, ${Number(person.id)}, true, 90 from s returning id)
     insert into certifications (serial, verification_code, person_id, certification_type_id, source, issued_at, valid_from, valid_until, training_attendance_id)
     select 'XL-CERT-1', 'xloutsidecert1', ${Number(person.id)}, s.certification_type_id, 'IN_PERSON', now(), current_date - 10, current_date + 700, a.id from s, a;
     set session_replication_role = origin;`,
    [],
    "superuser",
  );
  const [cert] = await appSql<{ id: number }>(`select id from certifications where serial = 'XL-CERT-1'`);
  outside = { personId: person.id, certId: cert.id, stationId: station.id, shiftId: shift.id };
  // An API token acting for the outside province only: every demo record is outside its reach.
  token = `kt1_${randomBytes(20)
    .toString("hex")
    .slice(0, 32)
    .replace(/[0189]/g, "a")}`;
  await appSql(`insert into api_tokens (name, token_hash, unit_id, scopes) values ('Xa Lạ', $1, $2, $3)`, [
    createHash("sha256").update(token).digest("hex"),
    province.id,
    ["roster:read", "roster:write", "certifications:revoke"],
  ]);
  const [c] = await appSql<{ serial: string }>(
    `select serial from certifications where revoked_at is null and serial <> 'XL-CERT-1' order by id limit 1`,
  );
  const [a] = await appSql<{ id: number }>(`select id from assignments order by id limit 1`);
  const [st] = await appSql<{ code: string }>(`select code from stations where code <> 'XL-KT1' order by id limit 1`);
  const [u] = await appSql<{ code: string }>(`select code from units where code <> 'XL' order by id limit 1`);
  demo = { serial: c.serial, assignmentId: a.id, stationCode: st.code, unitCode: u.code };
});

async function page(path: string, cookie: string) {
  const res = await get(path, cookie);
  const body = await res.text();
  expect(body, path).not.toContain(SECRET_NAME);
  return res.status;
}

describe("pages: outside one's scope looks the same as missing", () => {
  const pairs = () => [
    [`/certificates/${outside.certId}`, `/certificates/${MISSING_ID}`],
    [`/certificates/${outside.certId}.pdf`, `/certificates/${MISSING_ID}.pdf`],
    [`/people/${outside.personId}`, `/people/${MISSING_ID}`],
    [`/roster/stations/${outside.stationId}`, `/roster/stations/${MISSING_ID}`],
    [`/roster/shifts/${outside.shiftId}`, `/roster/shifts/${MISSING_ID}`],
  ];

  for (const email of [
    "manager@kt1.test",
    "admin@kt1.test",
    "trainer@kt1.test",
    "auditor@kt1.test",
    "learner@kt1.test",
    "postal@kt1.test",
  ]) {
    it(`${email}: the same status for an existing record outside scope and a missing one`, async () => {
      const cookie = await loginCookie(email);
      for (const [theirs, missing] of pairs()) {
        const a = await page(theirs, cookie);
        const b = await page(missing, cookie);
        expect([theirs, a], `${email}`).toEqual([theirs, b]);
        expect([403, 404]).toContain(a);
      }
    });
  }

  it("a reader of people answers 404 (not 403) for a person or certificate outside their units", async () => {
    const cookie = await loginCookie("manager@kt1.test");
    expect(await page(`/people/${outside.personId}`, cookie)).toBe(404);
    expect(await page(`/certificates/${outside.certId}`, cookie)).toBe(404);
    expect(await page(`/roster/stations/${outside.stationId}`, cookie)).toBe(404);
  });
});

describe("API: outside the token's subtree looks the same as missing", () => {
  async function api(method: string, path: string, json?: unknown) {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(json ? { "Content-Type": "application/json" } : {}) },
      body: json ? JSON.stringify(json) : undefined,
    });
    const body = (await res.json()) as { error?: { code: string; message: string; fields?: Record<string, string> } };
    return { status: res.status, body };
  }
  /** Status, code, field names and message with the named identifier blanked out. */
  const shape = (r: Awaited<ReturnType<typeof api>>, id: string) => ({
    status: r.status,
    code: r.body.error?.code,
    fields: Object.keys(r.body.error?.fields ?? {}),
    message: r.body.error?.message.replaceAll(id, "…"),
  });

  it("answers one shape for certifications, assignments, stations and units, whether they exist or not", async () => {
    const cases: [string, string, (id: string) => Promise<Awaited<ReturnType<typeof api>>>][] = [
      [
        demo.serial,
        "NO-SUCH-SERIAL",
        (s) => api("POST", `/api/v1/certifications/${encodeURIComponent(s)}/revoke`, { reason: "Thử tồn tại" }),
      ],
      [String(demo.assignmentId), String(MISSING_ID), (id) => api("DELETE", `/api/v1/assignments/${id}`)],
      [demo.stationCode, "NO-SUCH-STATION", (c) => api("GET", `/api/v1/assignments?station=${encodeURIComponent(c)}`)],
      [demo.unitCode, "NO-SUCH-UNIT", (c) => api("GET", `/api/v1/staff?unit=${encodeURIComponent(c)}`)],
    ];
    for (const [existing, missing, call] of cases) {
      const theirs = shape(await call(existing), existing);
      const none = shape(await call(missing), missing);
      expect(theirs, existing).toEqual(none);
      expect(theirs.status, existing).toBe(404);
    }
    // Nothing was changed on the way.
    expect(await appSql(`select 1 from certifications where serial = $1 and revoked_at is not null`, [demo.serial])).toHaveLength(0);
    expect(await appSql(`select 1 from assignments where id = $1 and status = 'CANCELLED'`, [demo.assignmentId])).toHaveLength(0);
  });
});
