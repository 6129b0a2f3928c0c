// When a lesson may be marked done (decision 026), how an answer is graded, and
// which knowledge checks a lesson asks.
import { describe, expect, it } from "vitest";
import { canCompleteLesson, gradeAnswer, learnerChecks } from "~/domain/content/completion.ts";
import { knowledgeChecksOf } from "~/services/content/compile.server.ts";

const NOW = new Date("2026-12-04T03:00:00Z");
const BEFORE = new Date("2026-12-04T02:50:00Z");

describe("canCompleteLesson", () => {
  it("needs a recorded view and every check answered correctly, and names every missing step", () => {
    expect(canCompleteLesson({ viewedAt: BEFORE, checks: 2, answeredCorrectly: [0, 1] }, NOW)).toEqual({ ok: true });
    expect(canCompleteLesson({ viewedAt: BEFORE, checks: 0, answeredCorrectly: [] }, NOW)).toEqual({ ok: true });
    expect(canCompleteLesson({ viewedAt: null, checks: 2, answeredCorrectly: [] }, NOW)).toEqual({
      ok: false,
      code: "NOT_EARNED",
      reasons: [{ code: "NOT_OPENED" }, { code: "CHECKS_UNANSWERED", answered: 0, total: 2 }],
    });
    expect(canCompleteLesson({ viewedAt: BEFORE, checks: 2, answeredCorrectly: [1] }, NOW)).toEqual({
      ok: false,
      code: "NOT_EARNED",
      reasons: [{ code: "CHECKS_UNANSWERED", answered: 1, total: 2 }],
    });
  });

  it("counts no view from the future and no answers to checks the version does not have", () => {
    expect(canCompleteLesson({ viewedAt: new Date(NOW.getTime() + 1), checks: 0, answeredCorrectly: [] }, NOW)).toEqual({
      ok: false,
      code: "NOT_EARNED",
      reasons: [{ code: "NOT_OPENED" }],
    });
    expect(canCompleteLesson({ viewedAt: BEFORE, checks: 2, answeredCorrectly: [0, 0, 2, 5, -1] }, NOW)).toEqual({
      ok: false,
      code: "NOT_EARNED",
      reasons: [{ code: "CHECKS_UNANSWERED", answered: 1, total: 2 }],
    });
  });
});

describe("gradeAnswer", () => {
  const checks = [{ options: 3, correct: 1, trainerOnly: false }];
  it("grades a known option and refuses unknown checks and options", () => {
    expect(gradeAnswer(checks, 0, 1)).toEqual({ ok: true, value: { correct: true } });
    expect(gradeAnswer(checks, 0, 2)).toEqual({ ok: true, value: { correct: false } });
    expect(gradeAnswer(checks, 1, 0)).toEqual({ ok: false, code: "UNKNOWN_CHECK" });
    expect(gradeAnswer(checks, -1, 0)).toEqual({ ok: false, code: "UNKNOWN_CHECK" });
    expect(gradeAnswer(checks, 0, 3)).toEqual({ ok: false, code: "UNKNOWN_OPTION" });
    expect(gradeAnswer(checks, 0, -1)).toEqual({ ok: false, code: "UNKNOWN_OPTION" });
  });
});

describe("knowledgeChecksOf", () => {
  it("lists a lesson's checks in order with their right option; learners are not asked those in trainer notes", () => {
    const source = `---\ntitle: Bài thử\nsummary: Một bài thử nghiệm ngắn gọn.\nminutes: 5\n---\n
<KnowledgeCheck question="Một?">
<Option>Sai</Option>
<Option correct>Đúng</Option>
</KnowledgeCheck>

<TrainerNote>
<KnowledgeCheck question="Cho giảng viên?">
<Option correct>Đúng</Option>
<Option>Sai</Option>
</KnowledgeCheck>
</TrainerNote>

<KnowledgeCheck question="Hai?">
<Option>Sai</Option>
<Option>Sai</Option>
<Option correct="true">Đúng</Option>
</KnowledgeCheck>
`;
    const keys = knowledgeChecksOf(source);
    expect(keys).toEqual([
      { options: 2, correct: 1, trainerOnly: false },
      { options: 2, correct: 0, trainerOnly: true },
      { options: 3, correct: 2, trainerOnly: false },
    ]);
    expect(learnerChecks(keys)).toEqual([keys[0], keys[2]]);
  });
});
