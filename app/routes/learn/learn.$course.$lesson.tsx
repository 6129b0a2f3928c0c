import { useRef } from "react";
import { data, Form, isRouteErrorResponse, Link, redirect, useLocation, useNavigation, useRouteError } from "react-router";
import type { Route } from "./+types/learn.$course.$lesson";
import { CourseProgress } from "~/components/learn/course-progress.tsx";
import { useKnowledgeChecks, usePrintOpensDetails } from "~/components/learn/knowledge-checks.ts";
import { lessonDocumentScript } from "~/components/learn/lesson-enhancements.ts";
import type { StaticDocument } from "~/components/static-document.ts";
import { courseOpenTo } from "~/services/content/learner-pages.server.ts";
import { answerKnowledgeCheck, lessonPage, markDone } from "~/services/content/learning.server.ts";
import { lessonPath, lessonView } from "~/services/content/lesson-view.server.ts";
import { notFound, requireUser } from "~/utils/auth.server.ts";
import type { SessionUser } from "~/utils/context.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formatDate } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";
import { Breadcrumb } from "~/components/breadcrumb.tsx";
import { useDocumentHtml } from "~/components/document-html.tsx";
import { documentHtmlContext, requestInfoContext } from "~/utils/context.server.ts";

/** The element the lesson body is rendered into (and, hydrating, read back from). */
const BODY_ID = "lesson-body";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

// The render time travels to the browser's devtools (Network → Timing).
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => {
  const timing = loaderHeaders.get("Server-Timing");
  return timing ? { "Server-Timing": timing } : new Headers();
};

/**
 * A lesson *document* is not hydrated (decision 070): the page is the server's
 * HTML plus one small script (knowledge checks, printing). Client-side
 * navigation from a hydrated page still renders the component below.
 */
export const handle: StaticDocument = {
  staticScript: (t) =>
    lessonDocumentScript({
      correct: t("learn.lesson.check.correct"),
      wrong: t("learn.lesson.check.wrong"),
      done: t("learn.lesson.check.done"),
    }),
};

/** The lesson, if it exists and its course is open to this person; else a 404. */
async function openLesson(user: SessionUser, params: { course: string; lesson: string }) {
  const page = await lessonPage(params.course, params.lesson, user);
  if (!page || !courseOpenTo(page.course, page.audiences)) notFound();
  return page;
}

export async function loader(args: Route.LoaderArgs) {
  const started = performance.now();
  const user = requireUser(args);
  const t = serverT(args);
  const page = await openLesson(user, args.params);
  const { payload, html, renderMs, templateKey } = await lessonView(page, user, new Date(), t("app.name"));
  // A page load carries the body once, in the markup; navigation needs it in the data (decision 063).
  const onlyInMarkup = args.context.get(documentHtmlContext);
  onlyInMarkup?.set(BODY_ID, html);
  // Rendering the lesson document's template: say what it depends on (decision 070).
  const template = args.context.get(requestInfoContext).template;
  if (template) template.page = templateKey;
  const total = performance.now() - started;
  return data(
    { ...payload, html: onlyInMarkup ? null : html },
    { headers: { "Server-Timing": `render;desc="lesson HTML";dur=${renderMs.toFixed(1)}, total;dur=${total.toFixed(1)}` } },
  );
}

const LETTERS = "ABCDEFGH";

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const t = serverT(args);
  const form = await args.request.formData();
  const intent = form.get("intent");
  if (intent !== "done" && intent !== "answer") throw new Response("Bad Request", { status: 400 });
  const page = await openLesson(user, args.params);
  const path = lessonPath(page.course.slug, page.lesson.slug);
  const now = new Date();
  if (intent === "answer") {
    // A knowledge check's form (without JavaScript) or the page's script (`enhanced`).
    const check = /^\d{1,3}$/.test(String(form.get("check") ?? "")) ? Number(form.get("check")) : -1;
    const option = LETTERS.indexOf(String(form.get("option") ?? "").slice(0, 1) || "?");
    const answer = { contentHash: String(form.get("content") ?? ""), check, option };
    const result = await answerKnowledgeCheck(user.personId, page.lesson.version, answer, now);
    if (!result.ok)
      return data({ error: t(`learn.lesson.answer.${result.code}`) }, { status: result.code === "STALE_VERSION" ? 409 : 400 });
    if (form.get("enhanced") === "1") return { answered: result.value };
    return redirect(`${path}#check-${check + 1}`);
  }
  const result = await markDone(user.personId, page.lesson.id, now);
  // Thrown, not returned: the lesson's loader does not run for the refusal, so it records no view either.
  if (!result.ok) throw data({ error: t("learn.lesson.notEarned") }, { status: 409 });
  // Completing the course is said once, by the flash message on the page it lands on.
  if (result.value.courseCompleted)
    return redirectWithFlash(`${path}#lesson-status`, "learn.lesson.courseCompleted", { course: page.course.title });
  return redirect(`${path}#lesson-status`);
}

/** A refused "mark done" (the page offers it only when earned: a forged or stale post), or any other error. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const { pathname } = useLocation();
  if (isRouteErrorResponse(error) && error.status === 409 && typeof error.data?.error === "string") {
    return (
      <div className="lesson-page">
        <p className="alert alert--error" role="alert">
          {error.data.error}
        </p>
        <p>
          <a href={pathname}>{t("learn.lesson.backToLesson")}</a>
        </p>
      </div>
    );
  }
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key =
    status === 404 ? "error.404" : status === 403 ? "error.403" : status === 401 ? "error.401" : status === 503 ? "error.503" : "error.500";
  // In the browser only: the server logs the unsanitised error itself, and not
  // for a request the client dropped (entry.server.tsx handleError).
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  return (
    <div className="error-page">
      <h1>{t(`${key}.title`)}</h1>
      <p>{t(`${key}.body`)}</p>
      <p>
        <a href="/">{t("error.home")}</a>
      </p>
    </div>
  );
}

export default function LessonPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { course, lesson, total, progress, previous, next, completion } = loaderData;
  const html = useDocumentHtml(BODY_ID, `${course.path}|${lesson.contentHash}`, loaderData.html);
  const article = useRef<HTMLElement>(null);
  const navigation = useNavigation();
  const saving = navigation.state !== "idle" && navigation.formMethod === "POST";
  useKnowledgeChecks(article, html, completion?.answered ?? [], {
    correct: t("learn.lesson.check.correct"),
    wrong: t("learn.lesson.check.wrong"),
    done: t("learn.lesson.check.done"),
  });
  const error = actionData && "error" in actionData ? actionData.error : null;
  usePrintOpensDetails(article);
  return (
    <div className="lesson-page">
      <Breadcrumb
        trail={[
          { to: "/learn", label: t("learn.title") },
          { to: course.path, label: course.title },
        ]}
        current={lesson.title}
      />
      <header className="lesson-header">
        <p className="lesson-header__kicker">{t("learn.lesson.position", { n: lesson.number, total })}</p>
        <h1>{lesson.title}</h1>
        <p className="lead">{lesson.summary}</p>
        <p className="lesson-header__meta">
          <span>{t("learn.lesson.minutes", { minutes: lesson.minutes })}</span>
          <span>{t("learn.lesson.published", { date: formatDate(lesson.publishedAt) })}</span>
          {lesson.completedAt ? <span className="badge badge--ok">{t("learn.lesson.done")}</span> : null}
        </p>
      </header>
      <article
        ref={article}
        id={BODY_ID}
        className="lesson-body"
        data-answered={completion?.answered.join(",") || undefined}
        dangerouslySetInnerHTML={{ __html: html }}
      />
      <section id="lesson-status" className="lesson-status">
        {error ? (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        ) : null}
        {lesson.completedAt ? (
          <p className="lesson-status__done">
            <span className="lesson-status__tick" aria-hidden="true">
              ✓
            </span>{" "}
            <strong>{t("learn.lesson.done")}</strong> · {t("learn.lesson.doneOn", { date: formatDate(lesson.completedAt) })}
          </p>
        ) : (
          <Form method="post" className="lesson-status__form no-print">
            {completion && completion.checks > 0 ? (
              <p>{t("learn.lesson.check.progress", { answered: completion.answered.length, total: completion.checks })}</p>
            ) : null}
            {completion && !completion.ok ? (
              <div id="lesson-done-why" className="lesson-status__why">
                <p>{t("learn.lesson.notYet")}</p>
                <ul>
                  {completion.reasons.map((r) => (
                    <li key={r.code}>
                      {r.code === "CHECKS_UNANSWERED"
                        ? t("learn.lesson.reason.CHECKS_UNANSWERED", { answered: r.answered, total: r.total })
                        : t(`learn.lesson.reason.${r.code}`)}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="muted">{t("learn.lesson.markDoneHint")}</p>
            )}
            <input type="hidden" name="intent" value="done" />
            <button
              type="submit"
              className="button"
              disabled={saving || !completion?.ok}
              aria-describedby={completion?.ok ? undefined : "lesson-done-why"}
            >
              {saving ? t("learn.lesson.saving") : t("learn.lesson.markDone")}
            </button>
          </Form>
        )}
        <CourseProgress done={progress.done} total={progress.total} course={course.title} />
      </section>
      <nav className="lesson-pager no-print" aria-label={t("learn.lesson.pager")}>
        {previous ? (
          <Link to={previous.path} className="lesson-pager__link lesson-pager__link--prev" rel="prev">
            <span className="lesson-pager__label">← {t("learn.lesson.previous")}</span>
            <span className="lesson-pager__title">{previous.title}</span>
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={next.path} className="lesson-pager__link lesson-pager__link--next" rel="next">
            <span className="lesson-pager__label">{t("learn.lesson.next")} →</span>
            <span className="lesson-pager__title">{next.title}</span>
          </Link>
        ) : (
          <Link to={course.path} className="lesson-pager__link lesson-pager__link--next">
            <span className="lesson-pager__label">{t("learn.lesson.backToCourse")}</span>
            <span className="lesson-pager__title">{course.title}</span>
          </Link>
        )}
      </nav>
    </div>
  );
}
