import { useEffect, useRef } from "react";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/exams.$attemptId";
import { useDocumentHtml } from "~/components/document-html.tsx";
import { enhanceExamForm, examDocumentScript, examTexts } from "~/components/exams/exam-enhancements.ts";
import { postAnswers } from "~/components/exams/post-answers.ts";
import { timeAndDate } from "~/components/exams/refusals.tsx";
import { SaveStatus } from "~/components/exams/taking.tsx";
import { SubmitReview } from "~/components/exams/submit-review.tsx";
import type { StaticDocument } from "~/components/static-document.ts";
import { attemptForTaking, saveOrHandIn, submitAttempt } from "~/services/exams/attempts.server.ts";
import { EXAM_HOLES, examTemplateKey, takingDisplay } from "~/services/exams/exam-document.server.ts";
import { questionsHtml } from "~/services/exams/questions-html.server.tsx";
import { notFound, requireFound, requireId, requireUser } from "~/utils/auth.server.ts";
import { documentHtmlContext, localeContext, requestInfoContext } from "~/utils/context.server.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

// Taking an exam. Everything the browser receives here comes from
// attemptForTaking: stems, option texts in this learner's order and their own
// answers — never a weight, a key or an explanation. The server decides the
// deadline; the page only counts down to it. The questions travel once, as HTML
// (decision 080). A page load is a static document from a template (decision
// 083): the server's HTML, whose forms work without JavaScript, plus one script
// (exam-enhancements.ts) for the countdown, the autosave and the confirmation.

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

// An open attempt is private and changes with every save: never cache it.
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const handle: StaticDocument = {
  staticScript: (t) => examDocumentScript(examTexts(t), postAnswers),
};

const resultPath = (id: number) => `/exams/${id}/result`;
const QUESTIONS_ID = "exam-questions";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const t = serverT(args);
  const locale = args.context.get(localeContext);
  const id = requireId(args.params.attemptId);
  // Someone else's attempt is not found, like a missing one.
  const attempt = requireFound(await attemptForTaking(id, user.personId), () => true);
  if (attempt.status !== "IN_PROGRESS") throw redirect(resultPath(id));
  const now = new Date();
  if (attempt.deadlineAt <= now) {
    // The learner came back after the deadline: submit what was saved.
    await submitAttempt(id, user.personId, now, { auto: true });
    throw redirect(resultPath(id));
  }
  // "Nộp bài" without JavaScript saves, then asks here before submitting (SubmitReview).
  const review = new URL(args.request.url).searchParams.get("review") === "1";
  // Rendering the exam document's template: the attempt's own values are holes (decision 083).
  const template = args.context.get(requestInfoContext).template;
  if (template) template.page = examTemplateKey(locale, attempt);
  const shown = template
    ? { attemptId: EXAM_HOLES.attempt, answered: EXAM_HOLES.answered, deadline: EXAM_HOLES.deadline, remainingMs: EXAM_HOLES.remaining }
    : takingDisplay(locale, attempt, now);
  // A page load carries the questions in the markup only; navigation needs them in the data (decision 063).
  const html = review ? "" : template ? EXAM_HOLES.questions : questionsHtml(locale, attempt.questions);
  const onlyInMarkup = args.context.get(documentHtmlContext);
  onlyInMarkup?.set(QUESTIONS_ID, html);
  return {
    pageTitle: `${attempt.title} · ${t("app.name")}`,
    attempt: { id: attempt.id, title: attempt.title, certifying: attempt.certifying, deadlineAt: attempt.deadlineAt.toISOString() },
    total: attempt.questions.length,
    unanswered: attempt.questions.filter((q) => q.answer.length === 0).map((q) => q.position),
    shown,
    questionsHtml: onlyInMarkup ? null : html,
    review,
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const t = serverT(args);
  const id = requireId(args.params.attemptId);
  const form = await args.request.formData();
  const intent = form.get("intent");
  if (intent !== "save" && intent !== "review" && intent !== "submit" && intent !== "confirm")
    throw new Response("Bad Request", { status: 400 });
  const attempt = requireFound(await attemptForTaking(id, user.personId), () => true);
  if (attempt.status !== "IN_PROGRESS") return redirect(resultPath(id));
  const now = new Date();
  if (intent === "confirm") {
    // From the confirmation page, whose form holds no answers: they were saved on the way
    // there. Past the deadline it is what the deadline would have handed in anyway.
    await submitAttempt(id, user.personId, now, { auto: attempt.deadlineAt <= now });
    return redirect(resultPath(id));
  }
  // Past the deadline the attempt is handed in with what was saved in time.
  const saved = await saveOrHandIn(attempt, user.personId, form, now);
  if (!saved.ok) {
    if (saved.code === "NOT_FOUND") notFound();
    if (saved.code === "DEADLINE_PASSED" || saved.code === "CLOSED") return redirect(resultPath(id));
    return data({ ok: false as const, error: t("exams.take.invalidAnswer") }, { status: 400 });
  }
  if (intent === "submit") {
    await submitAttempt(id, user.personId, now);
    return redirect(resultPath(id));
  }
  if (intent === "review") return redirect(`/exams/${id}?review=1`);
  return { ok: true as const, savedAt: now.toISOString() };
}

export default function TakeExam({ loaderData, actionData }: Route.ComponentProps) {
  const { attempt, review } = loaderData;
  if (review) {
    return (
      <SubmitReview
        attemptId={attempt.id}
        title={attempt.title}
        deadline={timeAndDate(attempt.deadlineAt)}
        total={loaderData.total}
        unanswered={loaderData.unanswered}
      />
    );
  }
  return <TakingPage loaderData={loaderData} actionData={actionData} />;
}

/**
 * The server's page, complete without JavaScript: every submission is a plain form post.
 * With JavaScript, enhanceExamForm adds the rest: from the document's script on a page
 * load, from the effect below after client-side navigation.
 */
function TakingPage({ loaderData, actionData }: Pick<Route.ComponentProps, "loaderData" | "actionData">) {
  const t = useT();
  const { attempt, shown, total } = loaderData;
  const questions = useDocumentHtml(QUESTIONS_ID, shown.attemptId, loaderData.questionsHtml);
  const formRef = useRef<HTMLFormElement>(null);
  const texts = useRef(examTexts(t));
  useEffect(() => (formRef.current ? enhanceExamForm(formRef.current, texts.current, postAnswers) : undefined), [shown.attemptId]);
  return (
    <div className="stack exam-take">
      <h1>{attempt.title}</h1>
      {attempt.certifying ? null : <p className="alert alert--info exam-practice">{t("exams.practice.attempt")}</p>}
      <div className="exam-take__bar no-print">
        {/* The server's HTML shows the deadline as a clock time; the countdown only ticks with JavaScript. */}
        <p className="exam-timer">
          <span className="exam-timer__label" hidden>
            {t("exams.take.timeLeft")}
          </span>{" "}
          <strong role="timer" className="exam-timer__value" hidden />
          <span className="exam-timer__deadline">{shown.deadline}</span>
        </p>
        <p className="exam-take__answered">{t("exams.take.answered", { answered: shown.answered, total })}</p>
        <SaveStatus state={actionData} />
      </div>
      <p className="muted exam-take__intro">{t("exams.take.introNoScript")}</p>
      <form
        method="post"
        action={`/exams/${shown.attemptId}`}
        ref={formRef}
        className="stack"
        aria-label={attempt.title}
        data-exam-form=""
        data-attempt={shown.attemptId}
        data-remaining-ms={shown.remainingMs}
        data-total={total}
      >
        <div id={QUESTIONS_ID} dangerouslySetInnerHTML={{ __html: questions }} />
        <div className="exam-take__actions">
          <button type="submit" name="intent" value="save" className="button button--secondary">
            {t("exams.take.save")}
          </button>
          {/* Without JavaScript this leads to the confirmation page; with it, the page asks in place. */}
          <button type="submit" name="intent" value="review" className="button">
            {t("exams.take.submit")}
          </button>
        </div>
      </form>
      <p className="no-print">
        <Link to="/exams">{t("exams.take.backToExams")}</Link>
      </p>
    </div>
  );
}
