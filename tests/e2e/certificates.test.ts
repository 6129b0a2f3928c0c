// Certificates end to end: a trainer records an in-person session (without
// JavaScript) and an admin confirms it (two-person rule), the learner downloads the PDF, anyone verifies it without
// logging in, and a manager revokes one in their subtree — and only there.
import { describe, expect, it } from "vitest";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql, get, loginCookie, post } from "../support/http.ts";
import { dayOf } from "~/domain/time/calendar.ts";

const { newPage, loginAs } = useBrowser();

const TYPE = { code: "KT1-VAN-THU", name: "Gửi, nhận tài liệu mật qua KT1 — văn thư" };
const today = () => dayOf(new Date());

type CertRow = { id: number; serial: string; verification_code: string; person_id: number };

async function latestCertification(employeeCode: string) {
  const [row] = await appSql<CertRow>(
    `select c.id, c.serial, c.verification_code, c.person_id from certifications c join people p on p.id = c.person_id
      where p.employee_code = $1 order by c.id desc limit 1`,
    [employeeCode],
  );
  return row;
}

/** Certifies `employeeCode` through the trainer's form and the admin's confirmation, over plain HTTP. */
async function certify(employeeCode: string) {
  const [type] = await appSql<{ id: number }>(`select id from certification_types where code = $1`, [TYPE.code]);
  const trainer = await loginCookie("trainer@kt1.test");
  const res = await post(
    "/trainer/sessions/new",
    {
      intent: "record",
      certificationTypeId: String(type.id),
      heldOn: today(),
      place: "Phòng họp Sở KH&CN",
      attendance: `${employeeCode};90`,
    },
    trainer,
  );
  expect(res.status).toBe(302);
  const location = res.headers.get("location") ?? "";
  expect(location).toMatch(/^\/trainer\/sessions\/\d+$/);
  const confirmed = await post(location, { intent: "confirm" }, await loginCookie("admin@kt1.test"));
  expect(confirmed.status).toBe(302);
  expect(confirmed.headers.get("location")).toBe(location);
  return latestCertification(employeeCode);
}

describe("certificates", () => {
  it("a trainer records an in-person session without JavaScript: bad lines save nothing; the fixed list waits until an admin confirms, then certifies who passed", async () => {
    const before = await appSql<{ n: string }>(`select count(*) as n from training_sessions`);
    const page = await newPage({ javaScript: false });
    await loginAs(page, "trainer@kt1.test");
    await page.goto("/trainer/sessions");
    await expectHeading(page, "Buổi tập huấn trực tiếp");
    await page.getByRole("link", { name: "Ghi nhận buổi tập huấn" }).click();
    await expectHeading(page, "Ghi nhận buổi tập huấn");
    await page.getByLabel("Loại chứng nhận").selectOption({ label: TYPE.name });
    await page.getByLabel("Địa điểm").fill("Hội trường Văn phòng UBND tỉnh");
    await page.getByLabel("Danh sách tham dự").fill("TH0011;95\nKHONGCO01;90\nTH0013;120\nTH0012;vắng");
    await page.getByRole("button", { name: "Lưu và gửi xác nhận" }).click();
    await page.getByText("Không lưu gì: danh sách có 2 dòng lỗi").waitFor();
    const problems = page.locator("table.training-problems tbody tr");
    expect(await problems.count()).toBe(2);
    expect(await problems.nth(0).textContent()).toContain("KHONGCO01");
    expect(await problems.nth(1).textContent()).toContain("phải là số nguyên từ 0 đến 100");
    expect(await appSql(`select count(*) as n from training_sessions`)).toEqual(before);

    await page.getByLabel("Danh sách tham dự").fill("TH0011;95\nTH0013;60\nTH0012;vắng");
    await page.getByRole("button", { name: "Lưu và gửi xác nhận" }).click();
    await page.getByText("Đã lưu buổi tập huấn. Chưa cấp chứng nhận nào: 1 người đạt").waitFor();
    expect(await page.locator("table tbody tr").filter({ hasText: "TH0011" }).textContent()).toContain("Đạt — cấp khi được xác nhận");
    await page.getByText("Bạn là người ghi nhận buổi này").waitFor();
    const sessionUrl = new URL(page.url()).pathname;

    // A second person, the admin, finds it waiting and confirms it.
    const admin = await newPage({ javaScript: false });
    await loginAs(admin, "admin@kt1.test");
    await admin.goto("/trainer/sessions");
    await admin.getByRole("heading", { name: "Chờ xác nhận" }).waitFor();
    await admin.goto(sessionUrl);
    await admin.getByRole("button", { name: "Xác nhận và cấp chứng nhận" }).click();
    await admin.getByText("Đã xác nhận buổi tập huấn và cấp 1 chứng nhận.").waitFor();
    const rows = admin.locator("table tbody tr");
    expect(await rows.count()).toBe(3);
    expect(await rows.filter({ hasText: "TH0011" }).textContent()).toMatch(/Đã cấp KT1-\d{4}-\d{6}/);
    expect(await rows.filter({ hasText: "TH0013" }).textContent()).toContain("Không đạt");
    expect(await rows.filter({ hasText: "TH0012" }).textContent()).toContain("Không tham dự");
    const cert = await latestCertification("TH0011");
    for (const action of ["training.record", "training.confirm"]) {
      const [audit] = await appSql<{ n: string }>(`select count(*) as n from audit_entries where action = $1`, [action]);
      expect(Number(audit.n), action).toBeGreaterThan(0);
    }
    expect(cert.serial).toMatch(/^KT1-/);
  });

  it("a learner sees the certification on /learn and downloads its PDF; nobody else outside may", async () => {
    const cert = await certify("TH0005");
    const page = await newPage();
    await loginAs(page, "learner@kt1.test");
    await page.goto("/learn");
    const card = page.locator(".cert-card").filter({ hasText: cert.serial });
    await card.waitFor();
    expect(await card.textContent()).toContain("Còn hiệu lực");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("link", { name: `Tải PDF của chứng nhận ${cert.serial}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`chung-nhan-${cert.serial}.pdf`);

    await card.getByRole("link", { name: "Xem" }).click();
    await expectHeading(page, `Chứng nhận ${cert.serial}`);
    await page.getByRole("link", { name: new RegExp(`/verify/${cert.verification_code}$`) }).waitFor();

    const learner = await loginCookie("learner@kt1.test");
    const res = await get(`/certificates/${cert.id}.pdf`, learner);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="chung-nhan-${cert.serial}.pdf"`);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");

    // Another learner, and a manager whose subtree the holder is not in: as if it did not exist (decision 035).
    for (const email of ["postal@kt1.test", "manager@kt1.test"]) {
      const cookie = await loginCookie(email);
      expect((await get(`/certificates/${cert.id}.pdf`, cookie)).status, email).toBe(404);
      expect((await get(`/certificates/${cert.id}`, cookie)).status, email).toBe(404);
    }
    expect((await get(`/certificates/${cert.id}.pdf`)).status).toBe(302); // to the login page
  });

  it("anyone can verify a certificate without logging in, and learns only the status, number, name, type and dates", async () => {
    const cert = await latestCertification("TH0005");
    const page = await newPage();
    const response = await page.goto(`/verify/${cert.verification_code}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["x-robots-tag"]).toContain("noindex");
    await expectHeading(page, "Kiểm tra giấy chứng nhận");
    const main = page.locator("main");
    await main.getByText("Còn hiệu lực", { exact: true }).waitFor();
    const text = (await main.textContent()) ?? "";
    expect(text).toContain("Nguyễn Thị Hồng Nhung");
    expect(text).toContain(TYPE.name);
    expect(text).not.toContain("TH0005");
    // The certificate's number, printed on it, so the reader can match the paper (issue 15).
    expect(text).toContain(cert.serial);
    expect(text).not.toContain("Văn phòng UBND tỉnh");

    for (const code of ["a".repeat(32), "not-a-code", cert.verification_code.slice(0, 31) + "9"]) {
      const res = await get(`/verify/${code}`);
      expect(res.status, code).toBe(404);
      expect(res.headers.get("x-robots-tag")).toContain("noindex");
      expect(await res.text()).toContain("Không tìm thấy giấy chứng nhận với mã này");
    }
  });

  it("a manager revokes a certification in their subtree with a reason, and the public page says so", async () => {
    const cert = await certify("TH0006"); // postal@kt1.test, in Bưu điện tỉnh's subtree
    const page = await newPage();
    await loginAs(page, "manager@kt1.test");
    await page.goto(`/people/${cert.person_id}`);
    await expectHeading(page, "Vũ Văn Tuấn");
    const card = page.locator(".cert-card").filter({ hasText: cert.serial });
    await card.getByText("Thu hồi", { exact: true }).click();
    await card.getByLabel("Lý do thu hồi").fill("sai");
    await card.getByRole("button", { name: "Thu hồi chứng nhận" }).click();
    await page.getByText("Hãy nhập lý do thu hồi dài từ 5 đến 500 ký tự.").waitFor();
    const stillValid = await appSql<{ revoked_at: Date | null }>(`select revoked_at from certifications where id = $1`, [cert.id]);
    expect(stillValid[0].revoked_at).toBeNull();

    await card.getByLabel("Lý do thu hồi").fill("Phát hiện gian lận khi làm bài kiểm tra");
    await card.getByRole("button", { name: "Thu hồi chứng nhận" }).click();
    await page.getByText("Đã thu hồi chứng nhận.").waitFor();
    expect(await page.locator(".cert-card").filter({ hasText: cert.serial }).textContent()).toContain("Đã thu hồi");

    const visitor = await newPage();
    await visitor.goto(`/verify/${cert.verification_code}`);
    await visitor.locator("main").getByText("Đã thu hồi", { exact: true }).waitFor();
    const [audit] = await appSql<{ data: { reason: string } }>(
      `select data from audit_entries where action = 'certification.revoke' and target_id = $1`,
      [String(cert.id)],
    );
    expect(audit.data.reason).toBe("Phát hiện gian lận khi làm bài kiểm tra");
  });

  it("a manager cannot revoke a certification outside their subtree", async () => {
    const cert = await latestCertification("TH0005"); // Văn phòng UBND tỉnh: not under Bưu điện tỉnh
    const manager = await loginCookie("manager@kt1.test");
    const res = await post(
      `/people/${cert.person_id}`,
      { intent: "revokeCertification", certificationId: String(cert.id), reason: "Không có thẩm quyền" },
      manager,
    );
    expect(res.status).toBe(404); // the person is outside their scope: as if missing
    // Nor through a person of their own subtree, naming someone else's certification.
    const [own] = await appSql<{ id: number }>(`select id from people where employee_code = 'TH0006'`);
    const sideways = await post(
      `/people/${own.id}`,
      { intent: "revokeCertification", certificationId: String(cert.id), reason: "Không có thẩm quyền" },
      manager,
    );
    expect(sideways.status).toBe(404);
    const [row] = await appSql<{ revoked_at: Date | null }>(`select revoked_at from certifications where id = $1`, [cert.id]);
    expect(row.revoked_at).toBeNull();
    // A trainer may read people but not revoke.
    const trainer = await loginCookie("trainer@kt1.test");
    expect(
      (
        await post(
          `/people/${cert.person_id}`,
          { intent: "revokeCertification", certificationId: String(cert.id), reason: "Không có thẩm quyền" },
          trainer,
        )
      ).status,
    ).toBe(403);
  });
});
