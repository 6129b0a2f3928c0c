// Issue 11, item 15: lesson completion was self-declared — 18 POSTs of
// `intent=done` unlocked an exam without opening a lesson. A lesson is done
// only once the server has recorded the person opening it and every knowledge
// check of the version shown answered correctly (decision 026).
import { beforeAll, describe, expect, it } from "vitest";
import { learnerChecks } from "~/domain/content/completion.ts";
import { knowledgeChecksOf } from "~/services/content/compile.server.ts";
import { readContentFiles } from "~/services/content/files.server.ts";
import { answerKnowledgeCheck, markDone, markViewed } from "~/services/content/learning.server.ts";
import { loadRegistry } from "~/services/content/registry.server.ts";
import { renderLessonHtml } from "~/services/content/render.server.tsx";
import { syncContent } from "~/services/content/sync.server.ts";
import { examOverview } from "~/services/exams/attempt-start.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";
import { appSql, loginCookie, post } from "../support/http.ts";

const T0 = new Date("2026-12-04T03:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  await syncContent(await readContentFiles(), T0);
}, 600_000);

async function learner() {
  const unit = await makeUnit({ kind: "AGENCY" });
  return makePerson({ unitId: unit.id, roles: [{ role: "LEARNER", unitId: unit.id }] });
}

/** The first exam's required lessons, each with its latest version. */
async function examLessons(personId: number) {
  const [exam] = await examOverview(personId, T0);
  const lessons = await getDb().lesson.findMany({
    where: { courseId: { in: exam.requiredCourses.map((c) => c.id) } },
    orderBy: [{ courseId: "asc" }, { position: "asc" }],
    select: { id: true, versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, contentHash: true, source: true } } },
  });
  return { examId: exam.examId, lessons: lessons.map((l) => ({ id: l.id, version: l.versions[0] })) };
}

const examCheck = async (personId: number, examId: number, now: Date) =>
  (await examOverview(personId, now)).find((e) => e.examId === examId)!.check;

describe("marking lessons done through the service", () => {
  it("refuses every lesson of an exam's courses never opened, and the exam stays locked", async () => {
    const person = await learner();
    const { examId, lessons } = await examLessons(person.id);
    expect(lessons.length).toBeGreaterThanOrEqual(10);
    for (const [i, lesson] of lessons.entries()) {
      const result = await markDone(person.id, lesson.id, at(i));
      expect(result).toMatchObject({
        ok: false,
        code: "NOT_EARNED",
        reasons: [{ code: "NOT_OPENED" }, { code: "CHECKS_UNANSWERED", answered: 0 }],
      });
    }
    expect(await getDb().lessonProgress.count({ where: { personId: person.id } })).toBe(0);
    expect(await getDb().courseCompletion.count({ where: { personId: person.id } })).toBe(0);
    expect(await examCheck(person.id, examId, at(60))).toMatchObject({
      ok: false,
      code: "REFUSED",
      reasons: [{ code: "COURSES_INCOMPLETE" }],
    });
  });

  it("refuses a lesson opened but with checks unanswered or answered wrong, and accepts it once they are answered right", async () => {
    const person = await learner();
    const { lessons } = await examLessons(person.id);
    const [lesson] = lessons;
    const keys = learnerChecks(knowledgeChecksOf(lesson.version.source));
    expect(keys.length).toBeGreaterThan(0);
    await markViewed(person.id, lesson.id, at(0), []);
    expect(await markDone(person.id, lesson.id, at(1))).toMatchObject({
      ok: false,
      code: "NOT_EARNED",
      reasons: [{ code: "CHECKS_UNANSWERED", answered: 0, total: keys.length }],
    });

    const wrong = (keys[0].correct + 1) % keys[0].options;
    expect(
      await answerKnowledgeCheck(person.id, lesson.version, { contentHash: lesson.version.contentHash, check: 0, option: wrong }, at(2)),
    ).toEqual({ ok: true, value: { check: 0, correct: false } });
    expect(
      await answerKnowledgeCheck(person.id, lesson.version, { contentHash: "0".repeat(64), check: 0, option: keys[0].correct }, at(2)),
    ).toEqual({ ok: false, code: "STALE_VERSION" });
    expect(
      await answerKnowledgeCheck(
        person.id,
        lesson.version,
        { contentHash: lesson.version.contentHash, check: keys.length, option: 0 },
        at(2),
      ),
    ).toEqual({ ok: false, code: "UNKNOWN_CHECK" });
    expect(await markDone(person.id, lesson.id, at(3))).toMatchObject({
      ok: false,
      code: "NOT_EARNED",
      reasons: [{ code: "CHECKS_UNANSWERED", answered: 0 }],
    });

    for (const [check, key] of keys.entries()) {
      expect(
        await answerKnowledgeCheck(
          person.id,
          lesson.version,
          { contentHash: lesson.version.contentHash, check, option: key.correct },
          at(4),
        ),
      ).toEqual({ ok: true, value: { check, correct: true } });
    }
    expect(await markDone(person.id, lesson.id, at(5))).toMatchObject({ ok: true });
    const row = await getDb().lessonProgress.findUniqueOrThrow({
      where: { personId_lessonId: { personId: person.id, lessonId: lesson.id } },
    });
    expect(row.completedAt).toEqual(at(5));
  });

  it("grades against the options the page shows: the page numbers its checks as the server does", async () => {
    const { lessons } = await examLessons((await learner()).id);
    const registry = await loadRegistry(T0);
    for (const lesson of lessons.slice(0, 3)) {
      const keys = learnerChecks(knowledgeChecksOf(lesson.version.source));
      const html = await renderLessonHtml(
        {
          contentHash: lesson.version.contentHash,
          loadCode: async () => (await getDb().lessonVersion.findUniqueOrThrow({ where: { id: lesson.version.id } })).code,
        },
        registry,
        { trainer: false },
      );
      const shown = [...html.matchAll(/data-check="(\d+)"[\s\S]*?<\/section>/g)].map(([section, n]) => ({
        check: Number(n),
        correct: [...section.matchAll(/data-correct="(true|false)"/g)].findIndex((m) => m[1] === "true"),
      }));
      expect(shown).toEqual(keys.map((k, check) => ({ check, correct: k.correct })));
    }
  });
});

describe("over HTTP, as learner@kt1.test", () => {
  it("18 POSTs of intent=done to lessons never opened are refused with a clear message, and nothing changes", async () => {
    const cookie = await loginCookie("learner@kt1.test");
    const state = () =>
      Promise.all([
        appSql(
          `select lp.lesson_id, lp.last_viewed_at, lp.completed_at from lesson_progress lp join people p on p.id = lp.person_id where p.email = 'learner@kt1.test' order by 1`,
        ),
        appSql(
          `select cc.course_id, cc.completed_at from course_completions cc join people p on p.id = cc.person_id where p.email = 'learner@kt1.test' order by 1`,
        ),
        appSql(
          `select count(*)::int as n from knowledge_check_answers a join people p on p.id = a.person_id where p.email = 'learner@kt1.test'`,
        ).catch(() => []),
      ]);
    const lessons = await appSql<{ course: string; lesson: string }>(
      `select c.slug as course, l.slug as lesson
         from lessons l join courses c on c.id = l.course_id
        where c.audience && array['ALL', 'AGENCY_CLERK']::text[]
          and exists (select 1 from lesson_versions v where v.lesson_id = l.id)
          and not exists (select 1 from lesson_progress lp join people p on p.id = lp.person_id
                           where lp.lesson_id = l.id and p.email = 'learner@kt1.test')
        order by c.position, l.position limit 18`,
    );
    expect(lessons.length).toBeGreaterThanOrEqual(10);
    const before = await state();
    for (const l of lessons) {
      const res = await post(`/learn/${l.course}/${l.lesson}`, { intent: "done" }, cookie);
      expect(res.status, `${l.course}/${l.lesson}`).toBe(409);
      expect(await res.text()).toContain("Chưa ghi nhận bài này là đã học xong: cần mở bài và trả lời đúng mọi câu hỏi ôn tập trước.");
    }
    expect(await state()).toEqual(before);
  });
});
