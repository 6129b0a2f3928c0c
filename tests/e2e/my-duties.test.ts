// A postal employee follows their own KT1 duties (decision 065): they find
// "Lịch trực của tôi" in the menu once they have a duty, read it in Vietnam
// time with the certification that qualifies them, subscribe to their calendar
// feed (fetched and parsed here), are told of a new duty and of its
// cancellation, and give a duty to a colleague: an eligible one gets it, an
// ineligible one is refused with the reasons and the refusal is logged.
import ICAL from "ical.js";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql, get, loginCookie, post } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();
const HOLDER = { code: "TH0034", email: "thinh.nguyen@kt1.test" };
const COLLEAGUE = { code: "TH0035", email: "huyen.le@kt1.test" };
const UNQUALIFIED = { code: "TH0039", email: "kieu.tran@kt1.test", name: "Trần Thị Kiều" };
const PEOPLE = [HOLDER, COLLEAGUE, UNQUALIFIED].map((p) => p.code);

let shifts: { id: number; starts_at: Date }[] = [];
let station = "";
let duty = "";

beforeAll(async () => {
  // The three have no login in the demo: give them the demo password (the owner copies postal@'s hash).
  await appSql(
    `insert into accounts (person_id, password_hash)
     select p.id, (select a.password_hash from accounts a join people q on q.id = a.person_id where q.email = 'postal@kt1.test')
       from people p where p.employee_code = any($1::text[]) on conflict (person_id) do nothing`,
    [PEOPLE],
    "owner",
  );
  // Two delivery duties three weeks ahead, after everything the demo planned (08:00–12:00 and 13:00–17:00 Vietnam time).
  shifts = await appSql<{ id: number; starts_at: Date }>(
    `insert into shifts (station_id, duty_type_id, starts_at, ends_at, headcount)
     select st.id, d.id, t.s, t.s + interval '4 hours', 1
       from stations st, duty_types d,
            (values (date_trunc('day', now() at time zone 'Asia/Ho_Chi_Minh') + interval '21 days 8 hours'),
                    (date_trunc('day', now() at time zone 'Asia/Ho_Chi_Minh') + interval '21 days 13 hours')) v(local),
            lateral (select v.local at time zone 'Asia/Ho_Chi_Minh' as s) t
      where st.code = 'TH-BD-HACTHANH-KT1' and d.code = 'KT1-PHAT'
      order by t.s returning id, starts_at`,
  );
  const [names] = await appSql<{ station: string; duty: string }>(
    `select st.name as station, d.name as duty from stations st, duty_types d where st.code = 'TH-BD-HACTHANH-KT1' and d.code = 'KT1-PHAT'`,
  );
  ({ station, duty } = names);
});

afterAll(async () => {
  // Leave the demo as it was for the files after this one (the owner may delete).
  const ids = shifts.map((s) => s.id);
  for (const statement of [
    `delete from duty_swaps where assignment_id in (select id from assignments where shift_id = any($1::int[]))`,
    `delete from reminder_outbox where assignment_id in (select id from assignments where shift_id = any($1::int[]))`,
    `delete from notifications where kind = 'DUTY_CHANGE' and (data->>'shiftId')::int = any($1::int[])`,
    `delete from refusals where starts_at in (select starts_at from shifts where id = any($1::int[]))`,
    `delete from assignments where shift_id = any($1::int[])`,
    `delete from shifts where id = any($1::int[])`,
  ])
    await appSql(statement, [ids], "owner");
  for (const statement of [
    `delete from duty_feeds where person_id in (select id from people where employee_code = any($1::text[]))`,
    `delete from accounts where person_id in (select id from people where employee_code = any($1::text[]))`,
  ])
    await appSql(statement, [PEOPLE], "owner");
});

async function personId(code: string) {
  const [row] = await appSql<{ id: number }>(`select id from people where employee_code = $1`, [code]);
  return row.id;
}

/** The manager books the holder on a shift through the shift page's form. */
async function managerAssigns(shiftId: number, code: string) {
  const res = await post(
    `/roster/shifts/${shiftId}`,
    { intent: "assign", personId: String(await personId(code)) },
    await loginCookie("manager@kt1.test"),
  );
  expect(res.status).toBe(302);
}

async function activeOn(shiftId: number) {
  const rows = await appSql<{ code: string }>(
    `select p.employee_code as code from assignments a join people p on p.id = a.person_id where a.shift_id = $1 and a.status = 'ACTIVE'`,
    [shiftId],
  );
  return rows.map((r) => r.code);
}

async function fetchFeed(url: string) {
  const res = await get(new URL(url).pathname);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/calendar");
  const cal = new ICAL.Component(ICAL.parse(await res.text()));
  return cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

/** Asks, accepts and lets the manager approve a swap of the holder's duty on `shiftId` to `to`. */
async function swapThrough(holder: Page, shiftId: number, to: { code: string; email: string }) {
  const when = (
    await appSql<{ label: string }>(
      `select to_char(starts_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI') as label from shifts where id = $1`,
      [shiftId],
    )
  )[0].label;
  await holder.goto("/duties");
  const card = holder.getByRole("listitem", { name: `${duty} · ${when}` });
  await card.getByLabel("Mã nhân sự của đồng nghiệp").fill(to.code);
  await card.getByRole("button", { name: `Đề nghị đổi ca ${duty} lúc ${when}` }).click();
  await holder.getByText("Đã gửi đề nghị đổi ca.").waitFor();

  const colleague = await newPage({ viewport: { width: 390, height: 844 } });
  await loginAs(colleague, to.email);
  await colleague.goto("/duties");
  await colleague.getByRole("button", { name: "Đồng ý nhận ca" }).click();
  await colleague.getByText("Bạn đã đồng ý nhận ca. Chờ người quản lý duyệt.").waitFor();

  const manager = await newPage();
  await loginAs(manager, "manager@kt1.test");
  await manager.goto("/roster/swaps");
  await expectHeading(manager, "Đề nghị đổi ca");
  await manager.getByRole("button", { name: "Duyệt", exact: true }).click();
  return manager;
}

describe("my duties", () => {
  it("a postal employee sees a new duty, subscribes to the feed, and hears of its cancellation when it is swapped to a colleague", async () => {
    await managerAssigns(shifts[0].id, HOLDER.code);

    const page = await newPage({ viewport: { width: 390, height: 844 } });
    await loginAs(page, HOLDER.email);
    // On a phone the menu is folded behind "Danh mục".
    await page.getByText("Danh mục", { exact: true }).click();
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Lịch trực của tôi" }).click();
    await expectHeading(page, "Lịch trực của tôi");
    const upcoming = page.getByRole("list", { name: "Ca trực sắp tới" });
    const start = shifts[0].starts_at;
    const [label] = await appSql<{ day: string }>(`select to_char($1::timestamptz at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY') as day`, [
      start,
    ]);
    const card = upcoming.getByRole("listitem", { name: `${duty} · ${label.day} 08:00` });
    await expect(card.textContent()).resolves.toContain(station);
    await expect(card.textContent()).resolves.toContain(`${label.day} 12:00`);
    await expect(card.textContent()).resolves.toMatch(/hiệu lực đến \d{2}\/\d{2}\/\d{4}/);

    await page.goto("/notifications");
    await page.getByRole("listitem", { name: `Bạn được phân công ca trực ${duty} tại ${station}` }).waitFor();

    // The calendar feed: a secret URL, shown once, read without a session.
    await page.goto("/duties");
    await page.getByRole("button", { name: "Tạo địa chỉ lịch" }).click();
    const feedUrl = await page.getByLabel("Địa chỉ lịch của bạn (chỉ hiện lần này)").inputValue();
    expect(feedUrl).toMatch(/\/duties\/feed\/[a-z2-7]{40}\.ics$/);
    const [assignment] = await appSql<{ id: number }>(`select id from assignments where shift_id = $1 and status = 'ACTIVE'`, [
      shifts[0].id,
    ]);
    let event = (await fetchFeed(feedUrl)).find((e) => e.uid === `duty-${assignment.id}@kt1-academy`);
    expect(event?.startDate.toJSDate().toISOString()).toBe(new Date(start).toISOString());
    expect(event?.component.getFirstPropertyValue("status")).toBe("CONFIRMED");

    // The swap to an eligible colleague goes through.
    const manager = await swapThrough(page, shifts[0].id, COLLEAGUE);
    await manager.getByText("Đã duyệt đổi ca: ca trực đã chuyển cho đồng nghiệp.").waitFor();
    expect(await activeOn(shifts[0].id)).toEqual([COLLEAGUE.code]);

    await page.goto("/notifications");
    const cancelled = page.getByRole("listitem", { name: `Ca trực ${duty} tại ${station} của bạn đã bị hủy` });
    await expect(cancelled.textContent()).resolves.toContain("đã đổi ca cho đồng nghiệp");
    event = (await fetchFeed(feedUrl)).find((e) => e.uid === `duty-${assignment.id}@kt1-academy`);
    expect(event?.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event?.sequence).toBe(1);

    // Revoked: the old URL answers 404.
    await page.goto("/duties");
    await page.getByRole("button", { name: "Thu hồi địa chỉ lịch" }).click();
    await page.getByText("Đã thu hồi địa chỉ lịch.").waitFor();
    expect((await get(new URL(feedUrl).pathname)).status).toBe(404);
  });

  it("a swap to a colleague who does not qualify is refused with the reasons and logged; the holder keeps the duty", async () => {
    await managerAssigns(shifts[1].id, HOLDER.code);
    const page = await newPage();
    await loginAs(page, HOLDER.email);
    const manager = await swapThrough(page, shifts[1].id, UNQUALIFIED);
    const alert = manager.getByRole("alert");
    await expect(alert.textContent()).resolves.toContain(`${UNQUALIFIED.name} không đủ điều kiện nhận ca này`);
    await expect(alert.textContent()).resolves.toContain("Chưa có chứng nhận bắt buộc cho nhiệm vụ này.");
    expect(await activeOn(shifts[1].id)).toEqual([HOLDER.code]);
    const logged = await appSql<{ reasons: string[] }>(
      `select r.reasons from refusals r join people p on p.id = r.person_id where p.employee_code = $1 and r.starts_at = $2`,
      [UNQUALIFIED.code, shifts[1].starts_at],
    );
    expect(logged).toHaveLength(1);
    expect(logged[0].reasons).toContain("NO_CERTIFICATION");
    await page.goto("/duties");
    await page.getByText("Bị từ chối theo quy tắc KT1").waitFor();
  });
});
