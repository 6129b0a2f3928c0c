// A manager reads the obligation escalations in the app (decision 046): the
// overdue notice links to the person, the weekly digest lists the people who need
// attention and opens the dashboard. The rows are what the deliverer writes
// (tests/integration/escalation.test.ts plans and delivers them for real).
import { afterAll, describe, expect, it } from "vitest";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();
const TYPE = "Nghiệp vụ KT1 — khai thác";
let ids: number[] = [];

afterAll(async () => {
  // The app may not delete notifications; the owner cleans up.
  if (ids.length) await appSql(`delete from notifications where id = any($1::int[])`, [ids], "owner");
});

describe("obligation escalations in the app", () => {
  it("a manager sees the overdue notice with a link to the person and the weekly digest of their units", async () => {
    const [manager] = await appSql<{ id: number }>(`select id from people where email = 'manager@kt1.test'`);
    const [kieu] = await appSql<{ id: number }>(`select id from people where employee_code = 'TH0039'`);
    const overdue = {
      personId: kieu.id,
      person: "Trần Thị Kiều",
      unit: "Bưu cục KT1 Hạc Thành",
      type: TYPE,
      status: "OVERDUE",
      dueOn: "2026-11-20",
      week: 1,
    };
    const digest = {
      weekOf: "2026-11-30",
      asOf: "2026-12-01",
      counts: { COMPLIANT: 12, EXPIRING: 2, DUE: 3, OVERDUE: 1, EXPIRED: 1, REVOKED: 0 },
      total: 19,
      dueSoon: 1,
      listed: [
        { personId: kieu.id, person: "Trần Thị Kiều", unit: "Bưu cục KT1 Hạc Thành", type: TYPE, status: "OVERDUE", dueOn: "2026-11-20" },
        { personId: kieu.id, person: "Bùi Văn Lợi", unit: "Bưu cục KT1 Hạc Thành", type: TYPE, status: "DUE", dueOn: "2026-12-12" },
      ],
      unlisted: 0,
    };
    const rows = await appSql<{ id: number }>(
      `insert into notifications (person_id, kind, data, created_at) values ($1, 'OBLIGATION_OVERDUE', $2, now()), ($1, 'OBLIGATION_DIGEST', $3, now()) returning id`,
      [manager.id, JSON.stringify(overdue), JSON.stringify(digest)],
    );
    ids = rows.map((r) => r.id);

    const page = await newPage();
    await loginAs(page, "manager@kt1.test");
    await page.goto("/notifications");
    await expectHeading(page, "Thông báo");

    const notice = page.getByRole("listitem", {
      name: `Trần Thị Kiều (Bưu cục KT1 Hạc Thành) chưa có chứng nhận “${TYPE}” bắt buộc, hạn ngày 20/11/2026`,
    });
    await expect(notice.textContent()).resolves.toContain("Nhắc lại hằng tuần cho đến khi nhân sự có chứng nhận hợp lệ.");
    expect(await notice.getByRole("link", { name: "Xem hồ sơ Trần Thị Kiều" }).getAttribute("href")).toBe(`/people/${kieu.id}`);

    const weekly = page.getByRole("listitem", { name: "Tổng hợp tuần từ 30/11/2026: 2 quá hạn, 1 sắp đến hạn" });
    const text = await weekly.textContent();
    expect(text).toContain("Đạt 12 · Sắp hết hạn 2 · Cần hoàn thành 3 · Quá hạn 1 · Đã hết hạn 1 · Đã bị thu hồi 0");
    expect(text).toContain(`Trần Thị Kiều (Bưu cục KT1 Hạc Thành) — “${TYPE}”: Quá hạn, hạn ngày 20/11/2026`);
    expect(text).toContain(`Bùi Văn Lợi (Bưu cục KT1 Hạc Thành) — “${TYPE}”: Cần hoàn thành, hạn ngày 12/12/2026`);
    expect(await weekly.getByRole("link", { name: "Mở trang Tổng quan" }).getAttribute("href")).toBe("/dashboard");
  });
});
