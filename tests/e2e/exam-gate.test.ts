import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql } from "../support/http.ts";

// The exam quality gate (decision 051) and Moodle imports for review (decision 052),
// as trainers and a learner meet them in the browser.

const { newPage, loginAs } = useBrowser();

const EXAM_TYPE = "BMNN";
const EXAM_TITLE = "Sát hạch bảo vệ bí mật nhà nước";

async function examRow() {
  const [row] = await appSql<{ id: number; revision: number; time_limit_minutes: number }>(
    `select e.id, e.revision, e.time_limit_minutes from exams e join certification_types t on t.id = e.certification_type_id where t.code = $1`,
    [EXAM_TYPE],
  );
  return row;
}

const condition = (page: Page, id: string) => page.locator(`.gate-condition[data-condition="${id}"]`);

async function saveTimeLimit(page: Page, examId: number, minutes: number) {
  await page.goto(`/trainer/exams/${examId}`);
  await page.getByLabel("Thời gian làm bài (phút)").fill(String(minutes));
  await page.getByRole("button", { name: "Lưu phiên bản mới" }).click();
  await page.getByText(/Đã lưu phiên bản \d+ của đề thi\. Cần một giảng viên khác phê duyệt/).waitFor();
}

async function approve(page: Page, examId: number, revision: number) {
  await page.goto(`/trainer/exams/${examId}`);
  await page.getByRole("button", { name: `Phê duyệt phiên bản ${revision}` }).click();
  await page.getByText(`Đã phê duyệt phiên bản ${revision} của đề thi.`).waitFor();
}

describe("exam quality gate", () => {
  it("a changed exam runs as practice until a second trainer approves it; its author cannot approve it", { timeout: 240_000 }, async () => {
    const exam = await examRow();
    const trainer = await newPage();
    await loginAs(trainer, "trainer@kt1.test");
    await trainer.goto(`/trainer/exams/${exam.id}`);
    await expectHeading(trainer, EXAM_TITLE);
    await condition(trainer, "approval").getByText("✓ Đạt").waitFor();

    // A new version: practice, for learners too, and its author is told to find a second trainer.
    await saveTimeLimit(trainer, exam.id, exam.time_limit_minutes + 5);
    const changed = await examRow();
    expect(changed.revision).toBe(exam.revision + 1);
    await trainer.getByText(`Đề thi đang chạy ở chế độ luyện tập: phiên bản ${changed.revision}`).waitFor();
    await condition(trainer, "approval").getByText(`Phiên bản ${changed.revision} chưa được phê duyệt.`).waitFor();
    await trainer.getByText("Bạn đã tạo phiên bản này nên không thể tự phê duyệt: cần một giảng viên khác.").waitFor();
    expect(await trainer.getByRole("button", { name: /Phê duyệt phiên bản/ }).count()).toBe(0);

    const learner = await newPage();
    await loginAs(learner, "learner@kt1.test");
    await learner.goto("/exams");
    const card = learner
      .locator("section, article, li")
      .filter({ has: learner.getByRole("heading", { name: EXAM_TITLE }) })
      .last();
    await card.getByText("Đề thi này hiện chạy ở chế độ luyện tập").waitFor();

    // The second trainer approves: the exam certifies again, and the approval is audited.
    const second = await newPage();
    await loginAs(second, "trainer2@kt1.test");
    await approve(second, changed.id, changed.revision);
    await condition(second, "approval")
      .getByText(/Phê duyệt bởi Ngô Thị Minh Thư/)
      .waitFor();
    await second.getByText(`Đề thi đang cấp chứng nhận: phiên bản ${changed.revision} đủ mọi điều kiện.`).waitFor();
    await learner.reload();
    await card.waitFor();
    expect(await card.getByText("Đề thi này hiện chạy ở chế độ luyện tập").count()).toBe(0);
    const audit = await appSql<{ n: string }>(`select count(*) as n from audit_entries where action = 'exam.approve' and target_id = $1`, [
      String(changed.id),
    ]);
    expect(Number(audit[0].n)).toBeGreaterThan(0);

    // Back to the shipped time limit, made by the second trainer and approved by the first.
    await saveTimeLimit(second, exam.id, exam.time_limit_minutes);
    await approve(trainer, exam.id, changed.revision + 1);
    await trainer.getByText(`Đề thi đang cấp chứng nhận: phiên bản ${changed.revision + 1} đủ mọi điều kiện.`).waitFor();
  });

  it(
    "a Moodle GIFT file without citations imports whole, for review: listed for trainers, kept out of certifying draws",
    { timeout: 120_000 },
    async () => {
      const tag = randomBytes(3).toString("hex");
      const gift = [
        `::moodle-${tag}-1:: Tài liệu mật chỉ được gửi qua mạng KT1 khi nào (${tag})? {=Khi quy định yêu cầu ~Khi tiện ~Không bao giờ}`,
        "",
        `::moodle-${tag}-2:: Văn thư phải vào sổ tài liệu mật đi (${tag}). {TRUE}`,
        "",
      ].join("\n");
      const page = await newPage();
      await loginAs(page, "trainer@kt1.test");
      await page.goto("/trainer/questions/import");
      await page.getByLabel("Khóa học").selectOption({ label: "Gửi và nhận tài liệu mật qua KT1" });
      await page
        .getByLabel("Tệp GIFT (.gift hoặc .txt)")
        .setInputFiles({ name: "moodle.gift", mimeType: "text/plain", buffer: Buffer.from(gift) });
      await page.getByRole("button", { name: "Nhập câu hỏi" }).click();
      await page.getByText("Đã nhập 2 câu hỏi từ tệp moodle.gift: 2 câu mới").waitFor();
      await page.getByText("2 câu chưa có trích dẫn hoặc giải thích: đã lưu ở trạng thái cần rà soát").waitFor();

      await page.goto("/trainer");
      const review = page.locator("section").filter({ has: page.getByRole("heading", { name: "Câu hỏi cần rà soát" }) });
      for (const n of [1, 2]) await review.getByText(new RegExp(`moodle-${tag}-${n}.*chưa có trích dẫn pháp lý`)).waitFor();

      // The database refuses them in a certifying attempt, whatever the app does.
      const [version] = await appSql<{ id: number }>(
        `select v.id from question_versions v join questions q on q.id = v.question_id where q.key = $1`,
        [`moodle-${tag}-1`],
      );
      const [sound] = await appSql<{ ok: boolean | null }>(`select question_version_sound($1) as ok`, [version.id]);
      expect(sound.ok).toBe(false);
    },
  );
});
