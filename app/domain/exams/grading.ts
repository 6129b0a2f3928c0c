// Grading, on the server only. Option weights follow GIFT: a positive weight is
// (part of) the right answer, in percent; wrong options of a multiple-answer
// question may carry a negative weight (the penalty).
export const QUESTION_TYPES = ["SINGLE", "MULTIPLE", "TRUE_FALSE"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export type ScoringOption = { id: string; weight: number };
export type GradableQuestion = { type: QuestionType; options: ScoringOption[]; answer: boolean | null };
export type MultipleScoring = "ALL_OR_NOTHING" | "PARTIAL";

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The score of one answer, from 0 to 1. An unanswered question scores 0. */
export function gradeAnswer(q: GradableQuestion, chosen: readonly string[], scoring: MultipleScoring): number {
  if (chosen.length === 0) return 0;
  if (q.type === "TRUE_FALSE") return chosen.length === 1 && chosen[0] === String(q.answer) ? 1 : 0;
  const known = new Set(q.options.map((o) => o.id));
  const picked = new Set(chosen.filter((id) => known.has(id)));
  if (q.type === "SINGLE") {
    if (picked.size !== 1) return 0;
    const [id] = picked;
    return q.options.find((o) => o.id === id)!.weight >= 100 ? 1 : 0;
  }
  const right = new Set(q.options.filter((o) => o.weight > 0).map((o) => o.id));
  if (scoring === "ALL_OR_NOTHING") {
    return picked.size === right.size && [...picked].every((id) => right.has(id)) ? 1 : 0;
  }
  const total = q.options.filter((o) => picked.has(o.id)).reduce((sum, o) => sum + o.weight, 0);
  return round3(Math.min(1, Math.max(0, total / 100)));
}

export function gradeAttempt(scores: readonly number[], passPercent: number) {
  const score = round3(scores.reduce((a, b) => a + b, 0));
  const max = scores.length;
  const percent = max === 0 ? 0 : Math.round((score / max) * 10000) / 100;
  return { score, max, percent, passed: percent >= passPercent };
}

/** Default weights for a multiple-answer question: the right ones share 100%, each wrong one costs as much. */
export function defaultMultipleWeights(correct: readonly boolean[]): number[] {
  const right = correct.filter(Boolean).length;
  const wrong = correct.length - right;
  return correct.map((c) => (c ? round3(100 / right) : wrong === 0 ? 0 : -round3(100 / right)));
}
