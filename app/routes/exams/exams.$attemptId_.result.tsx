import { Link, redirect } from "react-router";
import type { Route } from "./+types/exams.$attemptId_.result";
import { timeAndDate } from "~/components/exams/refusals.tsx";
import { legalDocumentPath, provisionLabel } from "~/components/mdx/legal-ref.tsx";
import { documentKinds } from "~/services/content/learner-pages.server.ts";
import { finishedAttempt } from "~/services/exams/attempts.server.ts";
import { notFound, requireId, requireUser } from "~/utils/auth.server.ts";
import { formatDay, formatNumber, formatPercentNumber } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useLocale, useT } from "~/utils/use-t.ts";
import { Breadcrumb } from "~/components/breadcrumb.tsx";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const t = serverT(args);
  const id = requireId(args.params.attemptId);
  // Not submitted yet: back to the attempt (past its deadline it is submitted now, with what was saved).
  const finished = await finishedAttempt(id, user.personId, new Date());
  if (!finished.ok && finished.code === "OPEN") throw redirect(`/exams/${id}`);
  if (!finished.ok) notFound();
  const result = finished.value;
  const kinds = await documentKinds([...new Set((result.review ?? []).flatMap((q) => q.citations.map((c) => c.doc)))]);
  return {
    pageTitle: `${t("exams.result.title")} · ${result.title} · ${t("app.name")}`,
    result: {
      ...result,
      submittedAt: result.submittedAt?.toISOString() ?? null,
      review:
        result.review?.map((q) => ({
          ...q,
          citations: q.citations.map((c) => {
            const where = provisionLabel(c);
            const kind = kinds.get(c.doc);
            return {
              label: `${where ? `${where}, ` : ""}${kind ? `${kind} ` : ""}${c.doc}`,
              href: `${legalDocumentPath(c.doc)}${c.article ? `#dieu-${c.article}` : ""}`,
            };
          }),
        })) ?? null,
    },
  };
}

type ReviewQuestion = NonNullable<Awaited<ReturnType<typeof loader>>["result"]["review"]>[number];

function ReviewItem({ q }: { q: ReviewQuestion }) {
  const t = useT();
  const locale = useLocale();
  const options =
    q.type === "TRUE_FALSE"
      ? [
          { id: "true", text: t("exams.take.true"), right: q.answer === true, chosen: q.chosen.includes("true") },
          { id: "false", text: t("exams.take.false"), right: q.answer === false, chosen: q.chosen.includes("false") },
        ]
      : q.options;
  const verdict = q.chosen.length === 0 ? "unanswered" : q.score >= 1 ? "right" : q.score > 0 ? "partial" : "wrong";
  const icon = { right: "✓", partial: "◐", wrong: "✗", unanswered: "–" }[verdict];
  return (
    <li className={`card exam-review__item exam-review__item--${verdict}`} id={`q-${q.position}`}>
      <h3 className="exam-review__stem">
        <span className="exam-question__number">{t("exams.take.questionNumber", { n: q.position })}</span> {q.stem}
      </h3>
      <p className="exam-review__verdict">
        <span aria-hidden="true" className="exam-review__icon">
          {icon}
        </span>{" "}
        <strong>{t(`exams.result.verdict.${verdict}`)}</strong> ·{" "}
        {t("exams.result.questionScore", { score: formatNumber(q.score, locale) })}
      </p>
      {q.type === "MULTIPLE" ? <p className="exam-question__hint">{t("exams.take.multipleHint")}</p> : null}
      <ul className="exam-review__options">
        {options.map((o) => (
          <li
            key={o.id}
            className={`exam-review__option${o.right ? " exam-review__option--right" : ""}${o.chosen && !o.right ? " exam-review__option--wrong" : ""}`}
          >
            <span aria-hidden="true" className="exam-review__mark">
              {o.right ? "✓" : o.chosen ? "✗" : "·"}
            </span>{" "}
            <span>{o.text}</span> {o.right ? <span className="badge badge--ok">{t("exams.result.rightAnswer")}</span> : null}{" "}
            {o.chosen ? (
              <span className={`badge ${o.right ? "badge--ok" : "badge--error"}`}>
                {o.right ? t("exams.result.yourChoiceRight") : t("exams.result.yourChoiceWrong")}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="exam-review__explanation">
        <h4>{t("exams.result.explanation")}</h4>
        <p>{q.explanation}</p>
        {q.citations.length ? (
          <p className="exam-review__citations">
            {t("exams.result.citations")}{" "}
            {q.citations.map((c, i) => (
              <span key={c.href + i}>
                {i > 0 ? "; " : null}
                <cite className="legal-ref">
                  <a href={c.href}>{c.label}</a>
                </cite>
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </li>
  );
}

export default function ExamResult({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { result } = loaderData;
  return (
    <div className="stack exam-result">
      <Breadcrumb trail={[{ to: "/exams", label: t("exams.title") }]} current={t("exams.result.title")} />
      <h1>{t("exams.result.heading", { title: result.title })}</h1>
      <section
        className={`card stack exam-result__summary exam-result__summary--${result.passed ? "pass" : "fail"}`}
        aria-labelledby="result-h"
      >
        <h2 id="result-h" className="exam-result__verdict">
          <span aria-hidden="true">{result.passed ? "✓" : "✗"}</span> {result.passed ? t("exams.result.passed") : t("exams.result.failed")}
        </h2>
        <dl className="facts">
          <dt>{t("exams.result.score")}</dt>
          <dd>{t("exams.result.scoreValue", { score: formatNumber(result.score, locale), max: result.maxScore })}</dd>
          <dt>{t("exams.result.percent")}</dt>
          <dd className="exam-result__percent">
            {t("exams.result.percentValue", { percent: formatPercentNumber(result.percent, locale) })}
          </dd>
          <dt>{t("exams.result.passMark")}</dt>
          <dd>{t("exams.settings.passPercentValue", { percent: formatPercentNumber(result.passPercent, locale) })}</dd>
          {result.submittedAt ? (
            <>
              <dt>{t("exams.result.submittedAt")}</dt>
              <dd>{t("exams.result.at", timeAndDate(result.submittedAt))}</dd>
            </>
          ) : null}
        </dl>
        {result.autoSubmitted ? <p className="alert alert--info">{t("exams.result.autoSubmitted")}</p> : null}
        {result.certifying ? null : <p className="alert alert--info exam-practice">{t("exams.practice.result")}</p>}
        {result.certification ? (
          <div className="alert alert--ok stack">
            <p>
              {t("exams.result.certified", {
                serial: result.certification.serial,
                from: formatDay(result.certification.validFrom),
                until: formatDay(result.certification.validUntil),
              })}
            </p>
            <p>
              <Link className="button" to={`/certificates/${result.certification.id}`}>
                {t("exams.result.viewCertificate")}
              </Link>
            </p>
          </div>
        ) : null}
        {!result.passed ? <p>{t("exams.result.failedHint")}</p> : null}
        <p>
          <Link to="/exams">{t("exams.result.back")}</Link>
        </p>
      </section>
      {result.review ? (
        <section className="stack" aria-labelledby="review-h">
          <h2 id="review-h">{t("exams.result.review")}</h2>
          <ol className="exam-review">
            {result.review.map((q) => (
              <ReviewItem key={q.position} q={q} />
            ))}
          </ol>
        </section>
      ) : (
        <p className="muted">{t("exams.result.noReview")}</p>
      )}
    </div>
  );
}
