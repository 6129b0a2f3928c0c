import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql, get, loginCookie, post } from "../support/http.ts";
import { dayOf } from "~/domain/time/calendar.ts";

const { newPage, loginAs } = useBrowser();

const COURSE = { slug: "mang-buu-chinh-kt1", title: "Mạng bưu chính KT1" };
const NEW_SENTENCE = "Câu này được giảng viên viết lại trong trình soạn bài để kiểm thử xuất bản.";

type LessonRow = { id: number; slug: string; title: string; version: number; source: string };

/** A shipped lesson of the course with its latest version. */
async function lessonAt(position: number): Promise<LessonRow> {
  const [row] = await appSql<LessonRow>(
    `select l.id, l.slug, v.title, v.version, v.source
       from lessons l join courses c on c.id = l.course_id
       join lesson_versions v on v.lesson_id = l.id
      where c.slug = $1 and l.position = $2
      order by v.version desc limit 1`,
    [COURSE.slug, position],
  );
  return row;
}

async function versionCount(lessonId: number) {
  const [{ n }] = await appSql<{ n: string }>(`select count(*) as n from lesson_versions where lesson_id = $1`, [lessonId]);
  return Number(n);
}

/** The first plain paragraph of the lesson body: prose without markup, so it reads the same rendered. */
function firstParagraph(source: string) {
  const body = source.split("\n---\n")[1] ?? source;
  const line = body.split("\n").find((l) => /^\p{Lu}/u.test(l) && !/[<*_[`{]/.test(l) && l.length > 40);
  if (!line) throw new Error("no paragraph found");
  return line;
}

/** Opens the editor and waits until its script runs (live preview on). */
async function openEditor(page: Page, lessonId: number, title: string) {
  await page.goto(`/trainer/lessons/${lessonId}`);
  await expectHeading(page, `Soạn bài: ${title}`);
  await page.locator("form.editor[data-live]").waitFor();
  return page.getByLabel("Nội dung bài học (MDX)");
}

const vietnamToday = () => dayOf(new Date());

// The lesson edited in (a) and compared and restored in (d).
const EDITED_POSITION = 3;

describe("trainer authoring", () => {
  it("(a) a trainer edits a lesson with a live preview, saves a draft, publishes, and a learner sees the change", async () => {
    const lesson = await lessonAt(EDITED_POSITION);
    const before = await versionCount(lesson.id);
    const oldLine = firstParagraph(lesson.source);
    const page = await newPage();
    await loginAs(page, "trainer@kt1.test");
    await page.goto("/trainer");
    await expectHeading(page, "Trang giảng viên");
    await page.getByRole("region", { name: COURSE.title }).getByRole("link", { name: lesson.title }).click();
    await expectHeading(page, `Soạn bài: ${lesson.title}`);
    await page.locator("form.editor[data-live]").waitFor();
    const editor = page.getByLabel("Nội dung bài học (MDX)");
    expect(await editor.inputValue()).toBe(lesson.source);
    // The published version is already in the preview, trainer notes included.
    await page.getByTestId("lesson-preview").getByText(oldLine.slice(0, 40)).waitFor();

    await editor.fill(lesson.source.replace(oldLine, NEW_SENTENCE));
    await page.getByTestId("lesson-preview").getByText(NEW_SENTENCE).waitFor();
    expect(await page.getByTestId("lesson-preview").textContent()).not.toContain(oldLine.slice(0, 40));

    await page.getByRole("button", { name: "Lưu nháp" }).click();
    await page.getByText("Đã lưu bản nháp.").waitFor();
    expect(
      await appSql(`select 1 from lesson_drafts where lesson_id = $1 and source like $2`, [lesson.id, `%${NEW_SENTENCE}%`]),
    ).toHaveLength(1);
    await page.goto("/trainer");
    const row = page.getByRole("region", { name: COURSE.title }).getByRole("row").filter({ hasText: lesson.title });
    await row.getByText("có bản nháp chưa xuất bản").waitFor();
    await row.getByRole("link", { name: lesson.title }).click();
    await page.locator("form.editor[data-live]").waitFor();
    expect(await page.getByLabel("Nội dung bài học (MDX)").inputValue()).toContain(NEW_SENTENCE);

    await page.getByRole("button", { name: "Xuất bản" }).click();
    await page.getByText(`Đã xuất bản phiên bản ${before + 1}`).waitFor();
    expect(await versionCount(lesson.id)).toBe(before + 1);
    expect(await appSql(`select 1 from lesson_drafts where lesson_id = $1`, [lesson.id])).toHaveLength(0);
    const [audit] = await appSql<{ data: { version: number } }>(
      `select data from audit_entries where action = 'lesson.publish' and target_id = $1 order by id desc limit 1`,
      [String(lesson.id)],
    );
    expect(audit.data.version).toBe(before + 1);

    const learner = await newPage();
    await loginAs(learner, "learner@kt1.test");
    await learner.goto(`/learn/${COURSE.slug}/${lesson.slug}`);
    await learner.locator("article.lesson-body").getByText(NEW_SENTENCE).waitFor();
    expect(await learner.locator("article.lesson-body").textContent()).not.toContain(oldLine.slice(0, 40));
  });

  it("(b) malicious MDX is refused with clear messages, the text is kept, and nothing is published", async () => {
    const lesson = await lessonAt(4);
    const before = await versionCount(lesson.id);
    const page = await newPage();
    await loginAs(page, "trainer@kt1.test");
    const editor = await openEditor(page, lesson.id, lesson.title);
    const base = lesson.source.trimEnd();
    const line = base.split("\n").length + 2;
    const attempts: [string, RegExp][] = [
      ["{process.exit()}", new RegExp(`Dòng ${line}: không được dùng biểu thức JavaScript \\{process\\.exit\\(\\)\\} trong bài học\\.`)],
      ["export const x = 1", new RegExp(`Dòng ${line}: không được dùng import hay export trong bài học \\(export const x = 1\\)\\.`)],
      ["<script>alert(1)</script>", new RegExp(`Dòng ${line}: thẻ <script> không được phép; chỉ dùng: Callout, LegalRef, Term`)],
      [
        '<img src="x" onerror="alert(1)" />',
        new RegExp(`Dòng ${line}: thẻ <img> không được phép; chỉ dùng: Callout, LegalRef, .*Dùng <Figure`),
      ],
      [
        '<Callout type="info" onClick="alert(1)">Chú ý</Callout>',
        new RegExp(`Dòng ${line}: thuộc tính không được phép: <Callout onClick>`),
      ],
      [
        '<LegalRef doc="999/2099/QH99" article="1" />',
        new RegExp(`Dòng ${line}: văn bản/điều khoản 999/2099/QH99 Điều 1 không có trong danh mục văn bản pháp luật\\.`),
      ],
    ];
    for (const [snippet, message] of attempts) {
      const source = `${base}\n\n${snippet}\n`;
      await editor.fill(source);
      await page.getByRole("button", { name: "Xuất bản" }).click();
      await page.getByRole("alert").filter({ hasText: "Chưa xuất bản: bài học có" }).waitFor();
      await expect.poll(() => page.locator("#lesson-problems").textContent(), { timeout: 10_000 }).toMatch(message);
      expect(await editor.inputValue()).toBe(source);
    }
    // The problem names its line, and pressing it selects that line in the text; the caret's line shows under it.
    await page
      .locator("#lesson-problems")
      .getByRole("button", { name: new RegExp(`^Dòng ${line}:`) })
      .click();
    expect(await editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe(
      attempts.at(-1)![0],
    );
    await page.getByText(`Dòng ${line}, cột 1`, { exact: true }).waitFor();
    expect(await versionCount(lesson.id)).toBe(before);
    expect(
      await appSql(
        `select 1 from lesson_versions where source like '%process.exit%' or source like '%<script>%' or source like '%onerror%'`,
      ),
    ).toHaveLength(0);

    // The endpoints refuse the same texts when posted directly.
    const cookie = await loginCookie("trainer@kt1.test");
    const direct = await post(
      `/trainer/lessons/${lesson.id}`,
      { intent: "publish", source: `${base}\n\n<script>alert(1)</script>\n` },
      cookie,
    );
    expect(direct.status).toBe(400);
    const preview = await post(`/trainer/lessons/${lesson.id}/preview`, { source: `${base}\n\n{process.exit()}\n` }, cookie);
    expect(preview.status).toBe(200);
    expect(await versionCount(lesson.id)).toBe(before);
    // Learners cannot use the authoring pages.
    const learner = await loginCookie("learner@kt1.test");
    expect((await post(`/trainer/lessons/${lesson.id}/preview`, { source: base }, learner)).status).toBe(403);
    expect((await get(`/trainer/lessons/${lesson.id}`, learner)).status).toBe(403);
  });

  it("(c) an admin marks a cited document superseded and the trainer's review list shows the lessons citing it", async () => {
    const CODE = "117/2025/QH15";
    const [original] = await appSql<{
      id: number;
      status: string;
      superseded_by: string | null;
      superseded_from: string | null;
      status_changed_at: Date;
    }>(
      `select id, status::text as status, superseded_by, to_char(superseded_from, 'YYYY-MM-DD') as superseded_from, status_changed_at from legal_documents where code = $1`,
      [CODE],
    );
    expect(original.status).toBe("IN_FORCE");
    // Its articles that only repeat its status follow it (and are put back below).
    const provisions = await appSql<{ id: number; status: string | null; superseded_by: string | null; status_changed_at: Date | null }>(
      `select id, status::text as status, superseded_by, status_changed_at from legal_provisions where document_id = $1`,
      [original.id],
    );
    const citing = await appSql<{ title: string; slug: string; course: string }>(
      `select v.title, l.slug, c.slug as course from lesson_versions v join lessons l on l.id = v.lesson_id join courses c on c.id = l.course_id
        where v.version = (select max(version) from lesson_versions w where w.lesson_id = v.lesson_id)
          and exists (select 1 from lesson_citations lc where lc.lesson_version_id = v.id and lc.document_code = $1)`,
      [CODE],
    );
    expect(citing.length).toBeGreaterThan(0);
    expect((await get("/admin/legal", await loginCookie("trainer@kt1.test"))).status).toBe(403);

    const admin = await newPage();
    await loginAs(admin, "admin@kt1.test");
    try {
      await admin.goto("/admin/legal");
      await expectHeading(admin, "Văn bản pháp luật");
      const card = admin.getByRole("region", { name: CODE, exact: true });
      await card.getByText(`${citing.length} bài học`).waitFor();
      await card.getByText("Đổi trạng thái", { exact: true }).click();
      await card.getByLabel("Trạng thái mới").selectOption("SUPERSEDED");
      // Without the replacing document the form refuses.
      await card.getByRole("button", { name: "Cập nhật trạng thái" }).click();
      await admin.getByText("Nhập số hiệu văn bản thay thế").waitFor();
      const again = admin.getByRole("region", { name: CODE, exact: true });
      await again.getByLabel("Thay thế bởi (số hiệu văn bản)").fill("999/2026/QH15");
      await again.getByLabel("Thay thế từ ngày").fill(vietnamToday().split("-").reverse().join("/")); // typed dd/mm/yyyy
      await again.getByRole("button", { name: "Cập nhật trạng thái" }).click();
      await admin.getByText(`Đã cập nhật trạng thái văn bản ${CODE}`).waitFor();
      const [audit] = await appSql<{ data: { old: { status: string }; new: { status: string; supersededBy: string } } }>(
        `select data from audit_entries where action = 'legal.status' order by id desc limit 1`,
      );
      expect(audit.data.old.status).toBe("IN_FORCE");
      expect(audit.data.new).toMatchObject({ status: "SUPERSEDED", supersededBy: "999/2026/QH15" });

      const trainer = await newPage();
      await loginAs(trainer, "trainer@kt1.test");
      await trainer.goto("/trainer");
      const review = trainer.getByRole("region", { name: "Cần rà soát" });
      for (const lesson of citing) await review.getByRole("link", { name: lesson.title, exact: true }).waitFor();
      expect(await review.textContent()).toContain(`${CODE}: đã bị thay thế bởi 999/2026/QH15`);

      // Learners see the new status beside the citation at once (same process: registry forgotten).
      const learner = await newPage();
      await loginAs(learner, "learner@kt1.test");
      const shown = citing.find((c) => c.course === COURSE.slug) ?? citing[0];
      await learner.goto(`/learn/${shown.course}/${shown.slug}`);
      await learner.locator("article.lesson-body").getByText("đã được thay thế bởi 999/2026/QH15").first().waitFor();
    } finally {
      // Back to the shipped state: through the page (which forgets the cached registry), then the exact row.
      const cookie = await loginCookie("admin@kt1.test");
      await post("/admin/legal", { documentId: String(original.id), status: "IN_FORCE" }, cookie);
      await appSql(
        `update legal_documents set status = $2::"LegalStatus", superseded_by = $3, superseded_from = $4::date, status_changed_at = $5 where id = $1`,
        [original.id, original.status, original.superseded_by, original.superseded_from, original.status_changed_at],
      );
      for (const p of provisions) {
        await appSql(`update legal_provisions set status = $2::"LegalStatus", superseded_by = $3, status_changed_at = $4 where id = $1`, [
          p.id,
          p.status,
          p.superseded_by,
          p.status_changed_at,
        ]);
      }
    }
  });

  it("(d) history shows the diff between the two versions from (a), and restoring puts the old text back into the editor", async () => {
    const lesson = await lessonAt(EDITED_POSITION);
    expect(lesson.source).toContain(NEW_SENTENCE);
    const [previous] = await appSql<{ source: string }>(`select source from lesson_versions where lesson_id = $1 and version = $2`, [
      lesson.id,
      lesson.version - 1,
    ]);
    const oldLine = firstParagraph(previous.source);
    const page = await newPage();
    await loginAs(page, "trainer@kt1.test");
    await page.goto(`/trainer/lessons/${lesson.id}`);
    await page.getByRole("link", { name: "Lịch sử phiên bản" }).click();
    await expectHeading(page, `Lịch sử phiên bản: ${lesson.title}`);
    await page.getByLabel("Phiên bản cũ").selectOption(String(lesson.version - 1));
    await page.getByLabel("Phiên bản mới").selectOption(String(lesson.version));
    await page.getByRole("button", { name: "So sánh" }).click();
    await page.waitForURL(
      (url) => url.searchParams.get("a") === String(lesson.version - 1) && url.searchParams.get("b") === String(lesson.version),
    );
    await page.getByRole("heading", { name: `Khác biệt giữa phiên bản ${lesson.version - 1} và phiên bản ${lesson.version}` }).waitFor();
    await page.getByText("1 dòng thêm, 1 dòng xóa.").waitFor();
    const removed = page.locator(".diff__line--removed");
    const added = page.locator(".diff__line--added");
    await expect(removed.count()).resolves.toBe(1);
    await expect(added.count()).resolves.toBe(1);
    // Marked with + and − as well as colour.
    expect((await removed.textContent())?.trim()).toMatch(new RegExp(`^−.*${oldLine.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    expect((await added.textContent())?.trim()).toMatch(/^\+.*Câu này được giảng viên viết lại/);

    // The current version is marked as such, with nothing to restore.
    expect(await page.getByRole("button", { name: `Khôi phục phiên bản này (phiên bản ${lesson.version})`, exact: true }).count()).toBe(0);
    await page.getByText("Phiên bản hiện hành", { exact: true }).waitFor();
    await page.getByRole("button", { name: `Khôi phục phiên bản này (phiên bản ${lesson.version - 1})` }).click();
    await expectHeading(page, `Soạn bài: ${lesson.title}`);
    await page.getByText(`Đã khôi phục nội dung phiên bản ${lesson.version - 1} vào bản nháp`).waitFor();
    const text = await page.getByLabel("Nội dung bài học (MDX)").inputValue();
    expect(text).toBe(previous.source);
    expect(text).not.toContain(NEW_SENTENCE);
    expect(
      await appSql(`select 1 from audit_entries where action = 'lesson.restore' and target_id = $1`, [String(lesson.id)]),
    ).toHaveLength(1);
    expect(await versionCount(lesson.id)).toBe(lesson.version); // restoring publishes nothing
    await appSql(`delete from lesson_drafts where lesson_id = $1`, [lesson.id]);
  });

  it("(e) without JavaScript, “Xem trước” renders the preview and the problems on the page", async () => {
    const lesson = await lessonAt(5);
    const page = await newPage({ javaScript: false });
    await loginAs(page, "trainer@kt1.test");
    await page.goto(`/trainer/lessons/${lesson.id}`);
    const editor = page.getByLabel("Nội dung bài học (MDX)");
    const oldLine = firstParagraph(lesson.source);
    await editor.fill(lesson.source.replace(oldLine, NEW_SENTENCE));
    await page.getByRole("button", { name: "Xem trước" }).click();
    await page.getByTestId("lesson-preview").getByText(NEW_SENTENCE).waitFor();
    await editor.fill(`${lesson.source.trimEnd()}\n\n<Term id="khong-co-thuat-ngu">x</Term>\n`);
    await page.getByRole("button", { name: "Xem trước" }).click();
    await page
      .locator("#lesson-problems")
      .getByText(/thuật ngữ “khong-co-thuat-ngu” không có trong bảng thuật ngữ/)
      .waitFor();
  });

  it("a trainer creates a lesson from the template, which is a draft learners do not see", async () => {
    const page = await newPage();
    await loginAs(page, "trainer@kt1.test");
    await page.goto("/trainer");
    await page.getByRole("link", { name: `Thêm bài học vào khóa ${COURSE.title}` }).click();
    await expectHeading(page, "Thêm bài học");
    await page.getByLabel("Tên bài học").fill("Bài học thử nghiệm");
    await page.getByLabel("Đường dẫn (slug)").fill("Bài Có Dấu");
    await page.getByRole("button", { name: "Tạo bài học" }).click();
    await page.getByText("Đường dẫn chỉ gồm chữ thường không dấu").waitFor();
    const [existing] = await appSql<{ slug: string }>(
      `select l.slug from lessons l join courses c on c.id = l.course_id where c.slug = $1 order by l.position limit 1`,
      [COURSE.slug],
    );
    await page.getByLabel("Đường dẫn (slug)").fill(existing.slug);
    await page.getByRole("button", { name: "Tạo bài học" }).click();
    await page.getByText("Khóa học đã có bài học với đường dẫn này.").waitFor();
    await page.getByLabel("Đường dẫn (slug)").fill("bai-hoc-thu-nghiem");
    await page.getByRole("button", { name: "Tạo bài học" }).click();
    await expectHeading(page, "Soạn bài: bai-hoc-thu-nghiem");
    await page.getByText("Bài học chưa được xuất bản").waitFor();
    // The template is valid: the live preview renders it.
    await page.getByTestId("lesson-preview").getByText("Câu hỏi ôn tập ví dụ").waitFor();
    const [created] = await appSql<{ id: number; position: number; max: number }>(
      `select l.id, l.position, (select max(position) from lessons where course_id = l.course_id and id <> l.id) as max
         from lessons l join courses c on c.id = l.course_id where c.slug = $1 and l.slug = 'bai-hoc-thu-nghiem'`,
      [COURSE.slug],
    );
    expect(created.position).toBe(created.max + 1);
    expect(
      await appSql(`select 1 from audit_entries where action = 'lesson.create' and target_id = $1`, [String(created.id)]),
    ).toHaveLength(1);
    const learner = await loginCookie("learner@kt1.test");
    expect((await get(`/learn/${COURSE.slug}/bai-hoc-thu-nghiem`, learner)).status).toBe(404);
    // Leave the shipped curriculum as it was for the other suites.
    await appSql(`delete from lessons where id = $1`, [created.id], "owner");
  });
});
