import { Link } from "react-router";
import type { Route } from "./+types/learn.$course._index";
import { CourseProgress } from "~/components/learn/course-progress.tsx";
import { audiencesOf } from "~/services/content/learning.server.ts";
import { courseOpenTo, coursePage, examsRequiringCourse } from "~/services/content/learner-pages.server.ts";
import { notFound, requireUser } from "~/utils/auth.server.ts";
import { formatDate, formatPercentNumber } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useLocale, useT } from "~/utils/use-t.ts";
import { Breadcrumb } from "~/components/breadcrumb.tsx";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const t = serverT(args);
  const [page, audiences] = await Promise.all([coursePage(args.params.course, user.personId), audiencesOf(user.personId, user.grants)]);
  // A course outside the person's audiences is answered like one that does not exist.
  if (!page || !courseOpenTo(page.course, audiences)) notFound();
  return {
    pageTitle: `${page.course.title} · ${t("app.name")}`,
    course: { slug: page.course.slug, title: page.course.title, description: page.course.description },
    lessons: page.lessons.map((l) => ({ slug: l.slug, title: l.title, summary: l.summary, minutes: l.minutes, done: !!l.completedAt })),
    progress: page.progress,
    resume: page.resume?.slug ?? null,
    started: page.started,
    completedAt: page.completedAt?.toISOString() ?? null,
    // A finished course points to the exams it opens (their cards on /exams).
    exams: page.completedAt ? await examsRequiringCourse(page.course.id) : [],
  };
}

export default function CoursePage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { course, lessons, progress, resume, started, completedAt, exams } = loaderData;
  const totalMinutes = lessons.reduce((sum, l) => sum + l.minutes, 0);
  const action = resume ? (started ? t("learn.continue") : t("learn.start")) : null;
  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: "/learn", label: t("learn.title") }]} current={course.title} />
      <h1>{course.title}</h1>
      <p className="lead">{course.description}</p>
      <section
        className="card stack course-summary"
        aria-label={t("learn.course.progress", {
          done: progress.done,
          total: progress.total,
          percent: formatPercentNumber(progress.percent, locale),
        })}
      >
        <p className="muted">{t("learn.course.totalMinutes", { count: lessons.length, minutes: totalMinutes })}</p>
        <CourseProgress done={progress.done} total={progress.total} course={course.title} />
        {completedAt ? (
          <div className="alert alert--ok">
            <p>{t("learn.course.completed", { date: formatDate(completedAt) })}</p>
            {exams.map((e) => (
              <p key={e.id}>
                <Link to={`/exams#exam-${e.id}`}>{t("learn.course.toExam", { exam: e.title })}</Link>
              </p>
            ))}
          </div>
        ) : null}
        {resume && action ? (
          <p>
            <Link className="button" to={`/learn/${course.slug}/${resume}`}>
              {action}
            </Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="lessons-h" className="stack">
        <h2 id="lessons-h">{t("learn.course.lessons")}</h2>
        <ol className="lesson-list">
          {lessons.map((l, i) => (
            <li key={l.slug} className={`lesson-list__item${l.done ? " lesson-list__item--done" : ""}`}>
              <span className="lesson-list__mark" aria-hidden="true">
                {l.done ? "✓" : i + 1}
              </span>
              <div className="lesson-list__body">
                <Link to={`/learn/${course.slug}/${l.slug}`} className="lesson-list__title">
                  {l.title}
                </Link>
                <p className="lesson-list__summary">{l.summary}</p>
                <p className="lesson-list__meta">
                  <span>{t("learn.course.lessonNumber", { n: i + 1 })}</span>
                  <span>{t("learn.course.minutes", { minutes: l.minutes })}</span>
                  {l.done ? (
                    <span className="badge badge--ok">{t("learn.course.lessonDone")}</span>
                  ) : (
                    <span className="visually-hidden">{t("learn.course.lessonNotDone")}</span>
                  )}
                </p>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
