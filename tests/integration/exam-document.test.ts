// The exam page's document served ahead of React Router from a template
// (decision 083): the production build and server/app.ts, in-process, against
// this file's database. Two learners' attempts of one exam share a template;
// each page holds only its own attempt, questions, answers, deadline and name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAttempt } from "~/services/exams/attempt-start.server.ts";
import { createSession } from "~/services/sessions.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { fixtureLearner, makeFixtureExam } from "../support/exam-fixtures.ts";
import { loadBuild, serveInProcess } from "../support/in-process-app.ts";

let base = "";
let close: () => Promise<void> = async () => {};
let templateRenders: () => number;
let fixture: Awaited<ReturnType<typeof makeFixtureExam>>;

beforeAll(async () => {
  const build = await loadBuild();
  templateRenders = (build.entry.module as unknown as { lessonTemplateRenders: () => number }).lessonTemplateRenders;
  fixture = await makeFixtureExam({ now: new Date(Date.now() - 60 * 60_000) });
  ({ base, close } = await serveInProcess(build));
}, 300_000);

afterAll(() => close());

async function learnerTaking(fullName: string, exam = fixture) {
  const person = await fixtureLearner(exam, new Date(Date.now() - 24 * 60 * 60_000));
  await getDb().person.update({ where: { id: person.id }, data: { fullName } });
  const started = await startAttempt(person.id, exam.examId, new Date());
  if (!started.ok) throw new Error(`start refused: ${started.code}`);
  const account = await getDb().account.findUniqueOrThrow({ where: { personId: person.id } });
  const { token } = await createSession(account.id, new Date());
  return { attemptId: started.value.attemptId, cookie: `kt1_session=${token}` };
}

async function get(url: string, cookie: string) {
  const res = await fetch(`${base}${url}`, { headers: { cookie }, redirect: "manual" });
  return { res, body: await res.text() };
}

/** Stems of an attempt's questions, in its order. */
async function stems(attemptId: number) {
  const rows = await getDb().attemptQuestion.findMany({
    where: { attemptId },
    include: { questionVersion: true },
    orderBy: { position: "asc" },
  });
  return rows.map((r) => r.questionVersion.stem);
}

describe("the exam document", () => {
  it("shows each learner their own attempt from one template: id, questions, answers, deadline, name", async () => {
    const a = await learnerTaking("Trần Văn An");
    const b = await learnerTaking(`Lê <b>Bình</b> & "Cường"`);
    const [firstOfA] = await getDb().attemptQuestion.findMany({ where: { attemptId: a.attemptId, position: 1 } });
    await getDb().attemptQuestion.update({ where: { id: firstOfA.id }, data: { answer: ["true"] } });
    await getDb().$executeRaw`update exam_attempts set deadline_at = deadline_at - interval '7 minutes' where id = ${b.attemptId}`;

    const pageA = await get(`/exams/${a.attemptId}`, a.cookie);
    expect(pageA.res.status).toBe(200);
    expect(pageA.res.headers.get("cache-control")).toBe("no-store");
    const renders = templateRenders();
    const pageB = await get(`/exams/${b.attemptId}`, b.cookie);
    expect(pageB.res.status).toBe(200);
    // B's page came from A's template: no render in between.
    expect(templateRenders()).toBe(renders);

    const total = (await stems(a.attemptId)).length;
    expect(pageA.body).toContain(`action="/exams/${a.attemptId}"`);
    expect(pageA.body).toContain(`data-attempt="${a.attemptId}"`);
    expect(pageA.body).toContain(`Đã trả lời 1/${total} câu`);
    expect(pageA.body).toContain("Trần Văn An");
    expect(pageB.body).toContain(`action="/exams/${b.attemptId}"`);
    expect(pageB.body).not.toContain(`/exams/${a.attemptId}"`);
    expect(pageB.body).toContain(`Đã trả lời 0/${total} câu`);
    expect(pageB.body).toContain("Lê &lt;b&gt;Bình&lt;/b&gt; &amp; &quot;Cường&quot;");
    expect(pageB.body).not.toContain("<b>Bình</b>");
    expect(pageB.body).not.toContain("Trần Văn An");
    // Each page lists its own attempt's questions, in its order.
    const order = (body: string, list: string[]) => list.map((s) => body.indexOf(s.replace(/&/g, "&amp;").replace(/</g, "&lt;")));
    const inA = order(pageA.body, await stems(a.attemptId));
    expect(inA.every((i, k) => i > 0 && (k === 0 || i > inA[k - 1]))).toBe(true);
    // The time left and the deadline are each attempt's own.
    const remaining = (body: string) => Number(/data-remaining-ms="(\d+)"/.exec(body)?.[1]);
    expect(remaining(pageA.body) - remaining(pageB.body)).toBeGreaterThan(6 * 60_000);
    const deadline = (body: string) => /Hạn nộp: (\d{2}:\d{2}) ngày/.exec(body)?.[1];
    expect(deadline(pageA.body)).not.toBe(deadline(pageB.body));
  });

  it("learners opening a new exam's page at the same moment share one render, each seeing their own attempt", async () => {
    // Another exam: its template is in no cache yet, as at the start of an exam day.
    const exam = await makeFixtureExam({ now: new Date(Date.now() - 60 * 60_000) });
    const names = ["Hà Văn Một", "Hà Văn Hai", "Hà Văn Ba", "Hà Văn Bốn"];
    const learners = await Promise.all(names.map((name) => learnerTaking(name, exam)));
    const renders = templateRenders();
    const pages = await Promise.all(learners.map((l) => get(`/exams/${l.attemptId}`, l.cookie)));
    expect(templateRenders() - renders).toBe(1);
    pages.forEach((page, i) => {
      expect(page.res.status).toBe(200);
      expect(page.body).toContain(`data-attempt="${learners[i].attemptId}"`);
      expect(page.body).toContain(names[i]);
    });
  });

  it("carries no hydration data: one inline script with this response's nonce", async () => {
    const a = await learnerTaking("Đỗ Minh Đức");
    const { res, body } = await get(`/exams/${a.attemptId}`, a.cookie);
    expect(body).not.toContain("__reactRouterContext");
    expect(body).not.toContain('type="module"');
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    const scripts = [...body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([` nonce="${nonce}"`]);
  });

  it("leaves to React Router an attempt that is another's, handed in, or past its deadline", async () => {
    const a = await learnerTaking("Phạm Thị Chi");
    const b = await learnerTaking("Vũ Văn Dũng");
    expect((await get(`/exams/${b.attemptId}`, a.cookie)).res.status).toBe(404);
    await getDb().$executeRaw`update exam_attempts set deadline_at = now() - interval '1 second' where id = ${a.attemptId}`;
    const late = await get(`/exams/${a.attemptId}`, a.cookie);
    expect(late.res.status).toBe(302);
    expect(late.res.headers.get("location")).toBe(`/exams/${a.attemptId}/result`);
    expect((await getDb().examAttempt.findUniqueOrThrow({ where: { id: a.attemptId } })).status).toBe("SUBMITTED");
    const again = await get(`/exams/${a.attemptId}`, a.cookie);
    expect(again.res.status).toBe(302);
  });
});
