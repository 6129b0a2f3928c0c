import { useEffect, useRef, useState } from "react";
import { data, Form, Link, redirect, useNavigate, useNavigation, useSubmit, type ShouldRevalidateFunctionArgs } from "react-router";
import type { Route } from "./+types/exams.$attemptId";
import { formatRemaining, useCountdown } from "~/components/exams/countdown.tsx";
import { useDocumentHtml } from "~/components/document-html.tsx";
import { postAnswers } from "~/components/exams/post-answers.ts";
import { SaveStatus, type SaveState } from "~/components/exams/taking.tsx";
import { timeAndDate } from "~/components/exams/refusals.tsx";
import { SubmitReview } from "~/components/exams/submit-review.tsx";
import { useHydrated } from "~/utils/use-hydrated.ts";
import { MINUTE_MS } from "~/domain/time/calendar.ts";
import { answerSlotsOf, attemptForTaking, changedAnswers, saveAnswers, submitAttempt } from "~/services/exams/attempts.server.ts";
import { questionsHtml } from "~/services/exams/questions-html.server.tsx";
import { notFound, requireFound, requireId, requireUser } from "~/utils/auth.server.ts";
import { documentHtmlContext, localeContext } from "~/utils/context.server.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

// Taking an exam. Everything the browser receives here comes from
// attemptForTaking: stems, option texts in this learner's order and their own
// answers — never a weight, a key or an explanation. The server decides the
// deadline; the page only counts down to it. The questions travel once, as HTML
// (decision 080); the page's data keeps only each one's position and answer.

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

// An open attempt is private and changes with every save: never cache it.
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

const resultPath = (id: number) => `/exams/${id}/result`;
const QUESTIONS_ID = "exam-questions";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const t = serverT(args);
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
  // A page load carries the questions in the markup only; navigation needs them in the data (decision 063).
  const html = review ? "" : questionsHtml(args.context.get(localeContext), attempt.questions);
  const onlyInMarkup = args.context.get(documentHtmlContext);
  onlyInMarkup?.set(QUESTIONS_ID, html);
  const { questions, ...rest } = attempt;
  return {
    pageTitle: `${attempt.title} · ${t("app.name")}`,
    attempt: { ...rest, deadlineAt: attempt.deadlineAt.toISOString() },
    answers: questions.map((q) => ({ position: q.position, answer: q.answer })),
    questionsHtml: onlyInMarkup ? null : html,
    remainingMs: attempt.deadlineAt.getTime() - now.getTime(),
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
  const saved = await saveAnswers(id, user.personId, changedAnswers(form, attempt.questions), now, answerSlotsOf(attempt));
  if (!saved.ok) {
    if (saved.code === "NOT_FOUND") notFound();
    if (saved.code === "DEADLINE_PASSED") {
      // Too late to change anything: the attempt is graded with what was saved in time.
      await submitAttempt(id, user.personId, now, { auto: true });
      return redirect(resultPath(id));
    }
    if (saved.code === "CLOSED") return redirect(resultPath(id));
    return data({ ok: false as const, error: t("exams.take.invalidAnswer") }, { status: 400 });
  }
  if (intent === "submit") {
    await submitAttempt(id, user.personId, now);
    return redirect(resultPath(id));
  }
  if (intent === "review") return redirect(`/exams/${id}?review=1`);
  return { ok: true as const, savedAt: now.toISOString() };
}

// A save with the "Lưu bài" button changes nothing the page shows: no need to reload it.
export function shouldRevalidate({ formData, actionResult, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formData?.get("intent") === "save" && actionResult?.ok) return false;
  return defaultShouldRevalidate;
}

export default function TakeExam({ loaderData, actionData }: Route.ComponentProps) {
  const { attempt, answers, review } = loaderData;
  if (review) {
    const unanswered = answers.filter((q) => q.answer.length === 0).map((q) => q.position);
    return (
      <SubmitReview
        attemptId={attempt.id}
        title={attempt.title}
        deadline={timeAndDate(attempt.deadlineAt)}
        total={answers.length}
        unanswered={unanswered}
      />
    );
  }
  return <TakingPage loaderData={loaderData} actionData={actionData} />;
}

function TakingPage({ loaderData, actionData }: Pick<Route.ComponentProps, "loaderData" | "actionData">) {
  const t = useT();
  const { attempt, answers, remainingMs } = loaderData;
  const total = answers.length;
  const questions = useDocumentHtml(QUESTIONS_ID, String(attempt.id), loaderData.questionsHtml);
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const submit = useSubmit();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const submitting = navigation.state !== "idle" && navigation.formData?.get("intent") === "submit";
  const [answered, setAnswered] = useState(() => answers.filter((q) => q.answer.length > 0).length);
  const [unansweredToConfirm, setUnansweredToConfirm] = useState<number[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<SaveState>(undefined);
  const pendingSave = useRef(false);
  const hydrated = useHydrated();

  const formData = () => new FormData(formRef.current ?? undefined);
  const unanswered = (fd: FormData) => answers.filter((q) => fd.getAll(`q${q.position}`).length === 0).map((q) => q.position);

  // One save in flight at a time, each with every answer: the last one saved is the latest.
  // A save changes nothing on screen but its status: a small request outside the page's data (decision 082).
  const saveBusy = useRef(false);
  const save = () => {
    if (saveBusy.current) {
      pendingSave.current = true;
      return;
    }
    saveBusy.current = true;
    setSaving(true);
    void postAnswers(attempt.id, formData())
      .then((outcome) => {
        if (!outcome) return;
        if ("state" in outcome) return setSaved(outcome.state);
        pendingSave.current = false;
        if (outcome.reload) window.location.assign(outcome.redirect);
        else void navigate(outcome.redirect);
      })
      .finally(() => {
        saveBusy.current = false;
        setSaving(false);
        if (pendingSave.current) {
          pendingSave.current = false;
          saveLatest.current();
        }
      });
  };
  const saveLatest = useRef(save);
  useEffect(() => {
    saveLatest.current = save;
  });

  const left = useCountdown(remainingMs, () => {
    // Time is up: hand in what is on the page (the server accepts it until the deadline).
    const fd = formData();
    fd.set("intent", "submit");
    void submit(fd, { method: "post" });
  });

  useEffect(() => {
    if (unansweredToConfirm) confirmRef.current?.focus();
  }, [unansweredToConfirm]);

  const onChange = () => {
    setAnswered(total - unanswered(formData()).length);
    setUnansweredToConfirm(null);
    save();
  };
  // The questions are HTML that React does not manage: their changes are heard on the form itself.
  const onChangeLatest = useRef(onChange);
  useEffect(() => {
    onChangeLatest.current = onChange;
  });
  useEffect(() => {
    const form = formRef.current;
    const changed = () => onChangeLatest.current();
    form?.addEventListener("change", changed);
    return () => form?.removeEventListener("change", changed);
  }, []);

  const onSubmitClick = (event: React.MouseEvent<HTMLButtonElement>) => {
    // With JavaScript, confirm first and say what is still unanswered.
    event.preventDefault();
    setUnansweredToConfirm(unanswered(formData()));
  };

  const saveState: SaveState = saved ?? actionData;
  const deadline = timeAndDate(attempt.deadlineAt);
  return (
    <div className="stack exam-take">
      <h1>{attempt.title}</h1>
      {attempt.certifying ? null : <p className="alert alert--info exam-practice">{t("exams.practice.attempt")}</p>}
      <div className="exam-take__bar no-print">
        {/* The server's HTML shows the deadline as a clock time; the countdown only ticks with JavaScript. */}
        <p className={`exam-timer${hydrated && left < 5 * MINUTE_MS ? " exam-timer--low" : ""}`}>
          {hydrated ? (
            <>
              <span className="exam-timer__label">{t("exams.take.timeLeft")}</span>{" "}
              <strong role="timer" className="exam-timer__value">
                {formatRemaining(left)}
              </strong>
            </>
          ) : null}
          <span className="exam-timer__deadline">{t("exams.take.deadline", deadline)}</span>
        </p>
        <p className="exam-take__answered">{t("exams.take.answered", { answered, total })}</p>
        <SaveStatus saving={saving} state={saveState} hydrated={hydrated} />
      </div>
      <p className="muted">{hydrated ? t("exams.take.intro") : t("exams.take.introNoScript")}</p>
      <Form method="post" ref={formRef} className="stack" aria-label={attempt.title} data-ready={hydrated ? "true" : undefined}>
        <div id={QUESTIONS_ID} dangerouslySetInnerHTML={{ __html: questions }} />
        <div className="exam-take__actions">
          <button type="submit" name="intent" value="save" className="button button--secondary">
            {t("exams.take.save")}
          </button>
          {/* Without JavaScript this leads to the confirmation page; with it, onSubmitClick asks in place. */}
          <button type="submit" name="intent" value="review" className="button" onClick={onSubmitClick} disabled={submitting}>
            {submitting ? t("exams.take.submitting") : t("exams.take.submit")}
          </button>
        </div>
        {unansweredToConfirm ? (
          <div
            className="exam-confirm"
            role="alertdialog"
            aria-labelledby="exam-confirm-h"
            aria-describedby="exam-confirm-body"
            tabIndex={-1}
            ref={confirmRef}
          >
            <h2 id="exam-confirm-h">{t("exams.take.confirmTitle")}</h2>
            <div id="exam-confirm-body">
              {unansweredToConfirm.length === 0 ? (
                <p>{t("exams.take.confirmAllAnswered", { total })}</p>
              ) : (
                <>
                  <p>{t("exams.take.confirmUnanswered", { count: unansweredToConfirm.length, total })}</p>
                  <ul className="exam-confirm__list">
                    {unansweredToConfirm.map((p) => (
                      <li key={p}>
                        <a href={`#q-${p}`}>{t("exams.take.questionNumber", { n: p })}</a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p>{t("exams.take.confirmFinal")}</p>
            </div>
            <div className="exam-take__actions">
              <button type="submit" name="intent" value="submit" className="button" disabled={submitting}>
                {submitting ? t("exams.take.submitting") : t("exams.take.confirmSubmit")}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setUnansweredToConfirm(null)}>
                {t("exams.take.keepWorking")}
              </button>
            </div>
          </div>
        ) : null}
      </Form>
      <p className="no-print">
        <Link to="/exams">{t("exams.take.backToExams")}</Link>
      </p>
    </div>
  );
}
