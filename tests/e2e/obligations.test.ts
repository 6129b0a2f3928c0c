import { describe, expect, it } from "vitest";
import { expectHeading, useBrowser } from "../support/browser.ts";

const { newPage, loginAs } = useBrowser();

describe("learner: what is required of them", () => {
  it("a clerk sees the certifications required of her, with status, due date and the next step, above her courses", async () => {
    const page = await newPage({ viewport: { width: 375, height: 740 } });
    await loginAs(page, "learner@kt1.test");
    await expectHeading(page, /^Xin chào, /);
    const section = page.getByRole("region", { name: "Bắt buộc với bạn" });
    const items = section.getByRole("listitem");
    await expect(items.count()).resolves.toBe(2);
    const clerk = items.filter({ hasText: "Gửi, nhận tài liệu mật qua KT1 — văn thư" });
    await clerk.getByText("Cần hoàn thành").waitFor();
    await clerk.getByText(/^Hạn hoàn thành: \d{2}\/\d{2}\/\d{4}$/).waitFor();
    await items.filter({ hasText: "Bảo vệ bí mật nhà nước" }).getByText("Cần hoàn thành").waitFor();
    // Above the optional courses, and no wider than the phone.
    const above = await page.evaluate(() => {
      const required = document.getElementById("required-h");
      const courses = document.getElementById("courses-h");
      return !!required && !!courses && (required.compareDocumentPosition(courses) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(above).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // The next step opens the first required course.
    const next = clerk.getByRole("link", { name: /^Học tiếp: / });
    const title = ((await next.textContent()) ?? "").replace(/^Học tiếp: /, "");
    await next.click();
    await expectHeading(page, title);
  });

  it("a postal worker is measured against the postal certification only", async () => {
    const page = await newPage();
    await loginAs(page, "postal@kt1.test");
    const section = page.getByRole("region", { name: "Bắt buộc với bạn" });
    await section.getByText("Nghiệp vụ KT1 — nhân viên bưu điện").waitFor();
    await expect(section.getByRole("listitem").count()).resolves.toBe(1);
    await expect(section.textContent()).resolves.not.toContain("văn thư");
  });
});
