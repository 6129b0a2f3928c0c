import { Link } from "react-router";
import type { QuestionProblem } from "~/domain/exams/quality-gate.ts";
import type { Translate } from "~/i18n/index.ts";
import { formatDate } from "~/utils/format.ts";

// What a trainer reads about a question waiting for review (decision 052).

/** "99/2099/QH99 | 5: đã bị thay thế bởi …", "chưa có giải thích", … */
export function problemText(t: Translate, p: QuestionProblem): string {
  switch (p.code) {
    case "STATUS_CHANGED":
      return t("review.problem.STATUS_CHANGED", { citation: p.citation, date: formatDate(p.changedAt) });
    case "NOT_IN_FORCE":
      return t("review.problem.NOT_IN_FORCE", {
        citation: p.citation,
        status:
          p.status === null
            ? t("review.status.unknown")
            : p.status === "SUPERSEDED" && p.supersededBy
              ? t("trainer.status.supersededBy", { code: p.supersededBy })
              : t(`trainer.status.${p.status}`),
      });
    default:
      return t(`review.problem.${p.code}`);
  }
}

export const problemsText = (t: Translate, problems: readonly QuestionProblem[]) => problems.map((p) => problemText(t, p)).join("; ");

export type ReviewQuestionRow = {
  questionId: number;
  key: string;
  topic: string;
  courseTitle?: string | null;
  problems: QuestionProblem[];
};

/** A list of questions with what each needs, each linking to its editor. */
export function QuestionProblemList({ t, questions }: { t: Translate; questions: readonly ReviewQuestionRow[] }) {
  return (
    <ul className="review-list__items">
      {questions.map((q) => (
        <li key={q.questionId} data-question={q.key}>
          <Link to={`/trainer/questions/${q.questionId}`}>{q.key}</Link>{" "}
          <span className="muted">({[q.courseTitle, q.topic].filter(Boolean).join(" · ")})</span>: {problemsText(t, q.problems)}
        </li>
      ))}
    </ul>
  );
}
