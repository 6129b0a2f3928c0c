import { beforeAll, describe, expect, it } from "vitest";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();

// The demo learner and postal accounts are certified by other files of this
// suite (certificates), which share the demo database: these tests take a clerk
// and a postal worker nobody else touches, who hold no certification at all,
// and give them a login (the demo password, copied from the demo learner).
let clerk: string;
let postal: string;

async function withLogin(code: string) {
  await appSql(
    `insert into accounts (person_id, password_hash)
     select p.id, a.password_hash from people p, accounts a join people l on l.id = a.person_id
      where p.employee_code = $1 and l.email = 'learner@kt1.test'
     on conflict (person_id) do nothing`,
    [code],
  );
}

beforeAll(async () => {
  const untouched = `p.status = 'ACTIVE' and p.employee_code not in ('TH0005', 'TH0006', 'TH0071')
    and not exists (select 1 from certifications c where c.person_id = p.id)
    and not exists (select 1 from course_completions cc where cc.person_id = p.id)
    and not exists (select 1 from lesson_progress lp where lp.person_id = p.id)`;
  const [c] = await appSql<{ code: string }>(
    `select p.employee_code as code
       from people p join units u on u.id = p.unit_id join positions pos on pos.id = p.position_id join obligations o on o.person_id = p.id
      where ${untouched} and u.kind = 'AGENCY' and pos.code = 'VAN_THU'
      group by p.employee_code having count(*) = 2 order by p.employee_code limit 1`,
  );
  const [w] = await appSql<{ code: string }>(
    `select p.employee_code as code
       from people p join units u on u.id = p.unit_id join positions pos on pos.id = p.position_id join obligations o on o.person_id = p.id
      where ${untouched} and pos.code in ('KHAI_THAC_KT1', 'GDV_KT1', 'BUU_TA_KT1')
      group by p.employee_code having count(*) = 1 order by p.employee_code limit 1`,
  );
  clerk = c.code;
  postal = w.code;
  await withLogin(clerk);
  await withLogin(postal);
});

describe("learner: what is required of them", () => {
  it("a clerk sees the certifications required of her, with status, due date and the next step, above her courses", async () => {
    const page = await newPage({ viewport: { width: 375, height: 740 } });
    await loginAs(page, clerk);
    await expectHeading(page, /^Xin chào, /);
    const section = page.getByRole("region", { name: "Bắt buộc với bạn" });
    // Two certifications, and the signed commitment (a clerk sees state secrets).
    const items = section.getByRole("listitem").filter({ hasNotText: "Bản cam kết bảo vệ bí mật nhà nước" });
    await expect(items.count()).resolves.toBe(2);
    await expect(section.getByRole("listitem").count()).resolves.toBe(3);
    // Nothing held: each obligation is due, or overdue once its date has passed.
    const clerkItem = items.filter({ hasText: "Gửi, nhận tài liệu mật qua KT1 — văn thư" });
    await clerkItem.getByText(/^(Cần hoàn thành|Quá hạn)$/).waitFor();
    await clerkItem.getByText(/^(Hạn hoàn thành|Hạn đã qua): \d{2}\/\d{2}\/\d{4}$/).waitFor();
    await items
      .filter({ hasText: "Bảo vệ bí mật nhà nước" })
      .getByText(/^(Cần hoàn thành|Quá hạn)$/)
      .waitFor();
    // Above the optional courses, and no wider than the phone.
    const above = await page.evaluate(() => {
      const required = document.getElementById("required-h");
      const courses = document.getElementById("courses-h");
      return !!required && !!courses && (required.compareDocumentPosition(courses) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(above).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // The next step opens the first required course.
    const next = clerkItem.getByRole("link", { name: /^Học tiếp: / });
    const title = ((await next.textContent()) ?? "").replace(/^Học tiếp: /, "");
    await next.click();
    await expectHeading(page, title);
  });

  it("a postal worker is measured against the postal certification only", async () => {
    const page = await newPage();
    await loginAs(page, postal);
    const section = page.getByRole("region", { name: "Bắt buộc với bạn" });
    await section.getByText("Nghiệp vụ KT1 — nhân viên bưu điện").waitFor();
    await expect(section.getByRole("listitem").filter({ hasNotText: "Bản cam kết bảo vệ bí mật nhà nước" }).count()).resolves.toBe(1);
    await expect(section.textContent()).resolves.not.toContain("văn thư");
  });
});
