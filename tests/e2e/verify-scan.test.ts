import { describe, expect, it } from "vitest";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql } from "../support/http.ts";

// The duty post's verifier (issue 16, decision 068): a supervisor opens the page
// once, loses the network, and still checks a signed credential on the device.

const { newPage, loginAs } = useBrowser();

/** A certification valid today, and its credential's text as an administrator sees it. */
async function aCredential() {
  const [cert] = await appSql<{ id: number; serial: string }>(
    `select c.id, c.serial from certifications c
      where c.revoked_at is null and c.valid_until >= current_date + 30 and c.valid_from <= current_date order by c.id limit 1`,
  );
  const page = await newPage();
  await loginAs(page, "admin@kt1.test");
  await page.goto(`/certificates/${cert.id}`);
  await page.getByRole("heading", { name: "Mã kiểm tra tại điểm trực (không cần mạng)" }).waitFor();
  await page.getByRole("img", { name: /Mã QR chứa chứng nhận có chữ ký số/ }).waitFor();
  await page.getByText("Mã dạng chữ (để dán khi không quét được)").click();
  const code = (await page.locator(".cred-text").textContent())!.trim();
  const badge = await page.request.get(`/certificates/${cert.id}/badge`);
  expect(badge.status()).toBe(200);
  return { code, serial: cert.serial };
}

describe("checking a certification at the duty post", () => {
  it("works offline once loaded: a genuine credential is valid, a changed one is refused", { timeout: 180_000 }, async () => {
    const { code, serial } = await aCredential();
    expect(code).toMatch(/^KT1C1\./);

    const page = await newPage({ viewport: { width: 390, height: 844 } });
    await page.goto("/verify/scan");
    await expectHeading(page, "Kiểm tra chứng nhận tại điểm trực");
    await page.getByText("Trang đã sẵn sàng dùng khi không có mạng.").waitFor({ timeout: 30_000 });
    await page.getByText(/Danh sách thu hồi: phát hành lúc/).waitFor();

    await page.context().setOffline(true);
    await page.reload();
    await expectHeading(page, "Kiểm tra chứng nhận tại điểm trực");
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.getByText(/Danh sách thu hồi: phát hành lúc/).waitFor();

    await page.getByLabel("Mã chứng nhận").fill(code);
    await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
    await page.getByText("Hợp lệ: chứng nhận còn hiệu lực hôm nay").waitFor();
    await page.getByText(serial).waitFor();

    // One character of the payload changed: the signature no longer matches.
    const [prefix, body, signature] = code.split(".");
    const payload = JSON.parse(Buffer.from(body, "base64url").toString());
    payload.u = "2099-12-31";
    const forged = [prefix, Buffer.from(JSON.stringify(payload)).toString("base64url"), signature].join(".");
    await page.getByLabel("Mã chứng nhận").fill(forged);
    await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
    await page.getByText("Không hợp lệ: chữ ký số không khớp (mã đã bị sửa hoặc giả mạo)").waitFor();
    await page.getByLabel("Mã chứng nhận").fill("https://example.com/not-a-code");
    await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
    await page.getByText("Đây không phải mã chứng nhận KT1").waitFor();
  });

  it("publishes the public keys and a signed revocation list", async () => {
    const page = await newPage();
    const keys = await (await page.request.get("/verify/keys.json")).json();
    expect(keys.keys.length).toBeGreaterThan(0);
    const list = await (await page.request.get("/verify/revocations.json")).json();
    expect(JSON.parse(list.body)).toMatchObject({ v: 1, kid: expect.any(String), revoked: expect.any(Array) });
    expect(keys.keys.map((k: { kid: string }) => k.kid)).toContain(list.kid);
  });
});
