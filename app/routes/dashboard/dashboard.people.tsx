import { Form, Link } from "react-router";
import type { Route } from "./+types/dashboard.people";
import { Pager, pageHref } from "~/components/pager.tsx";
import { FilterActions, PrintButton, StatusCell, TypeFilter, UnitFilter } from "~/components/dashboard/parts.tsx";
import { DRILL_PAGE_SIZE, DRILL_STATUSES, drillQueryString, DUE_SOON_DAYS, EXPORT_MAX_ROWS } from "~/domain/dashboard/filters.ts";
import { drillDown, parseDrillParams } from "~/services/dashboard/drill-down.server.ts";
import { certificationTypes } from "~/services/dashboard/scope.server.ts";
import { unitChoices } from "~/services/units.server.ts";
import { forbidden, notFound, requireScope } from "~/utils/auth.server.ts";
import { formatDate, formatNumber } from "~/utils/format.ts";
import { useLocale, useT } from "~/utils/use-t.ts";
import { Breadcrumb } from "~/components/breadcrumb.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Nhân sự theo trạng thái chứng nhận · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "people:read");
  const types = await certificationTypes();
  const parsed = await parseDrillParams(user.grants, new URL(args.request.url).searchParams, types);
  if (!parsed.ok) return parsed.code === "FORBIDDEN" ? forbidden() : notFound();
  const p = parsed.value;
  const [result, units] = await Promise.all([
    drillDown({
      scope,
      unitId: p.unitId,
      now: new Date(),
      typeId: p.type?.id ?? null,
      status: p.status,
      q: p.q,
      page: p.page,
      pageSize: DRILL_PAGE_SIZE,
    }),
    unitChoices(scope, p.unitId),
  ]);
  return {
    ...result,
    first: (result.page - 1) * DRILL_PAGE_SIZE + 1,
    search: p.search,
    query: drillQueryString(p.search),
    types: (p.type ? [p.type] : types).map(({ id, code, name }) => ({ id, code, name })),
    allTypes: types.map(({ code, name }) => ({ code, name })),
    units: units.map(({ id, name, depth }) => ({ id, name, depth })),
  };
}

export default function DashboardPeople({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const n = (x: number) => formatNumber(x, locale);
  const filtered = d.query !== "";
  // d.query is already URLSearchParams output, so it can be appended as is.
  const withQuery = (path: string) => (d.query ? `${path}?${d.query}` : path);
  const caption =
    d.total === 0
      ? t("dashboard.results.none")
      : t("dashboard.results.range", { from: n(d.first), to: n(d.first + d.rows.length - 1), total: n(d.total) });

  return (
    <div className="stack dash">
      <Breadcrumb
        trail={[{ to: d.search.unit ? `/dashboard?unit=${d.search.unit}` : "/dashboard", label: t("dashboard.title") }]}
        current={t("dashboard.people.title")}
      />
      <h1>{t("dashboard.people.title")}</h1>
      <p className="lead">{t("dashboard.people.intro")}</p>

      <section className="card no-print dash-filters" aria-labelledby="drill-filters-h">
        <h2 id="drill-filters-h">{t("dashboard.people.filters")}</h2>
        {/* A plain GET form: works without JavaScript, and the URL can be bookmarked. */}
        <Form method="get" action="/dashboard/people" role="search" className="stack" key={d.query}>
          <div className="row">
            <label className="field">
              <span>{t("dashboard.filter.q")}</span>
              <input type="search" name="q" defaultValue={d.search.q} maxLength={100} autoComplete="off" aria-describedby="drill-q-hint" />
              <small id="drill-q-hint">{t("dashboard.filter.qHint")}</small>
            </label>
            <UnitFilter units={d.units} value={d.search.unit} hintId="drill-unit-hint" />
          </div>
          <div className="row">
            <TypeFilter types={d.allTypes} value={d.search.type} />
            <label className="field">
              <span>{t("dashboard.filter.status")}</span>
              <select name="status" defaultValue={d.search.status} aria-describedby="drill-status-hint">
                <option value="">{t("dashboard.filter.statusAll")}</option>
                {DRILL_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s === "LATE"
                      ? t("dashboard.filter.statusLATE")
                      : s === "SOON"
                        ? t("dashboard.filter.statusSOON", { days: DUE_SOON_DAYS })
                        : t(`obligations.status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p id="drill-status-hint" className="muted">
            <small>{t("dashboard.filter.statusHint")}</small>
          </p>
          <FilterActions submit={t("dashboard.filter.apply")} resetTo={filtered ? "/dashboard/people" : null} />
        </Form>
      </section>

      <section className="card stack" aria-labelledby="drill-results-h">
        <div className="spread">
          <h2 id="drill-results-h">{t("dashboard.results")}</h2>
          <div className="row dash-actions">
            {/* Document links, not client navigation: the answers are file downloads. */}
            <a className="button button--secondary" href={withQuery("/dashboard/people.csv")} download>
              {t("dashboard.export.csv")}
            </a>
            <a className="button button--secondary" href={withQuery("/dashboard/people.xlsx")} download>
              {t("dashboard.export.xlsx")}
            </a>
            <PrintButton />
          </div>
        </div>
        <p className="muted dash-actions">
          <small>{t("dashboard.export.hint", { max: n(EXPORT_MAX_ROWS) })}</small>
        </p>
        <p className="muted" role="status">
          {caption}
        </p>
        {d.rows.length > 0 ? (
          <div className="table-wrap" role="region" tabIndex={0} aria-labelledby="drill-results-h">
            <table className="dash-people" data-table="people">
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.col.code")}</th>
                  <th scope="col">{t("dashboard.col.name")}</th>
                  <th scope="col">{t("dashboard.col.unit")}</th>
                  <th scope="col">{t("dashboard.col.position")}</th>
                  {d.types.map((ty) => (
                    <th key={ty.id} scope="col">
                      {ty.name}
                    </th>
                  ))}
                  <th scope="col">{t("dashboard.col.lastAttempt")}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <code>{r.employeeCode}</code>
                    </td>
                    <td>
                      <Link to={`/people/${r.id}`}>{r.fullName}</Link>
                    </td>
                    <td>{r.unitName}</td>
                    <td>{r.position}</td>
                    {d.types.map((ty) => {
                      const s = r.states.find((x) => x.typeId === ty.id);
                      return <td key={ty.id}>{s ? <StatusCell state={s} /> : null}</td>;
                    })}
                    <td className="nowrap">
                      {r.lastAttempt ? (
                        <>
                          <time dateTime={r.lastAttempt.at}>{formatDate(r.lastAttempt.at)}</time>
                          <div>
                            <small className={r.lastAttempt.passed ? "dash-result dash-result--passed" : "dash-result dash-result--failed"}>
                              {t(r.lastAttempt.passed ? "dashboard.attempt.passed" : "dashboard.attempt.failed")}
                            </small>
                          </div>
                        </>
                      ) : (
                        <span className="muted">{t("dashboard.attempt.none")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : filtered ? (
          <p>
            <Link to="/dashboard/people">{t("dashboard.filter.reset")}</Link>
          </p>
        ) : null}
        <p className="muted">
          <small>{t("dashboard.status.legend")}</small>
        </p>
        <Pager
          page={d.page}
          hasNext={d.page < d.pages}
          hrefFor={(page) => pageHref("/dashboard/people", d.query, page)}
          label={t("dashboard.pager.label")}
          prev={t("dashboard.pager.prev")}
          next={t("dashboard.pager.next")}
          status={t("dashboard.pager.page", { page: d.page, pages: d.pages })}
          className="no-print"
        />
      </section>
    </div>
  );
}
