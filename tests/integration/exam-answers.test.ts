// The exam page's autosave, POST /exams/:attemptId/answers, answered ahead of
// React Router (decision 082). The production build is served in-process with
// React Router's pipeline broken (its root middleware throws), so every answer
// here is the plain handler's: saves, refusals, the deadline, the session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredOption } from "~/services/exams/bank.server.ts";
import { startAttempt } from "~/services/exams/attempt-start.server.ts";
import { createSession } from "~/services/sessions.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { fixtureLearner, makeFixtureExam } from "../support/exam-fixtures.ts";
import { loadBuild, serveInProcess, withBrokenPipeline } from "../support/in-process-app.ts";

let base = "";
let close: () => Promise<void> = async () => {};
let fixture: Awaited<ReturnType<typeof makeFixtureExam>>;

beforeAll(async () => {
  const build = await loadBuild();
  fixture = await makeFixtureExam({ now: new Date(Date.now() - 60 * 60_000) });
  ({ base, close } = await serveInProcess(withBrokenPipeline(build, "React Router's pipeline ran")));
}, 300_000);

afterAll(() => close());

/** A learner with an open attempt, signed in. */
async function learnerTaking() {
  const person = await fixtureLearner(fixture, new Date(Date.now() - 24 * 60 * 60_000));
  const started = await startAttempt(person.id, fixture.examId, new Date());
  if (!started.ok) throw new Error(`start refused: ${started.code}`);
  const account = await getDb().account.findUniqueOrThrow({ where: { personId: person.id } });
  const { token } = await createSession(account.id, new Date());
  return { attemptId: started.value.attemptId, cookie: `kt1_session=${token}` };
}

/** The first question's position and one of its options' ids (or "true"). */
async function firstQuestion(attemptId: number) {
  const q = await getDb().attemptQuestion.findFirstOrThrow({ where: { attemptId, position: 1 }, include: { questionVersion: true } });
  const v = q.questionVersion;
  return { position: q.position, option: v.type === "TRUE_FALSE" ? "true" : (v.options as StoredOption[])[0].id };
}

const savedAnswer = async (attemptId: number) =>
  (await getDb().attemptQuestion.findFirstOrThrow({ where: { attemptId, position: 1 }, select: { answer: true } })).answer;

function save(attemptId: number, form: Record<string, string>, cookie?: string, origin = base) {
  return fetch(`${base}/exams/${attemptId}/answers`, {
    method: "POST",
    redirect: "manual",
    headers: { origin, "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(form),
  });
}

describe("the exam page's autosave", () => {
  it("saves the learner's answers and says when", async () => {
    const { attemptId, cookie } = await learnerTaking();
    const q = await firstQuestion(attemptId);
    const res = await save(attemptId, { [`q${q.position}`]: q.option }, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    const body = (await res.json()) as { savedAt: string };
    expect(Math.abs(Date.parse(body.savedAt) - Date.now())).toBeLessThan(60_000);
    expect(await savedAnswer(attemptId)).toEqual([q.option]);
  });

  it("refuses an option the question does not have, in Vietnamese, and saves nothing", async () => {
    const { attemptId, cookie } = await learnerTaking();
    const res = await save(attemptId, { q1: "khong-co" }, cookie);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/[ảạắằẳẵặấầẩẫậđ]/);
    expect(await savedAnswer(attemptId)).toEqual([]);
  });

  it("answers another learner's attempt as not found and changes nothing", async () => {
    const mine = await learnerTaking();
    const theirs = await learnerTaking();
    const q = await firstQuestion(theirs.attemptId);
    const res = await save(theirs.attemptId, { [`q${q.position}`]: q.option }, mine.cookie);
    expect(res.status).toBe(404);
    expect(await savedAnswer(theirs.attemptId)).toEqual([]);
    expect((await save(2_000_000_000, {}, mine.cookie)).status).toBe(404);
    expect((await save(Number.NaN, {}, mine.cookie)).status).toBe(404);
  });

  it("past the deadline hands the attempt in with what was saved in time and sends the page to the result", async () => {
    const { attemptId, cookie } = await learnerTaking();
    const q = await firstQuestion(attemptId);
    await getDb().$executeRaw`update exam_attempts set deadline_at = now() - interval '1 second' where id = ${attemptId}`;
    const res = await save(attemptId, { [`q${q.position}`]: q.option }, cookie);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ redirect: `/exams/${attemptId}/result` });
    const attempt = await getDb().examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt.status).toBe("SUBMITTED");
    expect(attempt.autoSubmitted).toBe(true);
    expect(await savedAnswer(attemptId)).toEqual([]);
    // Handed in: a later save is told so again and changes nothing.
    expect((await save(attemptId, { [`q${q.position}`]: q.option }, cookie)).status).toBe(409);
  });

  it("without a valid session sends the page to sign in, clearing a stale cookie", async () => {
    const { attemptId } = await learnerTaking();
    const res = await save(attemptId, { q1: "true" }, "kt1_session=abcdefghijklmnopqrstuvwxyz234567");
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ redirect: `/login?redirectTo=${encodeURIComponent(`/exams/${attemptId}`)}` });
    expect(res.headers.get("set-cookie")).toMatch(/^kt1_session=;/);
    expect((await save(attemptId, { q1: "true" })).status).toBe(401);
  });

  it("refuses a request from another origin before reading it", async () => {
    const { attemptId, cookie } = await learnerTaking();
    const q = await firstQuestion(attemptId);
    const res = await save(attemptId, { [`q${q.position}`]: q.option }, cookie, "https://evil.example");
    expect(res.status).toBe(403);
    expect(await savedAnswer(attemptId)).toEqual([]);
  });
});
