import { describe, expect, it } from "vitest";
import { expectHeading, useBrowser } from "../support/browser.ts";

const { newPage, loginAs } = useBrowser();

const HOMES = [
  { email: "admin@kt1.test", path: "/admin", heading: "Quản trị hệ thống" },
  { email: "trainer@kt1.test", path: "/trainer", heading: "Trang giảng viên" },
  { email: "manager@kt1.test", path: "/manage", heading: "Quản lý đơn vị" },
  { email: "auditor@kt1.test", path: "/audit", heading: "Nhật ký kiểm toán" },
  { email: "learner@kt1.test", path: "/learn", heading: /^Xin chào, / },
];

describe("each demo login lands on its own home page", () => {
  for (const home of HOMES) {
    it(`${home.email} → ${home.path}`, async () => {
      const page = await newPage();
      await loginAs(page, home.email);
      await expectHeading(page, home.heading);
      expect(new URL(page.url()).pathname).toBe(home.path);
    });
  }

  it("a wrong password shows a clear message and no session", async () => {
    const page = await newPage();
    await page.goto("/login");
    await page.getByLabel("Mã nhân viên hoặc email").fill("learner@kt1.test");
    await page.getByLabel("Mật khẩu").fill("sai-mat-khau-roi");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("alert").filter({ hasText: "không đúng" }).waitFor();
    await page.goto("/learn");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("works without JavaScript and on a phone-sized screen", async () => {
    const page = await newPage({ javaScript: false, viewport: { width: 375, height: 740 } });
    await loginAs(page, "learner@kt1.test");
    expect(new URL(page.url()).pathname).toBe("/learn");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("switches to English and back", async () => {
    const page = await newPage();
    await loginAs(page, "learner@kt1.test");
    await page.getByRole("button", { name: "English" }).click();
    await expectHeading(page, /^Hello, /);
    await page.getByRole("link", { name: "Account" }).waitFor();
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await expectHeading(page, /^Xin chào, /);
  });
});
