import { useEffect, useState } from "react";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/exams._index";
import { RefusalList, refusalViews, timeAndDate, type RefusalView } from "~/components/exams/refusals.tsx";
import { examOverview, startAttempt } from "~/services/exams/attempt-start.server.ts";
import { certificationsOf } from "~/services/exams/certifications.server.ts";
import { notFound, requireUser } from "~/utils/auth.server.ts";
import { formatDay, formatPercentNumber } from "~/utils/format.ts";
import { idSchema } from "~/utils/ids.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useLocale, useT } from "~/utils/use-t.ts";
import { Breadcrumb } from "~/components/breadcrumb.tsx";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const t = serverT(args);
  const now = new Date();
  const [overview, certifications] = await Promise.all([examOverview(user.personId, now), certificationsOf(user.personId, now)]);
  const exams = overview.map((e) => {
    const current = certifications.find(
      (c) => c.typeCode === e.certificationType.code && (c.status === "VALID" || c.status === "NOT_YET_VALID"),
    );
    const last = e.lastAttempt;
    return {
      examId: e.examId,
      title: e.title,
      typeName: e.certificationType.name,
      settings: e.settings,
      requiredCourses: e.requiredCourses.map((c) => ({ slug: c.slug, title: c.title, done: c.done })),
      certifying: e.certifying,
      canStart: e.check.ok,
      reasons: e.check.ok ? [] : refusalViews(e.check),
      openAttempt: e.openAttempt && { id: e.openAttempt.id, deadlineAt: e.openAttempt.deadlineAt.toISOString() },
      certification: current
        ? { id: current.id, serial: current.serial, validFrom: current.validFrom, validUntil: current.validUntil }
        : null,
      lastAttempt: last && {
        id: last.id,
        submittedAt: last.submittedAt?.toISOString() ?? null,
        percent: Number(last.percent ?? 0),
        passed: last.passed ?? false,
      },
    };
  });
  // What the learner can do now comes first: an attempt to finish, then an exam they may start (a stable sort).
  const rank = (e: (typeof exams)[number]) => (e.openAttempt ? 0 : e.canStart ? 1 : 2);
  exams.sort((a, b) => rank(a) - rank(b));
  return { pageTitle: `${t("exams.pageTitle")} · ${t("app.name")}`, exams };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const form = await args.request.formData();
  if (form.get("intent") !== "start") throw new Response("Bad Request", { status: 400 });
  const examId = idSchema.safeParse(form.get("examId")).data ?? notFound();
  const result = await startAttempt(user.personId, examId, new Date());
  if (result.ok) return redirect(`/exams/${result.value.attemptId}`);
  if (result.code === "NOT_FOUND") notFound();
  return data({ examId, reasons: refusalViews(result) }, { status: 400 });
}

type ExamCard = Awaited<ReturnType<typeof loader>>["exams"][number];

function Settings({ exam }: { exam: ExamCard }) {
  const t = useT();
  const locale = useLocale();
  const s = exam.settings;
  return (
    <dl className="facts exam-settings">
      <dt>{t("exams.settings.passPercent")}</dt>
      <dd>{t("exams.settings.passPercentValue", { percent: formatPercentNumber(s.passPercent, locale) })}</dd>
      <dt>{t("exams.settings.timeLimit")}</dt>
      <dd>{t("exams.settings.minutes", { minutes: s.timeLimitMinutes })}</dd>
      <dt>{t("exams.settings.attempts")}</dt>
      <dd>{t("exams.settings.attemptsValue", { count: s.attemptsPerPeriod, days: s.periodDays })}</dd>
      <dt>{t("exams.settings.cooldown")}</dt>
      <dd>{s.cooldownMinutes > 0 ? t("exams.settings.minutes", { minutes: s.cooldownMinutes }) : t("exams.settings.noCooldown")}</dd>
    </dl>
  );
}

function Status({ exam, refused }: { exam: ExamCard; refused: RefusalView[] | null }) {
  const t = useT();
  const locale = useLocale();
  // The start is a page load (the exam page is a document, decision 083): say so while it is on its way.
  const [starting, setStarting] = useState(false);
  // Back to this page from the browser's cache: the start is no longer on its way.
  useEffect(() => {
    const shown = (e: PageTransitionEvent) => e.persisted && setStarting(false);
    window.addEventListener("pageshow", shown);
    return () => window.removeEventListener("pageshow", shown);
  }, []);
  // With an open attempt, the "continue" link already says what ATTEMPT_OPEN would.
  const reasons = (refused ?? exam.reasons).filter((r) => !(exam.openAttempt && r.code === "ATTEMPT_OPEN"));
  return (
    <div className="exam-status stack">
      {exam.certification ? (
        <p className="alert alert--ok">
          {t("exams.status.certified", {
            serial: exam.certification.serial,
            from: formatDay(exam.certification.validFrom),
            until: formatDay(exam.certification.validUntil),
          })}{" "}
          <Link to={`/certificates/${exam.certification.id}`}>{t("exams.status.viewCertificate")}</Link>
        </p>
      ) : null}
      {exam.lastAttempt ? (
        <p>
          {t(exam.lastAttempt.passed ? "exams.status.lastPassed" : "exams.status.lastFailed", {
            percent: formatPercentNumber(exam.lastAttempt.percent, locale),
            ...timeAndDate(exam.lastAttempt.submittedAt ?? ""),
          })}{" "}
          <Link to={`/exams/${exam.lastAttempt.id}/result`}>{t("exams.status.viewResult")}</Link>
        </p>
      ) : null}
      {exam.openAttempt ? (
        <div className="stack">
          <p className="alert alert--info">{t("exams.status.open", timeAndDate(exam.openAttempt.deadlineAt))}</p>
          <p>
            {/* The exam page is a document of its own (decision 083): a page load, not client-side navigation. */}
            <Link className="button" to={`/exams/${exam.openAttempt.id}`} reloadDocument>
              {t("exams.continue")}
            </Link>
          </p>
        </div>
      ) : null}
      {exam.certifying ? null : <p className="alert alert--info exam-practice">{t("exams.practice.notice")}</p>}
      {exam.canStart && !refused ? (
        <Form
          method="post"
          className="stack"
          reloadDocument
          onSubmit={(e) => {
            // Once: a second click would only be refused (an attempt is open).
            if (starting) e.preventDefault();
            setStarting(true);
          }}
        >
          <p className="exam-status__ok">
            <span aria-hidden="true">✓</span> {t("exams.status.canStart")}
          </p>
          <input type="hidden" name="examId" value={exam.examId} />
          <button
            type="submit"
            name="intent"
            value="start"
            className="button"
            aria-disabled={starting || undefined}
            aria-label={`${t("exams.start")}: ${exam.title}`}
          >
            {starting ? t("exams.starting") : t("exams.start")}
          </button>
        </Form>
      ) : reasons.length > 0 ? (
        <div className="stack" role={refused ? "alert" : undefined}>
          <p>
            <strong>{t("exams.status.cannotStart")}</strong>
          </p>
          <RefusalList t={t} reasons={reasons} settings={exam.settings} />
        </div>
      ) : null}
    </div>
  );
}

export default function ExamsPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { exams } = loaderData;
  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: "/learn", label: t("learn.title") }]} current={t("exams.title")} />
      <h1>{t("exams.title")}</h1>
      <p className="lead">{t("exams.intro")}</p>
      {exams.length === 0 ? <p className="card empty">{t("exams.empty")}</p> : null}
      {exams.map((exam) => (
        <section key={exam.examId} className="card stack exam-card" aria-labelledby={`exam-${exam.examId}`}>
          <header>
            <h2 id={`exam-${exam.examId}`}>{exam.title}</h2>
            <p className="muted">{t("exams.certificationType", { name: exam.typeName })}</p>
          </header>
          <div className="exam-card__body">
            <div>
              <h3>{t("exams.requiredCourses")}</h3>
              <ul className="exam-courses">
                {exam.requiredCourses.map((c) => (
                  <li key={c.slug} className={c.done ? "exam-courses__item exam-courses__item--done" : "exam-courses__item"}>
                    <span aria-hidden="true" className="exam-courses__tick">
                      {c.done ? "✓" : "○"}
                    </span>{" "}
                    <Link to={`/learn/${c.slug}`}>{c.title}</Link>{" "}
                    <span className="muted">({c.done ? t("exams.course.done") : t("exams.course.notDone")})</span>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>{t("exams.settings")}</h3>
              <Settings exam={exam} />
            </div>
          </div>
          <h3>{t("exams.status")}</h3>
          <Status exam={exam} refused={actionData?.examId === exam.examId ? actionData.reasons : null} />
        </section>
      ))}
    </div>
  );
}
