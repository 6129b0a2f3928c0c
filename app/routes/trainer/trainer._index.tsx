import { Link } from "react-router";
import type { Route } from "./+types/trainer._index";
import { legalStatusText } from "~/components/trainer/legal-status.tsx";
import { QuestionProblemList } from "~/components/exams/question-problems.tsx";
import { PendingSessions } from "~/components/trainer/pending-sessions.tsx";
import { hasAnywhere, scopeOf } from "~/domain/access/permissions.ts";
import { coursesForTrainer, lessonsNeedingReview, type ReviewItem } from "~/services/content/authoring.server.ts";
import { questionsNeedingReview } from "~/services/exams/question-review.server.ts";
import { pendingTrainingSessions } from "~/services/exams/training-sessions.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { user } = requireScope(args, "content:write");
  const t = serverT(args);
  const sessionScope = scopeOf(user.grants, "training:record");
  const [courses, review, reviewQuestions, pendingSessions] = await Promise.all([
    coursesForTrainer(),
    lessonsNeedingReview(),
    // Questions too (decision 052): held back from certifying exams until reviewed.
    questionsNeedingReview(),
    // In-person sessions waiting for a second person (decision 029).
    sessionScope.length > 0 ? pendingTrainingSessions(user, sessionScope) : null,
  ]);
  // One entry per lesson, listing every document that changed under it.
  const byLesson = new Map<number, { lesson: ReviewItem; documents: ReviewItem[] }>();
  for (const row of review) {
    const entry = byLesson.get(row.lessonId) ?? { lesson: row, documents: [] };
    entry.documents.push(row);
    byLesson.set(row.lessonId, entry);
  }
  return {
    pageTitle: `${t("trainer.title")} · ${t("app.name")}`,
    isAdmin: hasAnywhere(user.grants, "units:write"),
    courses: courses.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      lessons: c.lessons.map((l) => ({
        id: l.id,
        slug: l.slug,
        position: l.position,
        title: l.versions[0]?.title ?? l.slug,
        version: l.versions[0]?.version ?? null,
        publishedAt: l.versions[0]?.publishedAt ?? null,
        hasDraft: l.draft !== null,
      })),
    })),
    review: [...byLesson.values()],
    reviewQuestions,
    pendingSessions,
  };
}

export default function TrainerHome({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { courses, review, reviewQuestions, isAdmin, pendingSessions } = loaderData;
  return (
    <div className="stack">
      <h1>{t("trainer.title")}</h1>
      <p className="lead">{t("trainer.intro")}</p>
      <p>
        <Link to="/trainer/exams">{t("exams.trainer.link")}</Link>
      </p>
      <p>
        <Link to="/trainer/questions">{t("questions.home.link")}</Link>
      </p>
      {pendingSessions ? (
        <p>
          <Link to="/trainer/sessions">{t("training.title")}</Link>
        </p>
      ) : null}
      {isAdmin ? (
        <p>
          <Link to="/admin/legal">{t("trainer.index.legalAdmin")}</Link>
        </p>
      ) : null}

      {pendingSessions ? <PendingSessions sessions={pendingSessions} /> : null}

      <section className="card stack review-list" aria-labelledby="review-h">
        <h2 id="review-h">{t("trainer.review.title")}</h2>
        {review.length === 0 ? (
          <p className="empty">{t("trainer.review.empty")}</p>
        ) : (
          <>
            <p className="muted">{t("trainer.review.intro")}</p>
            <ul className="review-list__items">
              {review.map(({ lesson, documents }) => (
                <li key={lesson.lessonId}>
                  <Link to={`/trainer/lessons/${lesson.lessonId}`}>{lesson.title}</Link>{" "}
                  <span className="muted">
                    ({lesson.courseTitle} ·{" "}
                    {t("trainer.review.published", { version: lesson.version, date: formatDate(lesson.publishedAt) })})
                  </span>
                  <ul>
                    {documents.map((d) => (
                      <li key={`${d.code}|${d.provision ?? ""}`}>
                        {t("trainer.review.document", {
                          code: `${d.kind} ${d.code}${d.provision ? ` | ${d.provision}` : ""}`,
                          status: legalStatusText(t, d),
                          date: formatDate(d.changedAt),
                        })}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
        <h3 id="review-questions-h">{t("review.questions.title")}</h3>
        {reviewQuestions.length === 0 ? (
          <p className="empty">{t("review.questions.empty")}</p>
        ) : (
          <>
            <p className="muted">{t("review.questions.intro")}</p>
            <QuestionProblemList t={t} questions={reviewQuestions} />
          </>
        )}
      </section>

      <h2>{t("trainer.index.courses")}</h2>
      {courses.length === 0 ? <p className="empty">{t("trainer.index.noCourses")}</p> : null}
      {courses.map((course) => (
        <section key={course.id} className="card stack" aria-labelledby={`course-${course.id}`}>
          <div className="spread">
            <h3 id={`course-${course.id}`}>{course.title}</h3>
            <Link
              className="button button--secondary"
              to={`/trainer/courses/${course.id}/new`}
              aria-label={t("trainer.index.newLessonIn", { course: course.title })}
            >
              {t("trainer.index.newLesson")}
            </Link>
          </div>
          {course.lessons.length === 0 ? (
            <p className="empty">{t("trainer.index.noLessons")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      #
                    </th>
                    <th scope="col">{t("trainer.index.lesson")}</th>
                    <th scope="col" className="num">
                      {t("trainer.index.version")}
                    </th>
                    <th scope="col">{t("trainer.index.published")}</th>
                    <th scope="col">{t("trainer.index.state")}</th>
                    <th scope="col">{t("trainer.index.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {course.lessons.map((lesson) => (
                    <tr key={lesson.id}>
                      <td className="num">{lesson.position}</td>
                      <td className="wrap-anywhere">
                        <Link to={`/trainer/lessons/${lesson.id}`}>{lesson.title}</Link>
                      </td>
                      <td className="num">{lesson.version ?? "—"}</td>
                      <td className="nowrap">{lesson.publishedAt ? formatDate(lesson.publishedAt) : "—"}</td>
                      <td>
                        {lesson.version === null ? <span className="badge badge--muted">{t("trainer.index.unpublished")}</span> : null}{" "}
                        {lesson.hasDraft ? <span className="badge badge--warn">{t("trainer.index.draftBadge")}</span> : null}
                      </td>
                      <td className="nowrap">
                        <Link to={`/trainer/lessons/${lesson.id}/history`}>{t("trainer.index.history")}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
