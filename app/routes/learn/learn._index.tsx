import { Link } from "react-router";
import type { Route } from "./+types/learn._index";
import { CertificateList } from "~/components/certificates/certificate-list.tsx";
import { CourseProgress } from "~/components/learn/course-progress.tsx";
import { RequiredCertifications } from "~/components/learn/required-certifications.tsx";
import { learnerHome } from "~/services/content/learner-pages.server.ts";
import { commitmentObligationsOf } from "~/services/obligations/commitment.server.ts";
import { learnerObligations } from "~/services/obligations/read.server.ts";
import { audiencesOf, catalogue } from "~/services/content/learning.server.ts";
import { certificationsOf } from "~/services/exams/certifications.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDate, formatDay } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const t = serverT(args);
  const now = new Date();
  const [{ person, openedCourseIds: opened }, audiences, certifications, required, commitment] = await Promise.all([
    learnerHome(user.personId),
    audiencesOf(user.personId, user.grants),
    certificationsOf(user.personId, now),
    learnerObligations(user.personId, now),
    commitmentObligationsOf([user.personId], now),
  ]);
  const courses = (await catalogue(user.personId, audiences)).map((c) => ({
    slug: c.slug,
    title: c.title,
    description: c.description,
    done: c.progress.done,
    total: c.progress.total,
    completedAt: c.completedAt?.toISOString() ?? null,
    resume: c.resume,
    started: opened.has(c.id),
  }));
  return {
    pageTitle: `${t("learn.pageTitle")} · ${t("app.name")}`,
    person: { ...person, workStartedOn: person.workStartedOn.toISOString() },
    courses,
    required,
    commitment: commitment.get(user.personId) ?? null,
    certifications: certifications.map((c) => ({
      id: c.id,
      serial: c.serial,
      typeName: c.typeName,
      source: c.source,
      issuedAt: c.issuedAt.toISOString(),
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      status: c.status,
    })),
  };
}

type CourseCard = Awaited<ReturnType<typeof loader>>["courses"][number];

function CourseAction({ course }: { course: CourseCard }) {
  const t = useT();
  const coursePath = `/learn/${course.slug}`;
  if (course.completedAt || !course.resume) {
    return (
      <Link className="button button--secondary" to={coursePath} aria-label={`${t("learn.review")}: ${course.title}`}>
        {t("learn.review")}
      </Link>
    );
  }
  const label = course.started ? t("learn.continue") : t("learn.start");
  return (
    <Link className="button" to={`${coursePath}/${course.resume}`} aria-label={`${label}: ${course.title}`}>
      {label}
    </Link>
  );
}

export default function LearnHome({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { person, courses, certifications, required } = loaderData;
  return (
    <div className="stack">
      <h1>{t("home.welcome", { name: person.fullName })}</h1>
      <p className="lead">{t("learn.intro")}</p>
      <RequiredCertifications items={required} commitment={loaderData.commitment} />
      <section aria-labelledby="courses-h" className="stack">
        <h2 id="courses-h">{t("learn.courses")}</h2>
        {courses.length === 0 ? (
          <p className="card empty">{t("learn.empty")}</p>
        ) : (
          <ul className="course-grid">
            {courses.map((c) => (
              <li key={c.slug} className={`course-card${c.completedAt ? " course-card--done" : ""}`}>
                <h3 className="course-card__title">
                  <Link to={`/learn/${c.slug}`}>{c.title}</Link>
                </h3>
                <p className="course-card__status">
                  {c.completedAt ? (
                    <span className="badge badge--ok">{t("learn.badge.done")}</span>
                  ) : c.started ? (
                    <span className="badge badge--warn">{t("learn.badge.inProgress")}</span>
                  ) : (
                    <span className="badge badge--muted">{t("learn.badge.new")}</span>
                  )}
                </p>
                <p className="course-card__description">{c.description}</p>
                <CourseProgress done={c.done} total={c.total} course={c.title} />
                {c.completedAt ? (
                  <p className="course-card__completed">{t("learn.completedOn", { date: formatDate(c.completedAt) })}</p>
                ) : null}
                <div className="course-card__actions">
                  <CourseAction course={c} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="exams-link">
        <Link to="/exams">{t("exams.learnLink")}</Link>
        <span className="muted"> · {t("exams.learnHint")}</span>
      </p>
      <p className="legal-link">
        <Link to="/legal">{t("learn.legalLink")}</Link>
        <span className="muted"> · {t("learn.legalHint")}</span>
      </p>
      <section className="card stack" aria-labelledby="certs-h">
        <h2 id="certs-h">{t("learn.certifications")}</h2>
        {certifications.length === 0 ? (
          <p className="empty">{t("learn.noCertifications")}</p>
        ) : (
          <>
            <p className="muted">{t("cert.learn.intro")}</p>
            <CertificateList certifications={certifications} />
          </>
        )}
      </section>
      <section className="card" aria-labelledby="profile-h">
        <h2 id="profile-h">{t("learn.profile")}</h2>
        <dl className="facts">
          <dt>{t("people.employeeCode")}</dt>
          <dd>{person.employeeCode}</dd>
          <dt>{t("people.unit")}</dt>
          <dd>{person.unit.name}</dd>
          <dt>{t("people.position")}</dt>
          <dd>{person.position}</dd>
          <dt>{t("people.workStartedOn")}</dt>
          <dd>{formatDay(person.workStartedOn)}</dd>
        </dl>
      </section>
    </div>
  );
}
