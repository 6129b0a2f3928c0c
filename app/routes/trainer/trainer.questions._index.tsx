import { Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/trainer.questions._index";
import { courseChoices } from "~/services/content/authoring.server.ts";
import { listBank, readBankFilter } from "~/services/exams/question-bank-list.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { parseId } from "~/utils/ids.ts";
import { formatNumber } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

const PAGE_SIZE = 100;

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "content:write");
  const t = serverT(args);
  const params = new URL(args.request.url).searchParams;
  const filter = readBankFilter(params);
  const [bank, courses] = await Promise.all([listBank(filter), courseChoices().then((all) => all.map(({ id, title }) => ({ id, title })))]);
  const pages = Math.max(1, Math.ceil(bank.rows.length / PAGE_SIZE));
  const pageParam = Number(params.get("page") ?? "1");
  const page = Number.isSafeInteger(pageParam) && pageParam > 0 ? Math.min(pageParam, pages) : 1;
  const courseTitle = new Map(courses.map((c) => [c.id, c.title]));
  const countsByCourse = [
    ...courses.map((c) => ({ courseId: c.id as number | null, title: c.title })),
    { courseId: null, title: null as string | null },
  ]
    .map((c) => ({ ...c, topics: bank.counts.filter((x) => x.courseId === c.courseId).sort((a, b) => a.topic.localeCompare(b.topic)) }))
    .filter((c) => c.topics.length > 0);
  return {
    pageTitle: `${t("questions.bank.title")} · ${t("app.name")}`,
    filter,
    courses,
    topics: bank.topics,
    total: bank.total,
    matched: bank.rows.length,
    page,
    pages,
    rows: bank.rows
      .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
      .map((r) => ({ ...r, courseTitle: r.courseId === null ? null : (courseTitle.get(r.courseId) ?? null) })),
    counts: countsByCourse,
  };
}

export default function QuestionBank({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const n = (x: number) => formatNumber(x, locale);
  const { filter, rows, counts } = loaderData;
  const filtered = Object.values(filter).some((v) => v !== "");
  const searching = navigation.state === "loading" && navigation.location.pathname === "/trainer/questions";
  const exportCourse = parseId(filter.course) === null ? "" : filter.course;
  const pageHref = (p: number) => {
    const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ""));
    if (p > 1) params.set("page", String(p));
    const s = params.toString();
    return s ? `/trainer/questions?${s}` : "/trainer/questions";
  };
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/trainer">{t("questions.backToTrainer")}</Link>
      </p>
      <div className="spread">
        <h1>{t("questions.bank.title")}</h1>
        <div className="row">
          <Link to={exportCourse ? `/trainer/questions/new?course=${exportCourse}` : "/trainer/questions/new"} className="button">
            {t("questions.bank.new")}
          </Link>
          <Link to="/trainer/questions/import" className="button button--secondary">
            {t("questions.bank.import")}
          </Link>
          <a
            href={exportCourse ? `/trainer/questions/export.gift?course=${exportCourse}` : "/trainer/questions/export.gift"}
            className="button button--secondary"
            download
          >
            {exportCourse ? t("questions.bank.exportCourse") : t("questions.bank.export")}
          </a>
        </div>
      </div>
      <p className="lead">{t("questions.bank.intro")}</p>

      <Form method="get" action="/trainer/questions" role="search" aria-label={t("questions.filter.label")} className="card stack">
        <div className="row">
          <div className="field">
            <span>
              <label htmlFor="qf-q">{t("questions.filter.q")}</label>
            </span>
            <input id="qf-q" name="q" type="search" defaultValue={filter.q} maxLength={100} />
          </div>
          <div className="field">
            <span>
              <label htmlFor="qf-course">{t("questions.filter.course")}</label>
            </span>
            <select id="qf-course" name="course" defaultValue={filter.course}>
              <option value="">{t("questions.filter.allCourses")}</option>
              {loaderData.courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
              <option value="none">{t("questions.filter.noCourse")}</option>
            </select>
          </div>
          <div className="field">
            <span>
              <label htmlFor="qf-topic">{t("questions.filter.topic")}</label>
            </span>
            <select id="qf-topic" name="topic" defaultValue={filter.topic}>
              <option value="">{t("questions.filter.allTopics")}</option>
              {loaderData.topics.map((topic) => (
                <option key={topic} value={topic}>
                  {topic}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <span>
              <label htmlFor="qf-type">{t("questions.filter.type")}</label>
            </span>
            <select id="qf-type" name="type" defaultValue={filter.type}>
              <option value="">{t("questions.filter.allTypes")}</option>
              <option value="SINGLE">{t("questions.type.SINGLE")}</option>
              <option value="MULTIPLE">{t("questions.type.MULTIPLE")}</option>
              <option value="TRUE_FALSE">{t("questions.type.TRUE_FALSE")}</option>
            </select>
          </div>
          <div className="field">
            <span>
              <label htmlFor="qf-status">{t("questions.filter.status")}</label>
            </span>
            <select id="qf-status" name="status" defaultValue={filter.status}>
              <option value="">{t("questions.filter.allStatuses")}</option>
              <option value="active">{t("questions.filter.active")}</option>
              <option value="retired">{t("questions.filter.retired")}</option>
              <option value="review">{t("review.filter")}</option>
            </select>
          </div>
        </div>
        <div className="row">
          <button type="submit" className="button" disabled={searching}>
            {searching ? t("questions.filter.searching") : t("questions.filter.submit")}
          </button>
          {filtered ? <Link to="/trainer/questions">{t("questions.filter.clear")}</Link> : null}
        </div>
      </Form>

      {rows.length === 0 ? (
        <div className="card">
          <p className="empty" role="status">
            {filtered ? t("questions.bank.emptyFiltered") : t("questions.bank.empty")}
          </p>
        </div>
      ) : (
        <section className="card stack" aria-labelledby="bank-h">
          <h2 id="bank-h">{t("questions.bank.listTitle")}</h2>
          <div className="table-wrap">
            <table>
              <caption className="muted">
                {t("questions.bank.caption", { shown: n(loaderData.matched), total: n(loaderData.total) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("questions.col.key")}</th>
                  <th scope="col">{t("questions.col.stem")}</th>
                  <th scope="col">{t("questions.col.course")}</th>
                  <th scope="col">{t("questions.col.topic")}</th>
                  <th scope="col">{t("questions.col.type")}</th>
                  <th scope="col">{t("questions.col.difficulty")}</th>
                  <th scope="col" className="num">
                    {t("questions.col.version")}
                  </th>
                  <th scope="col">{t("questions.col.citations")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="nowrap">
                      <Link to={`/trainer/questions/${r.id}`} aria-label={t("questions.bank.editLink", { key: r.key })}>
                        {r.key}
                      </Link>
                      {r.retired ? (
                        <>
                          <br />
                          <span className="badge badge--warn">{t("questions.retiredBadge")}</span>
                        </>
                      ) : null}
                      {r.needsReview ? (
                        <>
                          <br />
                          <span className="badge badge--warn">{t("review.badge")}</span>
                        </>
                      ) : null}
                    </td>
                    <td className="wrap-anywhere">{r.stem}</td>
                    <td>{r.courseTitle ?? "—"}</td>
                    <td className="nowrap">{r.topic}</td>
                    <td className="nowrap">{t(`questions.type.${r.type}`)}</td>
                    <td className="nowrap">{t(`questions.difficulty.${r.difficulty}` as "questions.difficulty.1")}</td>
                    <td className="num">{r.version}</td>
                    <td className="nowrap">
                      {r.citations.map((c) => (
                        <div key={c}>{c}</div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {loaderData.pages > 1 ? (
            <nav className="pager" aria-label={t("questions.pager.label")}>
              {loaderData.page > 1 ? (
                <Link to={pageHref(loaderData.page - 1)} rel="prev">
                  {t("questions.pager.prev")}
                </Link>
              ) : (
                <span />
              )}
              <span className="muted">{t("questions.pager.page", { page: loaderData.page, pages: loaderData.pages })}</span>
              {loaderData.page < loaderData.pages ? (
                <Link to={pageHref(loaderData.page + 1)} rel="next">
                  {t("questions.pager.next")}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </section>
      )}

      <section className="card stack" aria-labelledby="counts-h">
        <h2 id="counts-h">{t("questions.counts.title")}</h2>
        {counts.length === 0 ? (
          <p className="empty">{t("questions.bank.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("questions.col.course")}</th>
                  <th scope="col">{t("questions.col.topic")}</th>
                  <th scope="col" className="num">
                    {t("questions.counts.active")}
                  </th>
                  <th scope="col" className="num">
                    {t("questions.counts.retired")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {counts.flatMap((c) => [
                  ...c.topics.map((x) => (
                    <tr key={`${c.courseId ?? "none"}|${x.topic}`}>
                      <td>{c.title ?? t("questions.filter.noCourse")}</td>
                      <td>
                        <Link
                          to={`/trainer/questions?${new URLSearchParams({ course: c.courseId === null ? "none" : String(c.courseId), topic: x.topic })}`}
                        >
                          {x.topic}
                        </Link>
                      </td>
                      <td className="num">{n(x.active)}</td>
                      <td className="num">{n(x.retired)}</td>
                    </tr>
                  )),
                  <tr key={`${c.courseId ?? "none"}|total`}>
                    <th scope="row" colSpan={2}>
                      {t("questions.counts.courseTotal", { course: c.title ?? t("questions.filter.noCourse") })}
                    </th>
                    <td className="num">
                      <strong>{n(c.topics.reduce((s, x) => s + x.active, 0))}</strong>
                    </td>
                    <td className="num">{n(c.topics.reduce((s, x) => s + x.retired, 0))}</td>
                  </tr>,
                ])}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
