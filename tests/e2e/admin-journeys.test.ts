import { describe, expect, it } from "vitest";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql, get, loginCookie, post } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();
const HEADER = "Mã nhân viên;Họ và tên;Mã đơn vị;Chức vụ;Ngày bắt đầu công tác;Email";

function csv(lines: string[]) {
  return { name: "nhan-su.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join("\r\n")}\r\n`, "utf8") };
}

describe("admin journeys", () => {
  it("an admin imports staff: a file with bad rows imports nothing and lists them; the fixed file imports", async () => {
    const page = await newPage();
    await loginAs(page, "admin@kt1.test");
    await page.goto("/people/import");
    await page
      .getByLabel("Tệp danh sách (.csv hoặc .xlsx)")
      .setInputFiles(
        csv([
          "E2E001;Quách Thị Nhập;TH-BD-SAMSON-KT1;Bưu tá KT1;05/09/2024;nhap.quach@kt1.test",
          "E2E002;Văn Sai Đơn Vị;KHONG-TON-TAI;Bưu tá KT1;05/09/2024;",
          "E2E003;Ngày Sai;TH-BD-SAMSON-KT1;Bưu tá KT1;30/02/2024;",
        ]),
      );
    await page.getByRole("button", { name: "Tải lên và nhập" }).click();
    await page.getByText("Không nhập dòng nào: tệp có 2 lỗi").waitFor();
    const problems = page.getByRole("table").filter({ hasText: "Lý do" });
    await expect(problems.getByRole("row").count()).resolves.toBe(3);
    await expect(problems.textContent()).resolves.toContain("KHONG-TON-TAI");
    expect(await appSql(`select 1 from people where employee_code like 'E2E%'`)).toHaveLength(0);

    await page
      .getByLabel("Tệp danh sách (.csv hoặc .xlsx)")
      .setInputFiles(csv(["E2E001;Quách Thị Nhập;TH-BD-SAMSON-KT1;Bưu tá KT1;05/09/2024;nhap.quach@kt1.test"]));
    await page.getByRole("button", { name: "Tải lên và nhập" }).click();
    await page.getByText(/1 người mới/).waitFor();

    // Found without diacritics, as people type on phones.
    await page.goto("/people?q=quach%20thi%20nhap");
    await page.getByRole("link", { name: "Quách Thị Nhập" }).waitFor();
  });

  it("an admin creates a person with a temporary password, who must change it at first login", async () => {
    const page = await newPage();
    await loginAs(page, "admin@kt1.test");
    await page.goto("/people/new");
    await page.getByLabel("Mã nhân viên").fill("e2e100");
    await page.getByLabel("Họ và tên").fill("Lò Văn Mới");
    const [station] = await appSql<{ id: number }>(`select id from units where code = 'TH-BD-SAMSON-KT1'`);
    await page.getByLabel("Đơn vị", { exact: true }).selectOption(String(station.id));
    await page.getByLabel("Chức vụ").selectOption({ label: "Nhân viên khai thác KT1" });
    await page.getByLabel("Ngày nhận vị trí").fill("01/03/2024");
    await page.getByLabel("Ngày bắt đầu công tác").fill("01/03/2024");
    await page.getByLabel("Email").fill("lo.van.moi@kt1.test");
    await page.getByLabel("Mật khẩu tạm thời").fill("Tam-thoi-2026!");
    await page.getByRole("button", { name: "Thêm nhân sự" }).click();
    await expectHeading(page, "Lò Văn Mới");
    // "Saved" is said once, on the person's own address, and not again on reload.
    await page.getByRole("status").filter({ hasText: "Đã lưu thay đổi." }).waitFor();
    expect(new URL(page.url()).search).toBe("");
    await page.reload();
    await expectHeading(page, "Lò Văn Mới");
    expect(await page.getByText("Đã lưu thay đổi.").count()).toBe(0);

    const learner = await newPage(); // another browser: the new person's own
    await loginAs(learner, "E2E100", "Tam-thoi-2026!");
    await expectHeading(learner, "Đổi mật khẩu");
    await learner.goto("/learn");
    expect(new URL(learner.url()).pathname).toBe("/account/password");
    await learner.getByLabel("Mật khẩu hiện tại").fill("Tam-thoi-2026!");
    await learner.getByLabel("Mật khẩu mới", { exact: true }).fill("lovanmoi-2026");
    await learner.getByLabel("Nhập lại mật khẩu mới").fill("lovanmoi-2026");
    await learner.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await learner.getByText("không được chứa họ tên").waitFor();
    await learner.getByLabel("Mật khẩu hiện tại").fill("Tam-thoi-2026!");
    await learner.getByLabel("Mật khẩu mới", { exact: true }).fill("Bưu-cục-an-toàn-7");
    await learner.getByLabel("Nhập lại mật khẩu mới").fill("Bưu-cục-an-toàn-7");
    await learner.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await expectHeading(learner, /^Xin chào, Lò Văn Mới/);

    // Changed again from the account page: said once, after the redirect.
    await learner.goto("/account");
    await learner.getByLabel("Mật khẩu hiện tại").fill("Bưu-cục-an-toàn-7");
    await learner.getByLabel("Mật khẩu mới", { exact: true }).fill("Thư-tín-bảo-đảm-8");
    await learner.getByLabel("Nhập lại mật khẩu mới").fill("Thư-tín-bảo-đảm-8");
    await learner.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await learner.getByRole("status").filter({ hasText: "Đã đổi mật khẩu." }).waitFor();
    expect(new URL(learner.url()).pathname + new URL(learner.url()).search).toBe("/account");
  });

  it("an admin adds a requirement rule: a rule for nobody is refused, a real one obligates the people it selects", async () => {
    const page = await newPage({ viewport: { width: 375, height: 740 } });
    await loginAs(page, "admin@kt1.test");
    await page.goto("/admin");
    await page.getByRole("link", { name: "Chứng nhận bắt buộc theo vị trí" }).click();
    await expectHeading(page, "Chứng nhận bắt buộc theo vị trí");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Thêm quy tắc" }) });
    await form.getByLabel("Chứng nhận").selectOption({ label: "Bảo vệ bí mật nhà nước (BMNN)" });
    await form.getByRole("button", { name: "Thêm quy tắc" }).click();
    await page.getByRole("alert").filter({ hasText: "Hãy chọn ít nhất một điều kiện" }).waitFor();

    await form.getByLabel("Loại đơn vị").selectOption({ label: "Công an" });
    await form.getByLabel("Vị trí").selectOption({ label: "Chuyên viên" });
    await form.getByLabel("Chứng nhận").selectOption({ label: "Bảo vệ bí mật nhà nước (BMNN)" });
    await form.getByLabel("Số ngày phải hoàn thành").fill("45");
    await form.getByRole("button", { name: "Thêm quy tắc" }).click();
    await page.getByRole("status").filter({ hasText: "Đã lưu quy tắc" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const [rule] = await appSql<{ id: number; obligated: number }>(
      `select r.id, (select count(*)::int from obligations o where o.rule_id = r.id) as obligated
         from requirement_rules r join positions p on p.id = r.position_id where r.unit_kind = 'POLICE' and p.code = 'CHUYEN_VIEN'`,
    );
    const [expected] = await appSql<{ n: number }>(
      `select count(*)::int as n from people pe join units u on u.id = pe.unit_id join positions p on p.id = pe.position_id
        where u.kind = 'POLICE' and p.code = 'CHUYEN_VIEN' and pe.status = 'ACTIVE'`,
    );
    expect(rule.obligated).toBe(expected.n);
    expect(expected.n).toBeGreaterThan(0);
    expect(
      await appSql(`select 1 from audit_entries where action = 'requirement.create' and target_id = $1`, [String(rule.id)]),
    ).toHaveLength(1);

    // The position catalogue reads on a phone too.
    await page.goto("/admin/positions");
    await page.getByRole("cell", { name: "GDV_KT1", exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // Deleted again: the obligations go with it.
    await page.goto(`/admin/requirements/${rule.id}`);
    await page.getByRole("button", { name: "Xóa quy tắc" }).click();
    await page.getByRole("status").filter({ hasText: "Đã xóa quy tắc" }).waitFor();
    expect(await appSql(`select 1 from obligations where rule_id = $1`, [rule.id])).toHaveLength(0);
  });

  it("deactivating a person ends their sessions at once", async () => {
    const cookie = await loginCookie("postal@kt1.test");
    expect((await get("/learn", cookie)).status).toBe(200);
    const [postal] = await appSql<{ id: number }>(`select id from people where email = 'postal@kt1.test'`);
    const admin = await loginCookie("admin@kt1.test");
    const res = await post(`/people/${postal.id}`, { intent: "deactivate" }, admin);
    expect(res.status).toBe(302);
    expect((await get("/learn", cookie)).status).toBe(302);
    await appSql(`update people set status = 'ACTIVE' where id = $1`, [postal.id]);
  });

  it("repeated failed logins are refused with the wait time, without saying whether the account exists", async () => {
    const attempt = (identifier: string) => post("/login", { identifier, password: "sai-mat-khau-9" });
    for (let i = 0; i < 5; i++) expect((await attempt("TH0010")).status).toBe(400);
    const blocked = await attempt("TH0010");
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toMatch(/thử lại sau \d+ phút/);
    const right = await post("/login", { identifier: "TH0010", password: "Kt1-demo-2026" });
    expect(right.status).toBe(429);
  });

  it("an auditor reads the audit log, filters it, and exports the same rows as CSV", async () => {
    const page = await newPage();
    await loginAs(page, "auditor@kt1.test");
    await page.goto("/audit?action=people.import");
    const rows = page.locator("table tbody tr");
    await rows.first().waitFor();
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(0);
    const cookie = await loginCookie("auditor@kt1.test");
    const res = await get("/audit.csv?action=people.import", cookie);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for diacritics
    const body = new TextDecoder().decode(bytes);
    expect(body.trim().split("\r\n")).toHaveLength(shown + 1);

    // Each entry reads as a sentence with links, the stored JSON folded under "Dữ liệu gốc".
    await page.goto("/audit?action=role.grant");
    const sentence = page.locator(".audit-sentence").first();
    await expect(sentence.textContent()).resolves.toMatch(/ cấp vai trò .+ cho /);
    expect(await sentence.locator('a[href^="/people/"]').count()).toBeGreaterThan(0);
    await page.locator(".audit-raw summary", { hasText: "Dữ liệu gốc" }).first().waitFor();
    // The action filter offers every action, grouped by area.
    expect(await page.locator('select[name="action"] optgroup').count()).toBeGreaterThanOrEqual(10);
    expect(await page.locator('select[name="action"] option').count()).toBeGreaterThan(55);
    // Dates are typed dd/mm/yyyy; a day that does not exist is named, not ignored.
    await page.getByLabel("Từ ngày").fill("31/02/2026");
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.getByText("Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy").waitFor();
    await page.getByLabel("Từ ngày").fill("01/01/2020");
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.waitForURL(/from=01%2F01%2F2020/);
    await expect.poll(() => page.getByText("Ngày không hợp lệ").count(), { timeout: 10_000 }).toBe(0);
  });
});
