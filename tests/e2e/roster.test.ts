// The KT1 duty roster as a manager uses it: eligible people first, every
// reason for the others, refusals logged, gaps listed, phones and no
// JavaScript, and nothing outside the manager's stations.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { experienceMetOn } from "~/domain/roster/advice.ts";
import { appSql, get, loginCookie, post } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();

const STATION = "TH-BD-HACTHANH-KT1";
const STATION_NAME = "Bưu cục KT1 Hạc Thành";
const REASON = {
  NO_CERTIFICATION: "Chưa có chứng nhận bắt buộc cho nhiệm vụ này.",
  INSUFFICIENT_EXPERIENCE: "Chưa đủ thời gian công tác tối thiểu cho nhiệm vụ này.",
  NO_COMMITMENT: "Chưa ký bản cam kết bảo vệ bí mật nhà nước hiện hành (ký trong ứng dụng hoặc bản giấy đã lưu).",
  EXPIRES: "Chứng nhận hết hạn trước khi ca trực kết thúc.",
  REVOKED: "Chứng nhận đã bị thu hồi.",
  INACTIVE: "Người này không còn làm việc.",
};

async function stationId(code: string) {
  const [row] = await appSql<{ id: number }>(`select id from stations where code = $1`, [code]);
  return row.id;
}

/** The latest seeded shift of a duty at a station that nobody is on yet. */
async function emptyShift(station: string, duty: string) {
  const [row] = await appSql<{ id: number }>(
    `select s.id from shifts s join stations st on st.id = s.station_id join duty_types d on d.id = s.duty_type_id
      where st.code = $1 and d.code = $2 and s.starts_at > now() + interval '1 day'
        and not exists (select 1 from assignments a where a.shift_id = s.id and a.status = 'ACTIVE')
      order by s.starts_at desc limit 1`,
    [station, duty],
  );
  return row.id;
}

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

describe("KT1 duty roster", () => {
  it("lists eligible people first and the others with every reason; an ineligible try is refused and logged, an eligible one assigned", async () => {
    const page = await newPage();
    await loginAs(page, "manager@kt1.test");
    await page.goto("/roster");
    await expectHeading(page, "Lịch trực KT1");
    await page.getByRole("link", { name: STATION_NAME, exact: true }).click();
    await expectHeading(page, STATION_NAME);

    const shiftId = await emptyShift(STATION, "KT1-KHAI-THAC");
    await page.goto(`/roster/shifts/${shiftId}`);
    await expectHeading(page, /Khai thác, chia chọn KT1/);
    const eligible = page.getByRole("region", { name: /^Đủ điều kiện/ });
    const ineligible = page.getByRole("region", { name: /^Không đủ điều kiện/ });
    await eligible.getByText("Lê Thị Huyền").waitFor();
    const [eligibleBox, ineligibleBox] = [await eligible.boundingBox(), await ineligible.boundingBox()];
    expect(eligibleBox!.y).toBeLessThan(ineligibleBox!.y);
    expect(await eligible.getByText("Trần Thị Kiều").count()).toBe(0);

    // Every ineligible person carries all their reasons, in Vietnamese.
    const person = (name: string) => ineligible.getByRole("listitem").filter({ hasText: name }).first();
    for (const text of [REASON.NO_CERTIFICATION, REASON.INSUFFICIENT_EXPERIENCE, REASON.NO_COMMITMENT]) {
      await expect(person("Trần Thị Kiều").textContent()).resolves.toContain(text);
    }
    await expect(person("Bùi Văn Lợi").textContent()).resolves.toContain(REASON.EXPIRES);
    await expect(person("Phùng Văn Nghĩa").textContent()).resolves.toContain(REASON.REVOKED);
    await expect(person("Ngô Văn Phúc").textContent()).resolves.toContain(REASON.INACTIVE);
    await expect(person("Nguyễn Thị Bích Phượng").textContent()).resolves.toContain(REASON.NO_COMMITMENT);
    await expect(person("Lê Văn Khánh").textContent()).resolves.toContain(REASON.INSUFFICIENT_EXPERIENCE);

    // Trying is allowed (the button is enabled); the answer is a refusal with every reason.
    const tryKieu = page.getByRole("button", { name: "Phân công Trần Thị Kiều" });
    expect(await tryKieu.isEnabled()).toBe(true);
    await tryKieu.click();
    // The refusal is next to the button that was pressed, and says what to do: which certification, from when experience suffices, and where.
    const refusal = person("Trần Thị Kiều").getByRole("alert").filter({ hasText: "Từ chối phân công Trần Thị Kiều" });
    await refusal.waitFor();
    for (const text of [REASON.NO_CERTIFICATION, REASON.INSUFFICIENT_EXPERIENCE, REASON.NO_COMMITMENT]) {
      await expect(refusal.textContent()).resolves.toContain(text);
    }
    const [kieu] = await appSql<{ id: number; started: string; months: number; certification: string }>(
      `select p.id, to_char(p.work_started_on, 'YYYY-MM-DD') as started, d.min_experience_months as months,
              (select t.name from duty_type_certifications dc join certification_types t on t.id = dc.certification_type_id
                where dc.duty_type_id = d.id order by t.id limit 1) as certification
         from people p, duty_types d where p.employee_code = 'TH0039' and d.code = 'KT1-KHAI-THAC'`,
    );
    const metOn = experienceMetOn(kieu.started, kieu.months).split("-").reverse().join("/");
    await expect(refusal.textContent()).resolves.toContain(`Chứng nhận cần có: “${kieu.certification}”.`);
    await expect(refusal.textContent()).resolves.toContain(`Đủ thời gian công tác từ ngày ${metOn}.`);
    const next = refusal.getByRole("link", { name: "Xem hồ sơ Trần Thị Kiều: chứng nhận và việc cần làm" });
    expect(await next.getAttribute("href")).toBe(`/people/${kieu.id}`);
    const logged = await appSql<{ reasons: string[]; path: string }>(
      `select r.reasons, r.path::text as path from refusals r join people p on p.id = r.person_id where p.employee_code = 'TH0039' and r.starts_at = (select starts_at from shifts where id = $1)`,
      [shiftId],
    );
    expect(logged).toHaveLength(1);
    expect([...logged[0].reasons].sort()).toEqual(["INSUFFICIENT_EXPERIENCE", "NO_CERTIFICATION", "NO_COMMITMENT"]);
    expect(await appSql(`select 1 from assignments a join people p on p.id = a.person_id where p.employee_code = 'TH0039'`)).toHaveLength(
      0,
    );

    // A certified colleague is assigned and shows on the shift.
    await page.getByRole("button", { name: "Phân công Lê Thị Huyền" }).click();
    await page.getByRole("status").filter({ hasText: "Đã phân công Lê Thị Huyền" }).waitFor();
    await page
      .getByRole("region", { name: /^Đã phân công/ })
      .getByText("Lê Thị Huyền")
      .waitFor();

    // The refusal is in the log, with its reasons, and in the CSV export.
    await page.goto("/roster/refusals");
    await expectHeading(page, "Nhật ký từ chối phân công");
    const entry = page.getByRole("listitem").filter({ hasText: "Trần Thị Kiều" }).first();
    await expect(entry.textContent()).resolves.toContain(REASON.NO_COMMITMENT);
    const csv = await get("/roster/refusals.csv?reason=NO_CERTIFICATION", await loginCookie("auditor@kt1.test"));
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder().decode(bytes);
    expect(body.split("\r\n")[0]).toContain("Mã nhân viên");
    expect(body).toContain("TH0039");
    expect(body).toContain(REASON.NO_CERTIFICATION);
  });

  it("lists short shifts, the ones that lost someone to a revocation highlighted", async () => {
    const page = await newPage();
    await loginAs(page, "manager@kt1.test");
    await page.goto("/roster/gaps");
    await expectHeading(page, "Ca thiếu người");
    const rows = page.locator("table tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    await expect(rows.filter({ hasText: STATION_NAME }).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator("tr.roster-gap--revoked").count()).resolves.toBeGreaterThan(0);
  });

  it("adds a shift, and copying last week keeps the new shift while refusing who no longer qualifies", async () => {
    const page = await newPage();
    await loginAs(page, "manager@kt1.test");
    const id = await stationId(STATION);
    // The seeded certificates end on 09/06/2027: fine on Monday 07/06, expired a week later.
    await page.goto(`/roster/stations/${id}?week=2027-06-07`);
    await expectHeading(page, STATION_NAME);
    await page.getByLabel("Ngày", { exact: true }).fill("07/06/2027");
    await page.getByLabel("Giờ bắt đầu", { exact: true }).fill("07:00");
    await page.getByLabel(/^Giờ kết thúc/).fill("11:30");
    await page.getByLabel("Nhiệm vụ").selectOption({ label: "Chấp nhận bưu gửi KT1" });
    await page.getByLabel("Số người cần").fill("1");
    await page.getByRole("button", { name: "Thêm ca" }).click();
    await page.getByRole("status").filter({ hasText: "Đã thêm ca trực" }).waitFor();
    const [shift] = await appSql<{ id: number }>(
      `select id from shifts where station_id = $1 and starts_at = '2027-06-07T07:00:00+07:00'`,
      [id],
    );
    expect(
      await appSql(`select 1 from audit_entries where action = 'roster.shift_create' and target_id = $1`, [String(shift.id)]),
    ).toHaveLength(1);
    await page.goto(`/roster/shifts/${shift.id}`);
    await page.getByRole("button", { name: "Phân công Lê Thị Huyền" }).click();
    await page.getByRole("status").filter({ hasText: "Đã phân công Lê Thị Huyền" }).waitFor();

    await page.goto(`/roster/stations/${id}?week=2027-06-14`);
    await page.getByRole("button", { name: "Sao chép tuần trước" }).click();
    const result = page.getByRole("status").filter({ hasText: "Đã tạo 1 ca" });
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain("1 phân công bị từ chối");
    await expect(result.textContent()).resolves.toContain("Lê Thị Huyền");
    await expect(result.textContent()).resolves.toContain(REASON.EXPIRES);
    const copied = await appSql<{ n: string }>(
      `select count(*) as n from shifts where station_id = $1 and starts_at = '2027-06-14T07:00:00+07:00'`,
      [id],
    );
    expect(copied[0].n).toBe("1");
    expect(await appSql(`select 1 from refusals where path = 'COPY' and starts_at = '2027-06-14T07:00:00+07:00'`)).toHaveLength(1);
  });

  it("works on a phone without JavaScript: no sideways scrolling, and assigning still works", async () => {
    const page = await newPage({ javaScript: false, viewport: { width: 375, height: 740 } });
    await loginAs(page, "manager@kt1.test");
    await page.goto("/roster");
    await expectHeading(page, "Lịch trực KT1");
    await noHorizontalOverflow(page);
    await page.goto(`/roster/stations/${await stationId(STATION)}`);
    await expectHeading(page, STATION_NAME);
    await noHorizontalOverflow(page);
    await page.goto("/roster/gaps");
    await noHorizontalOverflow(page);
    await page.goto("/roster/refusals");
    await noHorizontalOverflow(page);

    const shiftId = await emptyShift(STATION, "KT1-PHAT");
    await page.goto(`/roster/shifts/${shiftId}`);
    await expectHeading(page, /Phát bưu gửi KT1/);
    await noHorizontalOverflow(page);
    await page.getByRole("button", { name: "Phân công Đỗ Đức Mạnh" }).click();
    await page.getByRole("status").filter({ hasText: "Đã phân công Đỗ Đức Mạnh" }).waitFor();
    await noHorizontalOverflow(page);
    await page.getByRole("button", { name: "Phân công Trần Thị Kiều" }).click();
    await page.getByRole("alert").filter({ hasText: REASON.NO_COMMITMENT }).waitFor();
    await noHorizontalOverflow(page);
  });

  it("a manager of one station cannot open or change another station's roster", async () => {
    // The Hạc Thành station head gets a login (same demo password as the other accounts).
    await appSql(
      `insert into accounts (person_id, password_hash)
       select p.id, a.password_hash from people p, accounts a join people m on m.id = a.person_id
        where p.employee_code = 'TH0034' and m.email = 'manager@kt1.test'
       on conflict (person_id) do nothing`,
    );
    const cookie = await loginCookie("TH0034");
    const own = await stationId(STATION);
    const other = await stationId("TH-BD-SAMSON-KT1");
    expect((await get(`/roster/stations/${own}`, cookie)).status).toBe(200);
    const list = await (await get("/roster", cookie)).text();
    expect(list).toContain(STATION_NAME);
    expect(list).not.toContain("Bưu cục KT1 Sầm Sơn");

    // Another station and its shifts answer as if they did not exist (decision 035).
    const res = await get(`/roster/stations/${other}`, cookie);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Bưu cục KT1 Sầm Sơn");
    const otherShift = await emptyShift("TH-BD-SAMSON-KT1", "KT1-CHAP-NHAN");
    expect((await get(`/roster/shifts/${otherShift}`, cookie)).status).toBe(404);
    const [samsonPerson] = await appSql<{ id: number }>(`select id from people where employee_code = 'TH0045'`);
    expect((await post(`/roster/shifts/${otherShift}`, { intent: "assign", personId: String(samsonPerson.id) }, cookie)).status).toBe(404);
    expect((await post(`/roster/stations/${other}`, { intent: "copy", week: "2027-06-14" }, cookie)).status).toBe(404);
    expect(await appSql(`select 1 from assignments where shift_id = $1`, [otherShift])).toHaveLength(0);
    // Nor can he put someone from another station on his own shifts.
    const ownShift = await emptyShift(STATION, "KT1-CHAP-NHAN");
    expect((await post(`/roster/shifts/${ownShift}`, { intent: "assign", personId: String(samsonPerson.id) }, cookie)).status).toBe(403);
  });

  it("an admin adds a station and renames it; a blank name is refused beside its field and changes nothing", async () => {
    const page = await newPage();
    await loginAs(page, "admin@kt1.test");
    await page.goto("/roster/admin");
    await expectHeading(page, "Quản trị lịch trực");
    const code = `E2E-REN-${Date.now().toString(36).toUpperCase()}`;
    const create = page.locator("form").filter({ has: page.getByRole("button", { name: "Thêm bưu cục" }) });
    await create.getByLabel("Mã bưu cục").fill(code);
    await create.getByLabel("Tên bưu cục").fill("Bưu cục thử đổi tên");
    await create.getByLabel("Đơn vị quản lý").selectOption({ index: 1 });
    await create.getByRole("button", { name: "Thêm bưu cục" }).click();
    const rename = page.getByLabel(`Tên mới của bưu cục ${code}`);
    await rename.waitFor();

    // Spaces only: the form comes back with the error beside the field, and the name is unchanged.
    await rename.fill("   ");
    await rename.locator("xpath=ancestor::form").getByRole("button", { name: "Đổi tên" }).click();
    await expect.poll(() => rename.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await rename.getAttribute("aria-describedby"))!;
    await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toContain("Không được để trống");
    const [before] = await appSql<{ name: string }>(`select name from stations where code = $1`, [code]);
    expect(before.name).toBe("Bưu cục thử đổi tên");

    await rename.fill("Bưu cục thử đã đổi tên");
    await rename.locator("xpath=ancestor::form").getByRole("button", { name: "Đổi tên" }).click();
    await expect
      .poll(async () => (await appSql<{ name: string }>(`select name from stations where code = $1`, [code]))[0].name)
      .toBe("Bưu cục thử đã đổi tên");
    await page.getByText("Bưu cục thử đã đổi tên", { exact: true }).waitFor();
  });
});
