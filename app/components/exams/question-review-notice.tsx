import { Form } from "react-router";
import { useBusy } from "~/components/people/form-field.tsx";
import { awaitsReview, confirmable, type QuestionProblem } from "~/domain/exams/quality-gate.ts";
import { useT } from "~/utils/use-t.ts";
import { problemText } from "./question-problems.tsx";

// On the question editor: what the question waits for (decision 052), and the
// "confirm review" button when the content only needs a trainer's word.

export function QuestionReviewNotice({ problems }: { problems: readonly QuestionProblem[] }) {
  const t = useT();
  const busy = useBusy("confirm-review");
  if (problems.length === 0) return null;
  return (
    <section className="card stack alert alert--info" aria-labelledby="review-h" data-testid="question-review">
      <h2 id="review-h">{t("review.edit.title")}</h2>
      <p>{awaitsReview(problems) ? t("review.edit.held") : t("review.edit.notInForce")}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{problemText(t, p)}</li>
        ))}
      </ul>
      {confirmable(problems) ? (
        <Form method="post" className="stack">
          <p>{t("review.edit.confirmHint")}</p>
          {problems.some((p) => p.code === "NOT_IN_FORCE") ? <p>{t("review.edit.confirmHistory")}</p> : null}
          <p>
            <button type="submit" name="intent" value="confirm-review" className="button" disabled={busy}>
              {t("review.edit.confirm")}
            </button>
          </p>
        </Form>
      ) : (
        <p>{t("review.edit.editHint")}</p>
      )}
    </section>
  );
}
