// Issue 16, two-person duties, as a manager meets them: the pair on the
// shift's page, a cancellation that would leave one person refused and logged,
// the "uncovered" mark that lets it through, and the gaps list showing it.
import { describe, expect, it } from "vitest";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();
const DUTY = "Áp tải bưu gửi KT1 loại A (hai người)";

describe("two-person duties on the roster", () => {
  it("refuses breaking a complete pair until the shift is marked uncovered; the gaps list shows the mark", async () => {
    // The last seeded two-person shift at Hạc Thành, given its pair (TH0037 junior, TH0034 head of unit).
    const [shift] = await appSql<{ id: number }>(
      `select s.id from shifts s join duty_types d on d.id = s.duty_type_id
        where d.code = 'KT1-AP-TAI-A' and s.starts_at > now() + interval '1 day'
          and not exists (select 1 from assignments a where a.shift_id = s.id and a.status = 'ACTIVE')
        order by s.starts_at desc limit 1`,
    );
    for (const code of ["TH0037", "TH0034"])
      await appSql(`insert into assignments (shift_id, person_id, source) select $1, id, 'PAGE' from people where employee_code = $2`, [
        shift.id,
        code,
      ]);

    const page = await newPage();
    await loginAs(page, "manager@kt1.test");
    await page.goto(`/roster/shifts/${shift.id}`);
    await expectHeading(page, new RegExp(DUTY.replace(/[()]/g, "\\$&")));
    const pair = page.getByRole("region", { name: /Trực hai người/ });
    await pair.getByText("Đủ cặp", { exact: true }).waitFor();

    await page.getByLabel("Lý do hủy phân công Nguyễn Văn Thịnh").fill("Đi công tác đột xuất");
    await page.getByRole("button", { name: "Hủy phân công Nguyễn Văn Thịnh" }).click();
    await page
      .getByRole("alert")
      .getByText(/Ca trực hai người đã đủ cặp/)
      .waitFor();
    const active = () => appSql(`select 1 from assignments where shift_id = $1 and status = 'ACTIVE'`, [shift.id]);
    expect(await active()).toHaveLength(2);
    expect(
      await appSql(
        `select 1 from refusals r join people p on p.id = r.person_id
                     where p.employee_code = 'TH0034' and 'PAIR_WOULD_BREAK' = any(r.reasons) and r.starts_at = (select starts_at from shifts where id = $1)`,
        [shift.id],
      ),
    ).toHaveLength(1);

    await page.getByLabel("Lý do đánh dấu").fill("Chờ người thay anh Thịnh");
    await page.getByRole("button", { name: "Đánh dấu ca thiếu người" }).click();
    await page.getByText("Đã đánh dấu ca là thiếu người.").waitFor();
    await page.getByLabel("Lý do hủy phân công Nguyễn Văn Thịnh").fill("Đi công tác đột xuất");
    await page.getByRole("button", { name: "Hủy phân công Nguyễn Văn Thịnh" }).click();
    await page.getByText("Đã hủy phân công.").waitFor();
    expect(await active()).toHaveLength(1);

    await page.goto("/roster/gaps");
    await page.getByText("Chờ người thay anh Thịnh").waitFor();
    expect(await page.getByText("Đã đánh dấu thiếu người").count()).toBeGreaterThan(0);
  });
});
