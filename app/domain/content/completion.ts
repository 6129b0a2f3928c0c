// When a learner may mark a lesson done. Completion gates exams (a course is
// complete when all its lessons are done), so it must be earned, not declared:
// the server has recorded the person opening the lesson, and every knowledge
// check of the version they see has been answered correctly (as often as it
// takes: the checks teach, they are not graded). Pure: rows in, reasons out.
import { ok, refused, type Result } from "../result.ts";
import type { KnowledgeCheckKey } from "./mdx-rules.ts";

export type CompletionReason = { code: "NOT_OPENED" } | { code: "CHECKS_UNANSWERED"; answered: number; total: number };
export type CompletionCheck = Result<undefined, "NOT_EARNED", CompletionReason>;

export type CompletionInput = {
  /** The person's recorded view of the lesson (lesson_progress.last_viewed_at), if any. */
  viewedAt: Date | null;
  /** How many checks of the shown version a learner is asked (trainer-only ones excluded). */
  checks: number;
  /** Checks of that version (0-based) the person has answered correctly. */
  answeredCorrectly: readonly number[];
};

/** Whether the lesson can be marked done at `now`, with every reason it cannot. */
export function canCompleteLesson(input: CompletionInput, now: Date): CompletionCheck {
  const reasons: CompletionReason[] = [];
  if (!input.viewedAt || input.viewedAt.getTime() > now.getTime()) reasons.push({ code: "NOT_OPENED" });
  const answered = new Set(input.answeredCorrectly.filter((i) => Number.isInteger(i) && i >= 0 && i < input.checks)).size;
  if (answered < input.checks) reasons.push({ code: "CHECKS_UNANSWERED", answered, total: input.checks });
  return reasons.length === 0 ? ok() : refused("NOT_EARNED", reasons);
}

/** The checks a learner answers, numbered as the page numbers them (trainer notes' checks are not asked). */
export function learnerChecks(keys: readonly KnowledgeCheckKey[]): KnowledgeCheckKey[] {
  return keys.filter((k) => !k.trainerOnly);
}

export type Grade = Result<{ correct: boolean }, "UNKNOWN_CHECK" | "UNKNOWN_OPTION">;

/** Grades an answer (`option` 0-based) to check `check` of a version whose learner checks are `checks`. */
export function gradeAnswer(checks: readonly KnowledgeCheckKey[], check: number, option: number): Grade {
  const key = Number.isInteger(check) && check >= 0 ? checks[check] : undefined;
  if (!key) return refused("UNKNOWN_CHECK");
  if (!Number.isInteger(option) || option < 0 || option >= key.options) return refused("UNKNOWN_OPTION");
  return ok({ correct: option === key.correct });
}
