// A clerk signs the commitment to protect state secrets in the app, on a phone:
// the learner home asks for it, a wrong name is refused with a clear message,
// the right one signs, and the signature is on file with what was signed.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();

const CLERK = { email: "learner@kt1.test", fullName: "Nguyễn Thị Hồng Nhung" };

async function overflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe("the commitment to protect state secrets", () => {
  it("a clerk opens the commitment, types a wrong name and is told so, types her name, signs and sees it recorded", async () => {
    const page = await newPage({ viewport: { width: 375, height: 740 } });
    await loginAs(page, CLERK.email);
    await expectHeading(page, /^Xin chào, /);
    // Among what is required of her: the commitment, not signed, with its date.
    const item = page
      .getByRole("region", { name: "Bắt buộc với bạn" })
      .getByRole("listitem")
      .filter({ hasText: "Bản cam kết bảo vệ bí mật nhà nước (bản số 1)" });
    await item.getByText(/^(Cần hoàn thành|Quá hạn)$/).waitFor();
    await item.getByText(/^(Hạn hoàn thành|Hạn đã qua): \d{2}\/\d{2}\/\d{4}$/).waitFor();
    await item.getByRole("link", { name: "Đọc và ký bản cam kết" }).click();

    await expectHeading(page, "Cam kết bảo vệ bí mật nhà nước");
    await page.getByRole("heading", { level: 2, name: "Bản cam kết — phiên bản 1" }).waitFor();
    await page.getByText("Bạn chưa ký bản cam kết nào.").waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    const name = page.getByLabel("Gõ họ và tên của bạn để xác nhận");
    await name.fill("Nguyen Thi Hong Nhung");
    await page.getByRole("button", { name: "Ký bản cam kết" }).click();
    await page.getByText(`Họ và tên vừa gõ không khớp với hồ sơ. Hãy gõ đúng “${CLERK.fullName}”, cả chữ hoa và dấu.`).waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(
      await appSql(`select 1 from commitment_signatures s join people p on p.id = s.person_id where p.email = $1`, [CLERK.email]),
    ).toEqual([]);

    await name.fill(CLERK.fullName);
    await page.getByRole("button", { name: "Ký bản cam kết" }).click();
    await page.getByRole("status").filter({ hasText: "Đã ký bản cam kết bảo vệ bí mật nhà nước." }).waitFor();
    await page.getByText("Đã ký", { exact: true }).first().waitFor();
    const history = page.locator(".signature-list");
    await history.getByText("Phiên bản 1").waitFor();
    expect(await history.textContent()).toContain(CLERK.fullName);
    expect(await page.getByRole("button", { name: "Ký bản cam kết" }).count()).toBe(0);

    const [row] = await appSql<{ kind: string; typed_name: string; ip_address: string; same_hash: boolean }>(
      `select s.kind, s.typed_name, s.ip_address, s.text_sha256 = v.text_sha256 as same_hash
         from commitment_signatures s join people p on p.id = s.person_id join commitment_versions v on v.id = s.version_id
        where p.email = $1`,
      [CLERK.email],
    );
    expect(row).toMatchObject({ kind: "ELECTRONIC", typed_name: CLERK.fullName, same_hash: true });
    expect(row.ip_address).toBeTruthy();

    // The learner home shows it met, and no longer asks.
    await page.goto("/learn");
    await expectHeading(page, /^Xin chào, /);
    const met = page.getByRole("listitem").filter({ hasText: "Bản cam kết bảo vệ bí mật nhà nước (bản số 1)" });
    await met.getByText("Đạt", { exact: true }).waitFor();
    expect(await met.getByRole("link", { name: "Đọc và ký bản cam kết" }).count()).toBe(0);
  });

  it("an admin sees the current text and records a paper signature with its scan on a person's page", async () => {
    const [person] = await appSql<{ id: number; full_name: string }>(`select id, full_name from people where email = 'chau.vu@kt1.test'`);
    const page = await newPage();
    await loginAs(page, "admin@kt1.test");
    await page.goto("/admin");
    await page.getByRole("link", { name: "Bản cam kết bảo vệ BMNN" }).click();
    await expectHeading(page, "Bản cam kết bảo vệ bí mật nhà nước");
    await page.getByRole("heading", { level: 2, name: "Ban hành phiên bản 2" }).waitFor();
    await page.getByRole("cell", { name: "Hệ thống" }).waitFor();

    await page.goto(`/people/${person.id}`);
    await page.getByText("Chưa ký", { exact: true }).waitFor();
    await page.getByRole("link", { name: "Chi tiết, ghi nhận bản giấy" }).click();
    await expectHeading(page, `Cam kết bảo vệ BMNN: ${person.full_name}`);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    await page.getByLabel("Ngày ký trên giấy").fill("20/11/2026");
    // A web page renamed .pdf is refused by its content.
    await page
      .getByLabel("Bản quét (PDF, JPEG hoặc PNG)")
      .setInputFiles({ name: "cam-ket.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html></html>") });
    await page.getByRole("button", { name: "Ghi nhận bản ký giấy" }).click();
    await page.getByText("Bản quét phải là tệp PDF, JPEG hoặc PNG.").waitFor();
    await page.getByLabel("Bản quét (PDF, JPEG hoặc PNG)").setInputFiles({ name: "cam-ket.png", mimeType: "image/png", buffer: png });
    await page.getByRole("button", { name: "Ghi nhận bản ký giấy" }).click();
    await page.getByRole("status").filter({ hasText: "Đã ghi nhận bản cam kết ký trên giấy." }).waitFor();
    await page.locator(".signature-list").getByText("bản ký giấy").waitFor();
    const scan = await page.request.get((await page.getByRole("link", { name: "cam-ket.png" }).getAttribute("href")) as string);
    expect(scan.headers()["content-type"]).toBe("image/png");
    expect(Buffer.from(await scan.body()).equals(png)).toBe(true);
  });
});
