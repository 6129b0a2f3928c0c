import { Form, Link, useNavigation } from "react-router";
import { useT } from "~/utils/use-t.ts";

/**
 * The page that confirms a submission (decision 063): where "Nộp bài" leads
 * without JavaScript, after the answers on the page were saved. It lists the
 * questions still unanswered, each a link back to it, and submits only from here.
 * With JavaScript the exam page asks the same in place (an alert dialog).
 */
export function SubmitReview(props: {
  attemptId: number;
  title: string;
  deadline: { time: string; date: string };
  total: number;
  unanswered: number[];
}) {
  const t = useT();
  const navigation = useNavigation();
  const submitting = navigation.state !== "idle" && navigation.formData?.get("intent") === "confirm";
  const examPath = `/exams/${props.attemptId}`;
  const { total, unanswered } = props;
  return (
    <div className="stack exam-take">
      <h1>{props.title}</h1>
      <section className="card stack" aria-labelledby="exam-review-h">
        <h2 id="exam-review-h">{t("exams.review.title")}</h2>
        <p>{t("exams.review.saved")}</p>
        <p>{t("exams.take.deadline", props.deadline)}</p>
        {unanswered.length === 0 ? (
          <p>{t("exams.take.confirmAllAnswered", { total })}</p>
        ) : (
          <>
            <p>{t("exams.take.confirmUnanswered", { count: unanswered.length, total })}</p>
            <ul className="exam-review-list" data-testid="unanswered">
              {unanswered.map((p) => (
                <li key={p}>
                  <a href={`${examPath}#q-${p}`}>{t("exams.take.questionNumber", { n: p })}</a>
                </li>
              ))}
            </ul>
          </>
        )}
        <p>{t("exams.take.confirmFinal")}</p>
        <Form method="post" action={examPath} className="exam-take__actions">
          <button type="submit" name="intent" value="confirm" className="button" disabled={submitting}>
            {submitting ? t("exams.take.submitting") : t("exams.take.confirmSubmit")}
          </button>
          <Link to={examPath} className="button button--secondary">
            {t("exams.take.keepWorking")}
          </Link>
        </Form>
      </section>
    </div>
  );
}
