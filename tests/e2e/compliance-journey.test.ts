// The whole compliance journey of a clerk, in a real browser: her home lists the
// commitment and the certifications required of her; she signs the commitment,
// takes the clerks' exam and passes; each obligation turns "Đạt" on her home.
import { beforeAll, describe, it } from "vitest";
import type { Page } from "playwright-core";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();

const EXAM = { code: "KT1-VAN-THU", title: "Sát hạch gửi, nhận tài liệu mật qua KT1" };
const TYPE_NAME = "Gửi, nhận tài liệu mật qua KT1 — văn thư";
const COMMITMENT = /^Bản cam kết bảo vệ bí mật nhà nước \(bản số \d+\)/;

type Row = {
  position: number;
  type: "SINGLE" | "MULTIPLE" | "TRUE_FALSE";
  options: { id: string; weight: number }[];
  answer: boolean | null;
};

// TH0071, a new clerk of the demo data whom no other file touches: no login,
// no certification, no signature. She gets the demo password and the courses
// the exam requires, so the journey starts at the exam.
const clerk = { code: "TH0071", fullName: "Lê Thị Thu Trang" };

beforeAll(async () => {
  await appSql(
    `insert into accounts (person_id, password_hash)
     select p.id, a.password_hash from people p, accounts a join people l on l.id = a.person_id
      where p.employee_code = $1 and l.email = 'learner@kt1.test'
     on conflict (person_id) do nothing`,
    [clerk.code],
  );
  await appSql(
    `insert into course_completions (person_id, course_id, completed_at)
     select p.id, ctc.course_id, now() - interval '1 day'
       from people p, certification_type_courses ctc join certification_types ct on ct.id = ctc.certification_type_id
      where p.employee_code = $1 and ct.code = $2
     on conflict do nothing`,
    [clerk.code, EXAM.code],
  );
});

function required(page: Page, name: string | RegExp) {
  return page.getByRole("region", { name: "Bắt buộc với bạn" }).getByRole("listitem").filter({ hasText: name });
}

const rightOf = (r: Row) =>
  r.type === "TRUE_FALSE"
    ? [String(r.answer)]
    : r.options.filter((o) => (r.type === "SINGLE" ? o.weight >= 100 : o.weight > 0)).map((o) => o.id);

describe("a clerk meets what is required of her", () => {
  it("signs the commitment, passes the exam, and sees both obligations turn compliant", async () => {
    const page = await newPage({ viewport: { width: 390, height: 844 } });
    await loginAs(page, clerk.code);
    await expectHeading(page, /^Xin chào, /);

    // Required of her: the commitment and her certifications, none met yet.
    await required(page, COMMITMENT)
      .getByText(/^(Cần hoàn thành|Quá hạn)$/)
      .waitFor();
    await required(page, TYPE_NAME)
      .getByText(/^(Cần hoàn thành|Quá hạn)$/)
      .waitFor();
    await required(page, TYPE_NAME)
      .getByRole("link", { name: `Làm bài sát hạch: ${EXAM.title}` })
      .waitFor();

    // She reads and signs the commitment.
    await required(page, COMMITMENT).getByRole("link", { name: "Đọc và ký bản cam kết" }).click();
    await expectHeading(page, "Cam kết bảo vệ bí mật nhà nước");
    await page.getByLabel("Gõ họ và tên của bạn để xác nhận").fill(clerk.fullName);
    await page.getByRole("button", { name: "Ký bản cam kết" }).click();
    await page.getByRole("status").filter({ hasText: "Đã ký bản cam kết bảo vệ bí mật nhà nước." }).waitFor();
    await page.goto("/learn");
    await required(page, COMMITMENT).getByText("Đạt", { exact: true }).waitFor();
    await required(page, TYPE_NAME)
      .getByText(/^(Cần hoàn thành|Quá hạn)$/)
      .waitFor();

    // The next step on her home leads to the exam; she answers every question right and submits.
    await required(page, TYPE_NAME)
      .getByRole("link", { name: `Làm bài sát hạch: ${EXAM.title}` })
      .click();
    await expectHeading(page, "Thi sát hạch");
    const card = page.locator("section.exam-card").filter({ has: page.getByRole("heading", { level: 2, name: EXAM.title }) });
    await card.getByRole("button", { name: `Bắt đầu làm bài: ${EXAM.title}` }).click();
    await page.waitForURL(/\/exams\/\d+$/);
    await page.locator("form[data-ready]").waitFor();
    const attemptId = Number(new URL(page.url()).pathname.split("/").pop());
    const rows = await appSql<Row>(
      `select aq.position, v.type, v.options, v.answer
         from attempt_questions aq join question_versions v on v.id = aq.question_version_id
        where aq.attempt_id = $1 order by aq.position`,
      [attemptId],
    );
    for (const r of rows) {
      for (const id of rightOf(r)) await page.locator(`input[name="q${r.position}"][value="${id}"]`).check();
    }
    await page.getByText(`Đã trả lời ${rows.length}/${rows.length} câu`).waitFor();
    await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
    await page.getByRole("alertdialog", { name: "Nộp bài?" }).getByRole("button", { name: "Xác nhận nộp bài" }).click();
    await page.waitForURL(`**/exams/${attemptId}/result`);
    await page.getByRole("heading", { level: 2, name: "Đạt", exact: true }).waitFor();

    // Her home now shows the clerks' certification met, valid until a date, with nothing more to do.
    await page.goto("/learn");
    const met = required(page, TYPE_NAME);
    await met.getByText("Đạt", { exact: true }).waitFor();
    await met.getByText(/^Hiệu lực đến \d{2}\/\d{2}\/\d{4}$/).waitFor();
    await met.getByText("Không cần làm gì thêm.").waitFor();
    await required(page, COMMITMENT).getByText("Đạt", { exact: true }).waitFor();
    // The secrets-protection certification is a separate obligation, still to do.
    await required(page, "Bảo vệ bí mật nhà nước")
      .filter({ hasNotText: COMMITMENT })
      .getByText(/^(Cần hoàn thành|Quá hạn)$/)
      .waitFor();
  });
});
