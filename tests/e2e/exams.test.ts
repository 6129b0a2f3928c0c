// The exam journey in a real browser: requirements and rules on /exams, taking
// an attempt (autosave, countdown, confirmation) without anything secret ever
// reaching the browser, the result with the certification; a failed attempt
// and its cooldown without JavaScript; the trainers' item analysis.
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectHeading, useBrowser } from "../support/browser.ts";
import { appSql, get, loginCookie, post } from "../support/http.ts";
import { timeOf } from "~/domain/time/calendar.ts";
import { formatDate } from "~/utils/format.ts";

const { newPage, loginAs } = useBrowser();

const EXAM = { code: "KT1-VAN-THU", title: "Sát hạch gửi, nhận tài liệu mật qua KT1" };
// Two clerks of the demo data who have no login of their own: this file gives
// them one, so the demo learner's courses and certifications stay untouched.
const PASSES = "thuy.ly@kt1.test";
const FAILS = "duc.ngo@kt1.test";

type Row = {
  position: number;
  type: "SINGLE" | "MULTIPLE" | "TRUE_FALSE";
  options: { id: string; weight: number }[];
  answer: boolean | null;
  explanation: string;
};

async function attemptRows(attemptId: number) {
  return appSql<Row>(
    `select aq.position, v.type, v.options, v.answer, v.explanation
       from attempt_questions aq join question_versions v on v.id = aq.question_version_id
      where aq.attempt_id = $1 order by aq.position`,
    [attemptId],
  );
}

const rightOf = (r: Row) =>
  r.type === "TRUE_FALSE"
    ? [String(r.answer)]
    : r.options.filter((o) => (r.type === "SINGLE" ? o.weight >= 100 : o.weight > 0)).map((o) => o.id);
const wrongOf = (r: Row) => (r.type === "TRUE_FALSE" ? [String(!r.answer)] : [r.options.find((o) => o.weight <= 0)!.id]);

/** A stretch of an explanation that no stem repeats and no encoding changes: the longest plain run of its second half. */
function telltale(explanation: string) {
  const pieces = explanation.slice(Math.floor(explanation.length / 2)).split(/["'<>&\\]/);
  return pieces.reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), "");
}

async function choose(page: Page, position: number, ids: string[]) {
  for (const id of ids) await page.locator(`input[name="q${position}"][value="${id}"]`).check();
}

async function savedAnswers(attemptId: number) {
  const rows = await appSql<{ position: number; answer: string[] }>(
    `select position, answer from attempt_questions where attempt_id = $1 order by position`,
    [attemptId],
  );
  return rows;
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** "14:35" and "28/11/2026" in Vietnam time, as the pages write them. */
function vietnamTime(d: Date) {
  return { time: timeOf(d), date: formatDate(d) };
}

beforeAll(async () => {
  for (const email of [PASSES, FAILS]) {
    await appSql(
      `insert into accounts (person_id, password_hash)
       select p.id, a.password_hash from people p, accounts a join people l on l.id = a.person_id
        where p.email = $1 and l.email = 'learner@kt1.test'
       on conflict (person_id) do nothing`,
      [email],
    );
    await appSql(
      `insert into course_completions (person_id, course_id, completed_at)
       select p.id, ctc.course_id, now() - interval '1 day'
         from people p, certification_type_courses ctc join certification_types ct on ct.id = ctc.certification_type_id
        where p.email = $1 and ct.code = $2
       on conflict do nothing`,
      [email, EXAM.code],
    );
  }
});

describe("exams: a learner passes and is certified", () => {
  it("starts from /exams, answers with autosave and confirmation, and nothing secret reaches the browser", async () => {
    const page = await newPage();
    await loginAs(page, PASSES);
    // Every page and data response the browser receives while the attempt is
    // open, read on the way in (so none is missed, not even one a later request cancels).
    const received: { url: string; method: string; body: string }[] = [];
    let taking = true;
    await page.route(
      () => taking,
      async (route) => {
        const request = route.request();
        const url = new URL(request.url());
        const data = url.pathname.endsWith(".data") || url.pathname.endsWith("/answers");
        if (request.resourceType() !== "document" && !data) return route.continue();
        try {
          const response = await route.fetch({ maxRedirects: 0 });
          const body = await response.text();
          received.push({ url: url.pathname, method: request.method(), body });
          await route.fulfill({ response, body });
        } catch {
          // The page cancelled this request: nothing reached it.
        }
      },
    );
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Thi sát hạch" }).click();
    await expectHeading(page, "Thi sát hạch");
    const card = page.locator("section.exam-card").filter({ has: page.getByRole("heading", { level: 2, name: EXAM.title }) });
    expect(await card.locator(".exam-courses__item--done").count()).toBe(3);
    await card.getByText("từ 80% trở lên").waitFor();
    await card.getByText("tối đa 3 lượt trong 30 ngày").waitFor();
    await card.getByText("Bạn đủ điều kiện dự thi.", { exact: false }).waitFor();
    await card.getByRole("button", { name: `Bắt đầu làm bài: ${EXAM.title}` }).click();
    await page.waitForURL(/\/exams\/\d+$/);
    await expectHeading(page, EXAM.title);
    const attemptId = Number(new URL(page.url()).pathname.split("/").pop());
    const rows = await attemptRows(attemptId);
    expect(rows.length).toBeGreaterThan(10);
    await page.locator("form[data-ready]").waitFor();

    // Leaving and coming back: /exams offers to continue the open attempt.
    await page.getByRole("link", { name: "Về trang thi sát hạch (bài vẫn tiếp tục tính giờ)" }).click();
    await expectHeading(page, "Thi sát hạch");
    await card.getByText(/Bạn đang có một bài thi chưa nộp\. Hạn nộp: \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\./).waitFor();
    await card.getByRole("link", { name: "Tiếp tục bài đang làm" }).click();
    await page.waitForURL(`**/exams/${attemptId}`);
    await page.locator("form[data-ready]").waitFor();
    await page.reload();
    await page.locator("form[data-ready]").waitFor();
    // The questions come once, in the markup, and not again in the hydration data (decision 080).
    const [first] = await appSql<{ stem: string }>(
      `select v.stem from attempt_questions aq join question_versions v on v.id = aq.question_version_id where aq.attempt_id = $1 and aq.position = 1`,
      [attemptId],
    );
    const markup = await (await get(`/exams/${attemptId}`, await loginCookie(PASSES))).text();
    expect(markup.split(telltale(first.stem)).length - 1).toBe(1);
    // The server rendered the time left; the page counts it down.
    const shown = await page.getByRole("timer").textContent();
    await page.waitForFunction((before) => document.querySelector('[role="timer"]')?.textContent !== before, shown, { timeout: 5_000 });
    await page
      .getByRole("timer")
      .getByText(/^(29|30):\d{2}$/)
      .waitFor();
    expect(await page.locator(".exam-question__hint").getByText("Chọn tất cả đáp án đúng", { exact: true }).count()).toBe(
      rows.filter((r) => r.type === "MULTIPLE").length,
    );

    // Every question but the last: autosave stores them as they are chosen.
    const [last, ...others] = [...rows].reverse();
    for (const r of others.reverse()) await choose(page, r.position, rightOf(r));
    await page
      .locator(".exam-save-status")
      .getByText(/Đã lưu lúc \d{2}:\d{2}:\d{2}/)
      .waitFor();
    await waitFor(
      () => savedAnswers(attemptId),
      (s) => s.filter((a) => a.answer.length > 0).length === others.length,
      "autosave",
    );
    await page.getByText(`Đã trả lời ${others.length}/${rows.length} câu`).waitFor();

    // Submitting asks first and names what is unanswered.
    await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
    const dialog = page.getByRole("alertdialog", { name: "Nộp bài?" });
    await dialog.getByText(`Bạn còn 1/${rows.length} câu chưa trả lời:`).waitFor();
    await dialog.getByRole("link", { name: `Câu ${last.position}.` }).waitFor();
    await dialog.getByRole("button", { name: "Quay lại làm bài" }).click();
    await dialog.waitFor({ state: "detached" });
    await choose(page, last.position, rightOf(last));
    // Saves go one at a time, each with every answer: the last one holds them all.
    const key = (ids: string[]) => [...ids].sort().join(",");
    await waitFor(
      () => savedAnswers(attemptId),
      (s) => rows.every((r) => key(s[r.position - 1].answer) === key(rightOf(r))),
      "every answer saved",
    );
    await page
      .locator(".exam-save-status")
      .getByText(/Đã lưu lúc/)
      .waitFor();

    // Nothing received so far carries a weight, the key or an explanation.
    const bodies = received;
    expect(bodies.filter((b) => b.url.endsWith(".data") && b.body === "").map((b) => `${b.method} ${b.url}`)).toEqual([]);
    expect(
      bodies.some((b) => b.method === "POST" && b.url === `/exams/${attemptId}/answers`),
      "an autosave request",
    ).toBe(true);
    expect(
      bodies.some((b) => b.method === "GET" && b.url === `/exams/${attemptId}` && b.body.includes(EXAM.title)),
      "the attempt page",
    ).toBe(true);
    // A static document (decision 083): no hydration data, one script of its own, nothing fetched as `.data`.
    const documents = bodies.filter((b) => b.method === "GET" && b.url === `/exams/${attemptId}`);
    // Continued and reloaded (the start's redirect is followed inside the response this test fulfilled).
    expect(documents.length, "the attempt page, continued and reloaded").toBeGreaterThanOrEqual(2);
    for (const d of documents) expect(d.body).not.toContain("__reactRouterContext");
    expect(bodies.filter((b) => b.url.startsWith(`/exams/${attemptId}.data`))).toEqual([]);
    for (const b of bodies) {
      // The UI dictionary (labels such as "Giải thích" under keys naming explanations) is a script of its own, not in these.
      const body = b.body;
      expect(body, `${b.method} ${b.url}`).not.toMatch(/weight/i);
      expect(body, `${b.method} ${b.url}`).not.toMatch(/explanation/i);
      for (const r of rows) expect(b.body, `${b.method} ${b.url}`).not.toContain(telltale(r.explanation));
    }
    taking = false;

    await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
    await dialog.getByText(`Bạn đã trả lời đủ ${rows.length} câu.`).waitFor();
    await dialog.getByRole("button", { name: "Xác nhận nộp bài" }).click();
    await page.waitForURL(`**/exams/${attemptId}/result`);
    await expectHeading(page, `Kết quả: ${EXAM.title}`);
    await page.getByRole("heading", { level: 2, name: "Đạt", exact: true }).waitFor();
    await page.getByText("100%", { exact: true }).waitFor();

    const [cert] = await appSql<{ id: number; serial: string }>(`select id, serial from certifications where attempt_id = $1`, [attemptId]);
    expect(cert.serial).toMatch(/^KT1-\d{4}-\d{6}$/);
    await page.getByText(`Bạn được cấp chứng nhận số ${cert.serial}`, { exact: false }).waitFor();
    expect(await page.getByRole("link", { name: "Xem giấy chứng nhận" }).getAttribute("href")).toBe(`/certificates/${cert.id}`);

    // The full review: the key marked in words, explanations, citations to the registry.
    const items = page.locator(".exam-review__item");
    expect(await items.count()).toBe(rows.length);
    expect(await page.getByText("Đáp án đúng", { exact: true }).count()).toBeGreaterThanOrEqual(rows.length);
    await page.getByText(rows[0].explanation).first().waitFor();
    const citation = page.locator('.exam-review__citations a[href*="#dieu-"]').first();
    const article = (await citation.getAttribute("href"))!.split("#dieu-")[1];
    expect(await citation.textContent()).toMatch(new RegExp(`Điều ${article}, \\S`));
    const lawLink = page.locator('.exam-review__citations a[href="/legal/117%2F2025%2FQH15#dieu-13"]').first();
    if ((await lawLink.count()) > 0) expect(await lawLink.textContent()).toBe("Điều 13, Luật 117/2025/QH15");

    // Back on /exams: certified, so a new attempt waits for the renewal window.
    await page.goto("/exams");
    await card.getByText(`Bạn đang có chứng nhận số ${cert.serial}`, { exact: false }).waitFor();
    await card.getByText(/Bạn có thể thi để gia hạn từ ngày \d{2}\/\d{2}\/\d{4}\./).waitFor();
    expect(await card.getByRole("button", { name: /Bắt đầu làm bài/ }).count()).toBe(0);
    // The attempt page now leads to the result.
    await page.goto(`/exams/${attemptId}`);
    await page.waitForURL(`**/exams/${attemptId}/result`);
  });
});

describe("exams: when time runs out", () => {
  it("the page submits by itself at 00:00 and shows the result", async () => {
    const page = await newPage();
    await loginAs(page, PASSES);
    await page.goto("/exams");
    const card = page
      .locator("section.exam-card")
      .filter({ has: page.getByRole("heading", { level: 2, name: "Sát hạch bảo vệ bí mật nhà nước" }) });
    await card.getByRole("button", { name: /^Bắt đầu làm bài: / }).click();
    await page.waitForURL(/\/exams\/\d+$/);
    const attemptId = Number(new URL(page.url()).pathname.split("/").pop());
    await page.locator("form[data-ready]").waitFor();
    const [first] = await attemptRows(attemptId);
    await choose(page, first.position, rightOf(first));
    // Every box of a multiple-answer question must be saved, not just the first.
    await waitFor(
      () => savedAnswers(attemptId),
      (s) => s[0].answer.length === rightOf(first).length,
      "autosave",
    );

    // Only a few seconds left: the server renders them, the page counts down and hands in.
    await appSql(`update exam_attempts set deadline_at = now() + interval '4 seconds' where id = $1`, [attemptId]);
    await page.reload();
    await page
      .getByRole("timer")
      .getByText(/^00:0[0-4]$/)
      .waitFor();
    await page.waitForURL(`**/exams/${attemptId}/result`, { timeout: 15_000 });
    await expectHeading(page, /^Kết quả: /);
    await page.getByRole("heading", { level: 2, name: "Chưa đạt", exact: true }).waitFor();
    const [attempt] = await appSql<{ status: string; score: string }>(`select status, score from exam_attempts where id = $1`, [attemptId]);
    expect(attempt.status).toBe("SUBMITTED");
    expect(Number(attempt.score)).toBe(1);
  });
});

describe("exams: without JavaScript, a failed attempt and the cooldown", () => {
  it("saves with the button, confirms on a second page listing the unanswered, submits, fails and is told when to try again", async () => {
    const page = await newPage({ javaScript: false });
    await loginAs(page, FAILS);
    await page.goto("/exams");
    await expectHeading(page, "Thi sát hạch");
    await page.getByRole("button", { name: `Bắt đầu làm bài: ${EXAM.title}` }).click();
    await page.waitForURL(/\/exams\/\d+$/);
    await expectHeading(page, EXAM.title);
    const attemptId = Number(new URL(page.url()).pathname.split("/").pop());
    const rows = await attemptRows(attemptId);
    // No timer frozen at the time of rendering: the deadline as a clock time, Vietnam time.
    expect(await page.getByRole("timer").count()).toBe(0);
    const [{ deadline_at }] = await appSql<{ deadline_at: Date }>(`select deadline_at from exam_attempts where id = $1`, [attemptId]);
    const deadline = vietnamTime(deadline_at);
    await page.getByText(`Hạn nộp: ${deadline.time} ngày ${deadline.date}`, { exact: true }).waitFor();
    // Nothing saves by itself without JavaScript, and the page says which button does
    // (the drawn questions may themselves say "tự động": look for the autosave wording only).
    expect(
      await page
        .locator("main")
        .getByText(/được lưu tự động/)
        .count(),
    ).toBe(0);
    await page.getByText("Câu trả lời được lưu khi bạn bấm “Lưu câu trả lời”.", { exact: true }).waitFor();

    await choose(page, rows[0].position, wrongOf(rows[0]));
    await choose(page, rows[1].position, wrongOf(rows[1]));
    await page.getByRole("button", { name: "Lưu câu trả lời" }).click();
    await page.getByText(/Đã lưu lúc \d{2}:\d{2}:\d{2}/).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/exams/${attemptId}`);
    const saved = await savedAnswers(attemptId);
    expect(saved[0].answer).toEqual(wrongOf(rows[0]));
    expect(saved[1].answer).toEqual(wrongOf(rows[1]));
    expect(await page.locator(`input[name="q${rows[0].position}"][value="${wrongOf(rows[0])[0]}"]`).isChecked()).toBe(true);

    // A third answer, not saved yet: "Nộp bài" saves it and asks first, on a page of its own.
    await choose(page, rows[2].position, wrongOf(rows[2]));
    await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
    await page.waitForURL(`**/exams/${attemptId}?review=1`);
    await page.getByRole("heading", { level: 2, name: "Xác nhận nộp bài" }).waitFor();
    expect(await appSql(`select status from exam_attempts where id = $1`, [attemptId])).toEqual([{ status: "IN_PROGRESS" }]);
    const unanswered = rows.slice(3).map((r) => `Câu ${r.position}.`);
    await page.getByText(`Bạn còn ${unanswered.length}/${rows.length} câu chưa trả lời:`).waitFor();
    expect(await page.getByTestId("unanswered").getByRole("link").allInnerTexts()).toEqual(unanswered);
    // "Quay lại làm bài" returns to the questions, answers kept.
    await page.getByRole("link", { name: "Quay lại làm bài" }).click();
    await page.waitForURL(`**/exams/${attemptId}`);
    expect(await page.locator(`input[name="q${rows[2].position}"][value="${wrongOf(rows[2])[0]}"]`).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
    await page.waitForURL(`**/exams/${attemptId}?review=1`);
    await page.getByRole("button", { name: "Xác nhận nộp bài" }).click();
    await page.waitForURL(`**/exams/${attemptId}/result`);
    // Submitting from the confirmation page keeps every saved answer.
    const graded = await savedAnswers(attemptId);
    expect(graded.slice(0, 3).map((r) => r.answer)).toEqual(rows.slice(0, 3).map(wrongOf));
    await page.getByRole("heading", { level: 2, name: "Chưa đạt", exact: true }).waitFor();
    expect(await page.getByText("Xem giấy chứng nhận").count()).toBe(0);

    const [{ submitted_at, cooldown_minutes, exam_id }] = await appSql<{ submitted_at: Date; cooldown_minutes: number; exam_id: number }>(
      `select a.submitted_at, e.cooldown_minutes, e.id as exam_id from exam_attempts a join exams e on e.id = a.exam_id where a.id = $1`,
      [attemptId],
    );
    const until = vietnamTime(new Date(submitted_at.getTime() + cooldown_minutes * 60_000));
    const message = `Bạn cần chờ đến ${until.time} ngày ${until.date} mới được làm lại (thời gian chờ giữa hai lần thi).`;
    await page.goto("/exams");
    const card = page.locator("section.exam-card").filter({ has: page.getByRole("heading", { level: 2, name: EXAM.title }) });
    await card.getByText(message).waitFor();
    await card.getByText(/Lần thi gần nhất: chưa đạt/).waitFor();
    expect(await card.getByRole("button", { name: /Bắt đầu làm bài/ }).count()).toBe(0);

    // Asking the server anyway: refused with the same words.
    const cookie = await loginCookie(FAILS);
    const res = await post("/exams", { intent: "start", examId: String(exam_id) }, cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
    const [{ n }] = await appSql<{ n: string }>(
      `select count(*) as n from exam_attempts a join people p on p.id = a.person_id where p.email = $1`,
      [FAILS],
    );
    expect(Number(n)).toBe(1);
  });

  it("the attempt pages belong to their learner", async () => {
    const [{ id }] = await appSql<{ id: number }>(
      `select a.id from exam_attempts a join people p on p.id = a.person_id where p.email = $1 limit 1`,
      [FAILS],
    );
    const other = await loginCookie("learner@kt1.test");
    expect((await get(`/exams/${id}`, other)).status).toBe(404);
    expect((await get(`/exams/${id}/result`, other)).status).toBe(404);
    expect((await post(`/exams/${id}`, { intent: "save" }, other)).status).toBe(404);
    expect((await get(`/exams/not-a-number`, other)).status).toBe(404);
    expect((await get(`/exams`)).status).toBe(302);
  });
});

describe("exams: item analysis for trainers", () => {
  it("shows attempts, pass rate, the score distribution and per-question statistics", async () => {
    const page = await newPage();
    await loginAs(page, "trainer@kt1.test");
    await page.goto("/trainer");
    await page.getByRole("link", { name: "Phân tích đề thi và câu hỏi" }).click();
    await expectHeading(page, "Phân tích đề thi");
    const [{ submitted, passed }] = await appSql<{ submitted: number; passed: number }>(
      `select count(*)::int as submitted, count(*) filter (where a.passed)::int as passed
         from exam_attempts a join exams e on e.id = a.exam_id join certification_types t on t.id = e.certification_type_id
        where t.code = $1 and a.status = 'SUBMITTED'`,
      [EXAM.code],
    );
    expect(submitted).toBeGreaterThanOrEqual(2);
    const rate = `${new Intl.NumberFormat("vi-VN").format(Math.round((passed / submitted) * 1000) / 10)}%`;
    const row = page.locator("tr").filter({ has: page.getByRole("link", { name: EXAM.title }) });
    await row.getByRole("cell", { name: rate, exact: true }).waitFor();
    await row
      .getByRole("cell", { name: String(submitted), exact: true })
      .first()
      .waitFor();
    await row.getByRole("link", { name: EXAM.title }).click();
    await expectHeading(page, EXAM.title);

    const distribution = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Phân bố điểm" }) });
    expect(await distribution.locator("tbody tr").count()).toBe(10);
    // Charts drawn on the server: named by their headings, described by a summary sentence.
    expect(await distribution.locator('[data-chart="distribution"] svg rect').count()).toBeGreaterThan(0);
    await distribution.getByRole("img", { name: "Phân bố điểm" }).waitFor();
    await distribution.getByText(new RegExp(`^${submitted} bài đã nộp; nhiều nhất ở khoảng `)).waitFor();
    await page.getByRole("img", { name: "Độ dễ và độ phân biệt của từng câu hỏi" }).waitFor();
    expect(await page.locator('[data-chart="items"] svg :is(circle, path)').count()).toBeGreaterThan(0);
    const items = page.locator("table.exam-items tbody tr");
    expect(await items.count()).toBeGreaterThan(10);
    await items.first().getByText("Bỏ trống:").waitFor();

    const learner = await loginCookie("learner@kt1.test");
    expect((await get("/trainer/exams", learner)).status).toBe(403);
    const [{ id }] = await appSql<{ id: number }>(`select id from exams order by id limit 1`);
    expect((await get(`/trainer/exams/${id}`, learner)).status).toBe(403);
  });

  it("has no horizontal overflow on a phone-sized screen", async () => {
    const page = await newPage({ viewport: { width: 375, height: 740 } });
    await loginAs(page, PASSES);
    const [{ id }] = await appSql<{ id: number }>(
      `select a.id from exam_attempts a join people p on p.id = a.person_id where p.email = $1 limit 1`,
      [PASSES],
    );
    for (const path of ["/exams", `/exams/${id}/result`]) {
      await page.goto(path);
      await page.locator("h1").waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(0);
    }
  });
});
