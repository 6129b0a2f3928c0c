// Issue 12, item 2: the person page reads its id with requireId and looks the
// person up only after the guard, so a request that may not see a person learns
// nothing from the answer: an existing id and a missing one get the same status,
// the same redirect and the same page, for every method and intent. (The code
// before the change already passed this: it guards the refactor, so it is not
// among the security suite's tests of holes.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSql, get, loginCookie, post } from "../support/http.ts";

const MISSING_ID = 987654320;
let demoPerson: number;
let outside: number;

beforeAll(async () => {
  // A demo person, and one in a province nobody in the demo reads.
  const [demo] = await appSql<{ id: number }>(`select id from people where email = 'learner@kt1.test'`);
  demoPerson = demo.id;
  const [province] = await appSql<{ id: number }>(
    `insert into units (code, name, kind) values ('DO', 'Tỉnh Dò Tìm', 'PROVINCE') returning id`,
  );
  const [person] = await appSql<{ id: number }>(
    `insert into people (employee_code, full_name, unit_id, position, work_started_on, updated_at)
     values ('DO0001', 'Người Dò Tìm', $1, 'Văn thư', '2016-01-01', now()) returning id`,
    [province.id],
  );
  outside = person.id;
});

// The suite shares one demo database: leave it as found.
afterAll(async () => {
  await appSql(`delete from people where id = $1`, [outside], "owner");
  await appSql(`delete from units where code = 'DO'`, [], "owner");
});

/** What the client can observe, with the id itself blanked out. */
async function answer(res: Response, id: number) {
  const blank = (s: string | null) => s?.replaceAll(`people/${id}`, "people/…").replaceAll(`people%2F${id}`, "people%2F…") ?? null;
  const body = await res.text();
  return { status: res.status, location: blank(res.headers.get("location")), body: blank(body.replace(/nonce="[^"]*"/g, "")) };
}

const INTENTS: Record<string, string>[] = [
  { intent: "update", fullName: "Đổi Tên", position: "Văn thư", unitId: "1", workStartedOn: "2016-01-01", status: "ACTIVE" },
  { intent: "deactivate" },
  { intent: "resetPassword", password: "Mat-khau-moi-2026", confirm: "Mat-khau-moi-2026" },
  { intent: "grant", role: "MANAGER", unitId: "1" },
  { intent: "revoke", grantId: "1" },
  { intent: "revokeCertification", certificationId: "1", reason: "Dò tìm" },
  { intent: "remind", certificationId: "1", remindKey: "00000000-0000-4000-8000-000000000000" },
  { intent: "nonsense" },
];

async function sameAnswer(existing: number, cookie?: string) {
  expect(await answer(await get(`/people/${existing}`, cookie), existing)).toEqual(
    await answer(await get(`/people/${MISSING_ID}`, cookie), MISSING_ID),
  );
  for (const form of INTENTS) {
    const a = await answer(await post(`/people/${existing}`, form, cookie), existing);
    const b = await answer(await post(`/people/${MISSING_ID}`, form, cookie), MISSING_ID);
    expect(a, form.intent).toEqual(b);
  }
}

describe("the person page answers an existing and a missing id alike to those who may not see it", () => {
  it("anonymous: both go to the login page", async () => {
    await sameAnswer(demoPerson);
    const res = await get(`/people/${demoPerson}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("a learner (the page is closed to the role): the same answer for any id", async () => {
    const cookie = await loginCookie("learner@kt1.test");
    await sameAnswer(demoPerson, cookie);
    expect((await get(`/people/${demoPerson}`, cookie)).status).toBe(403);
  });

  it("a manager, for a person outside their units: the same answer as a missing one, and nothing changes", async () => {
    const cookie = await loginCookie("manager@kt1.test");
    await sameAnswer(outside, cookie);
    expect((await get(`/people/${outside}`, cookie)).status).toBe(404);
    expect(await appSql(`select full_name, status from people where id = $1`, [outside])).toEqual([
      { full_name: "Người Dò Tìm", status: "ACTIVE" },
    ]);
  });
});
