// The learner's journey: courses for their side of the network, reading a
// lesson (citations, knowledge checks), marking lessons done, completing a
// course; without JavaScript and on a phone too.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql, get, loginCookie } from "../support/http.ts";

const { newPage, loginAs } = useBrowser();

const AGENCY_COURSE = { slug: "gui-nhan-tai-lieu-mat-qua-kt1", title: "Gửi và nhận tài liệu mật qua KT1" };
const POSTAL_COURSE = { slug: "nghiep-vu-kt1-nhan-vien-buu-dien", title: "Nghiệp vụ KT1 cho nhân viên bưu điện" };

async function lessonsOf(courseSlug: string) {
  return appSql<{ slug: string; title: string }>(
    `select l.slug, (select v.title from lesson_versions v where v.lesson_id = l.id order by v.version desc limit 1) as title
       from lessons l join courses c on c.id = l.course_id
      where c.slug = $1 and exists (select 1 from lesson_versions v where v.lesson_id = l.id)
      order by l.position`,
    [courseSlug],
  );
}

/** Answers every knowledge check of the open lesson correctly (with JavaScript: each answer posts at once). */
async function answerAllChecks(page: Page) {
  const checks = page.locator("article.lesson-body [data-knowledge-check][data-check][data-ready]");
  await checks.first().waitFor();
  const total = await checks.count();
  for (let i = 0; i < total; i++) await checks.nth(i).locator('input[data-correct="true"]').check();
  await page.getByText(`Câu hỏi ôn tập đã trả lời đúng: ${total}/${total}.`).waitFor();
}

async function overflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe("learner: courses and lessons", () => {
  it("an agency clerk sees the clerks' courses, reads a lesson, answers its check and marks it done", async () => {
    const lessons = await lessonsOf(AGENCY_COURSE.slug);
    const page = await newPage();
    await loginAs(page, "learner@kt1.test");
    await expectHeading(page, /^Xin chào, /);
    const courses = page.getByRole("heading", { level: 3 });
    await page.getByRole("heading", { level: 3, name: AGENCY_COURSE.title }).waitFor();
    expect(await courses.allTextContents()).not.toContain(POSTAL_COURSE.title);
    expect(await page.getByText(POSTAL_COURSE.title).count()).toBe(0);

    await page.getByRole("link", { name: AGENCY_COURSE.title, exact: true }).click();
    await expectHeading(page, AGENCY_COURSE.title);
    await page.getByText(`0/${lessons.length} bài`).waitFor();
    await page.getByRole("link", { name: lessons[0].title, exact: true }).click();
    await expectHeading(page, lessons[0].title);
    expect(new URL(page.url()).pathname).toBe(`/learn/${AGENCY_COURSE.slug}/${lessons[0].slug}`);
    await page.getByText(`Bài 1/${lessons.length}`).waitFor();

    // Headings, legal citations with their status, a knowledge check.
    const article = page.locator("article.lesson-body");
    expect(await article.getByRole("heading", { level: 2 }).count()).toBeGreaterThan(2);
    const inForce = article.locator("cite.legal-ref--in-force").first();
    expect(await inForce.textContent()).toContain("còn hiệu lực");
    const superseded = article.locator("cite.legal-ref--superseded").first();
    expect(await superseded.textContent()).toContain("đã được thay thế bởi");

    // Not done before its checks are answered: the page says why.
    const markDone = page.getByRole("button", { name: "Đánh dấu đã học xong" });
    expect(await markDone.isDisabled()).toBe(true);
    await page.getByText("Chưa thể đánh dấu đã học xong:").waitFor();
    await page.getByText(/^Hãy trả lời đúng mọi câu hỏi ôn tập trong bài \(đã đúng 0\/\d+ câu\)\.$/).waitFor();

    // With JavaScript, answering gives feedback at once.
    const check = article.locator("[data-knowledge-check][data-ready]").first();
    await check.waitFor();
    const feedback = check.locator(".knowledge-check__feedback");
    expect(await feedback.isVisible()).toBe(false);
    await check.locator('input[data-correct="false"]').first().check();
    await feedback.filter({ hasText: "Chưa đúng — thử lại hoặc xem giải thích." }).waitFor();
    expect(await feedback.getAttribute("class")).toContain("knowledge-check__feedback--wrong");
    await check.locator('input[data-correct="true"]').check();
    await feedback.filter({ hasText: "Chính xác!" }).waitFor();
    expect(await feedback.getAttribute("class")).toContain("knowledge-check__feedback--correct");
    await answerAllChecks(page);

    // Mark done: the page shows the done state and the course its progress.
    await page.getByText("Chưa thể đánh dấu đã học xong:").waitFor({ state: "detached" });
    await markDone.click();
    await page.locator(".lesson-status__done").waitFor();
    expect(await page.getByRole("button", { name: "Đánh dấu đã học xong" }).count()).toBe(0);
    await page.getByRole("link", { name: "Bài tiếp theo" }).waitFor();
    await page.getByRole("navigation", { name: "Vị trí trang" }).getByRole("link", { name: AGENCY_COURSE.title }).click();
    await expectHeading(page, AGENCY_COURSE.title);
    await page.getByText(`1/${lessons.length} bài`).waitFor();
    expect(await page.locator(".lesson-list__item--done").count()).toBe(1);
    await page.getByRole("link", { name: "Tiếp tục học" }).waitFor();
  });

  it("a citation leads to the legal registry, which lists the lessons citing the document", async () => {
    const [lesson] = await lessonsOf(AGENCY_COURSE.slug);
    const page = await newPage();
    await loginAs(page, "learner@kt1.test");
    await page.goto(`/learn/${AGENCY_COURSE.slug}/${lesson.slug}`);
    await expectHeading(page, lesson.title);
    await page.locator('cite.legal-ref a[href="/legal/117%2F2025%2FQH15#dieu-13"]').first().click();
    await expectHeading(page, "Luật 117/2025/QH15");
    expect(new URL(page.url()).hash).toBe("#dieu-13");
    expect(await page.locator("#dieu-13").count()).toBe(1);
    await page.getByText("còn hiệu lực").first().waitFor();
    await page.getByRole("link", { name: lesson.title }).waitFor();

    await page.goto("/legal");
    await expectHeading(page, "Văn bản pháp luật");
    await page.getByRole("heading", { level: 2, name: /Đã được thay thế/ }).waitFor();
    await page.getByText("đã được thay thế bởi 37/2021/QĐ-TTg từ 15/02/2022").waitFor();
    await page.getByRole("link", { name: "Quyết định 55/2016/QĐ-TTg" }).click();
    await expectHeading(page, "Quyết định 55/2016/QĐ-TTg");
    await page.getByText("Ngày ban hành").waitFor();
  });

  it("a postal worker sees the postal course instead, and cannot open the clerks' course", async () => {
    const page = await newPage();
    await loginAs(page, "postal@kt1.test");
    await expectHeading(page, /^Xin chào, /);
    await page.getByRole("heading", { level: 3, name: POSTAL_COURSE.title }).waitFor();
    expect(await page.getByText(AGENCY_COURSE.title).count()).toBe(0);

    const cookie = await loginCookie("postal@kt1.test");
    const [lesson] = await lessonsOf(AGENCY_COURSE.slug);
    expect((await get(`/learn/${AGENCY_COURSE.slug}`, cookie)).status).toBe(404);
    expect((await get(`/learn/${AGENCY_COURSE.slug}/${lesson.slug}`, cookie)).status).toBe(404);
    expect((await get(`/learn/khong-co-khoa-nay`, cookie)).status).toBe(404);
    expect((await get(`/legal/khong-co`, cookie)).status).toBe(404);
    expect((await get(`/legal`)).status).toBe(302);
  });

  it("a lesson works without JavaScript: the answer opens, answers post, marking done posts and redirects", async () => {
    const lessons = await lessonsOf(AGENCY_COURSE.slug);
    const lesson = lessons[1];
    const page = await newPage({ javaScript: false });
    await loginAs(page, "learner@kt1.test");
    await page.goto(`/learn/${AGENCY_COURSE.slug}/${lesson.slug}`);
    await expectHeading(page, lesson.title);
    const check = page.locator("[data-knowledge-check]").first();
    const answer = check.locator("details.knowledge-check__answer");
    expect(await answer.locator("p").first().isVisible()).toBe(false);
    await answer.locator("summary").click();
    await answer.getByText("Đáp án đúng").waitFor({ state: "visible" });

    // Each check is a form: choose, send, come back to the lesson.
    expect(await page.getByRole("button", { name: "Đánh dấu đã học xong" }).isDisabled()).toBe(true);
    const total = await page.locator("[data-knowledge-check][data-check]").count();
    for (let i = 0; i < total; i++) {
      const form = page.locator(`[data-check="${i}"] form`);
      await form.locator('input[data-correct="true"]').check();
      await form.getByRole("button", { name: "Gửi câu trả lời" }).click();
      await page.getByText(`Câu hỏi ôn tập đã trả lời đúng: ${i + 1}/${total}.`).waitFor();
    }
    await page.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
    await page.locator(".lesson-status__done").waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/learn/${AGENCY_COURSE.slug}/${lesson.slug}`);
    expect(url.hash).toBe("#lesson-status");
    const [row] = await appSql<{ done: boolean }>(
      `select lp.completed_at is not null as done
         from lesson_progress lp join people p on p.id = lp.person_id join lessons l on l.id = lp.lesson_id join courses c on c.id = l.course_id
        where p.email = 'learner@kt1.test' and c.slug = $1 and l.slug = $2`,
      [AGENCY_COURSE.slug, lesson.slug],
    );
    expect(row.done).toBe(true);
  });

  it("has no horizontal overflow on a phone-sized screen", async () => {
    const lessons = await lessonsOf(AGENCY_COURSE.slug);
    const page = await newPage({ viewport: { width: 375, height: 740 } });
    await loginAs(page, "learner@kt1.test");
    for (const path of ["/learn", `/learn/${AGENCY_COURSE.slug}`, "/legal", `/legal/${encodeURIComponent("117/2025/QH15")}`]) {
      await page.goto(path);
      await page.locator("h1").waitFor();
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    // Every lesson of the course, including wide tables; a focused term shows its definition inside the screen.
    for (const lesson of lessons) {
      await page.goto(`/learn/${AGENCY_COURSE.slug}/${lesson.slug}`);
      await expectHeading(page, lesson.title);
      expect(await overflow(page), lesson.slug).toBeLessThanOrEqual(0);
    }
    const term = page.locator(".lesson-body .term").first();
    if ((await term.count()) > 0) {
      await term.focus();
      const tip = term.locator(".term__tip");
      await tip.waitFor({ state: "visible" });
      const box = await tip.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
    }
  });

  it("completing every lesson of the shortest course records the completion and congratulates", async () => {
    const [shortest] = await appSql<{ slug: string; title: string }>(
      `select c.slug, c.title
         from courses c join lessons l on l.course_id = c.id
        where c.audience && array['ALL', 'AGENCY_CLERK']::text[]
          and exists (select 1 from lesson_versions v where v.lesson_id = l.id)
        group by c.id order by count(*), c.position limit 1`,
    );
    const lessons = await lessonsOf(shortest.slug);
    const done = await appSql<{ slug: string }>(
      `select l.slug from lesson_progress lp join people p on p.id = lp.person_id join lessons l on l.id = lp.lesson_id join courses c on c.id = l.course_id
        where p.email = 'learner@kt1.test' and c.slug = $1 and lp.completed_at is not null`,
      [shortest.slug],
    );
    const pending = lessons.filter((l) => !done.some((d) => d.slug === l.slug));
    expect(pending.length).toBeGreaterThan(0);
    const page = await newPage();
    await loginAs(page, "learner@kt1.test");
    for (const [i, lesson] of pending.entries()) {
      await page.goto(`/learn/${shortest.slug}/${lesson.slug}`);
      await expectHeading(page, lesson.title);
      await answerAllChecks(page);
      await page.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
      await page.locator(".lesson-status__done").waitFor();
      // Said once, as the flash message after the redirect.
      const congratulation = page.getByRole("status").filter({ hasText: "Bạn đã hoàn thành khóa học này" });
      if (i === pending.length - 1) await congratulation.waitFor();
      else expect(await congratulation.count()).toBe(0);
    }
    const completions = await appSql<{ completed_at: Date }>(
      `select cc.completed_at from course_completions cc join people p on p.id = cc.person_id join courses c on c.id = cc.course_id
        where p.email = 'learner@kt1.test' and c.slug = $1`,
      [shortest.slug],
    );
    expect(completions).toHaveLength(1);

    await page.goto("/learn");
    await expectHeading(page, /^Xin chào, /);
    const card = page.locator(".course-card").filter({ has: page.getByRole("heading", { name: shortest.title }) });
    await card.getByText(`${lessons.length}/${lessons.length} bài`).waitFor();
    await card.getByText(/^Hoàn thành ngày \d{2}\/\d{2}\/\d{4}$/).waitFor();
    await card.getByRole("link", { name: `Xem lại: ${shortest.title}` }).waitFor();
  });
});
