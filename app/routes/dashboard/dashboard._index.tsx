import { useRef } from "react";
import { Form, Link } from "react-router";
import type { Route } from "./+types/dashboard._index";
import { useDocumentHtml } from "~/components/document-html.tsx";
import { FilterActions, percentText, PrintButton, TypeFilter, UnitFilter } from "~/components/dashboard/parts.tsx";
import { drillQueryString, DUE_SOON_DAYS } from "~/domain/dashboard/filters.ts";
import { dayOf } from "~/domain/time/calendar.ts";
import { coverageChartRows } from "~/services/dashboard/coverage.server.ts";
import { dashboardView } from "~/services/dashboard/overview.server.ts";
import { dashboardTablesHtml } from "~/services/dashboard/tables-html.server.tsx";
import { unitFilter } from "~/services/dashboard/scope.server.ts";
import { forbidden, notFound, requireScope } from "~/utils/auth.server.ts";
import { documentHtmlContext, localeContext } from "~/utils/context.server.ts";
import { formatDay, formatNumber } from "~/utils/format.ts";
import { useAppLinks } from "~/utils/use-app-links.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

const TABLES_ID = "dash-tables";

export const meta: Route.MetaFunction = () => [{ title: "Tổng quan chứng nhận · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "people:read");
  const params = new URL(args.request.url).searchParams;
  const unit = await unitFilter(user.grants, params.get("unit"));
  if (!unit.ok) return unit.code === "FORBIDDEN" ? forbidden() : notFound();
  const unitId = unit.value;
  const now = new Date();
  const { types, type, clerk, totals, summaries, coverage, expiries, headcount, agencies, units } = await dashboardView(
    { scope, unitId, now },
    params.get("type"),
  );
  const filter = { unit: unitId === null ? "" : String(unitId), type: type?.code ?? "" };
  const series = (type ? [type] : types).map(({ code, name }) => ({ code, name }));
  const tables = dashboardTablesHtml(args.context.get(localeContext), {
    filter,
    typeName: type?.name ?? null,
    series,
    coverage: coverage.map(({ id, name, depth, deeper, obligated, compliant, percent }) => ({
      id,
      name,
      depth,
      deeper,
      obligated,
      compliant,
      percent,
    })),
    coverageChart: coverageChartRows(coverage).map(({ id, name, obligated, compliant, percent }) => ({
      id,
      name,
      obligated,
      compliant,
      percent,
    })),
    expiries,
    headcount,
  });
  // A page load carries the tables once, in the markup; navigation needs them in the data (decisions 063, 078).
  const onlyInMarkup = args.context.get(documentHtmlContext);
  onlyInMarkup?.set(TABLES_ID, tables.html);
  return {
    today: dayOf(now),
    filter,
    unitName: unitId === null ? null : (units.find((u) => u.id === unitId)?.name ?? null),
    clerk: clerk && { code: clerk.code, name: clerk.name },
    totals,
    summaries,
    tables: { key: tables.key, html: onlyInMarkup ? null : tables.html },
    agencies,
    units: units.map(({ id, name, depth }) => ({ id, name, depth })),
  };
}

export default function Dashboard({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const n = (x: number) => formatNumber(x, locale);
  const pct = (x: number | null) => percentText(x, locale);
  const filtered = d.filter.unit !== "" || d.filter.type !== "";
  const tablesHtml = useDocumentHtml(TABLES_ID, d.tables.key, d.tables.html);
  const tables = useRef<HTMLDivElement>(null);
  useAppLinks(tables);
  // Drill-down links keep the unit being viewed.
  const drill = (more: { unit?: string; type?: string; status?: string }) => {
    const q = drillQueryString({ unit: d.filter.unit, ...more });
    return q ? `/dashboard/people?${q}` : "/dashboard/people";
  };

  return (
    <div className="stack dash">
      <div className="spread">
        <h1>{t("dashboard.title")}</h1>
        <div className="row dash-actions">
          <Link to={drill({ type: d.filter.type })} className="button button--secondary">
            {t("dashboard.people.link")}
          </Link>
          <PrintButton />
        </div>
      </div>
      <p className="lead">{t("dashboard.intro", { date: formatDay(d.today) })}</p>
      {d.unitName ? <p className="dash-viewing">{t("dashboard.viewing", { unit: d.unitName })}</p> : null}

      {/* First and prominent: the gap the provincial conference asked about. Only where the
          scope holds a sending agency: a post office's manager has none to worry about. */}
      {d.agencies.sending === 0 ? null : (
        <section
          className={d.agencies.uncovered.length > 0 ? "card dash-alert" : "card dash-alert dash-alert--ok"}
          aria-labelledby="dash-agencies-h"
          data-testid="agencies-alert"
        >
          <h2 id="dash-agencies-h">
            {t("dashboard.agencies.title")}
            {d.agencies.uncovered.length > 0 ? (
              <span className="dash-alert__count"> ({t("dashboard.agencies.count", { count: n(d.agencies.uncovered.length) })})</span>
            ) : null}
          </h2>
          {d.agencies.uncovered.length === 0 ? (
            <p className="alert alert--ok">{t("dashboard.agencies.none")}</p>
          ) : (
            <>
              <p>{d.clerk ? t("dashboard.agencies.intro", { type: d.clerk.name }) : t("dashboard.agencies.introAny")}</p>
              <ul className="dash-agencies">
                {d.agencies.uncovered.map((a) => (
                  <li key={a.id}>
                    <Link to={drill({ unit: String(a.id), type: d.clerk?.code ?? "" })}>{a.name}</Link>
                    {a.parentName ? <span className="muted"> · {t("dashboard.agencies.under", { parent: a.parentName })}</span> : null}
                    <div className="muted">
                      <small>
                        {a.active > 0 ? t("dashboard.agencies.staff", { count: n(a.active) }) : t("dashboard.agencies.noStaff")}
                      </small>
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      <section className="card no-print dash-filters" aria-labelledby="dash-filters-h">
        <h2 id="dash-filters-h">{t("dashboard.filters")}</h2>
        {/* A plain GET form: works without JavaScript, and the URL can be bookmarked. */}
        <Form method="get" action="/dashboard" className="stack" key={`${d.filter.unit}|${d.filter.type}`}>
          <div className="row">
            <UnitFilter units={d.units} value={d.filter.unit} hintId="dash-unit-hint" />
            <TypeFilter types={d.summaries} value={d.filter.type} hintId="dash-type-hint" />
          </div>
          <FilterActions submit={t("dashboard.filter.submit")} resetTo={filtered ? "/dashboard" : null} />
        </Form>
      </section>

      <section aria-labelledby="dash-totals-h" className="stack">
        <h2 id="dash-totals-h">{t("dashboard.cards.title")}</h2>
        <ul className="dash-cards" data-testid="obligation-cards">
          <li className="card dash-card dash-card--late" data-card="late">
            <h3>{t("dashboard.cards.late")}</h3>
            <p className="dash-card__big">
              <Link to={drill({ type: d.filter.type, status: "LATE" })}>
                <strong>{n(d.totals.late)}</strong>
              </Link>{" "}
              {t("dashboard.cards.unit")}
            </p>
            <p className="muted dash-card__sub">
              <small>{t("dashboard.cards.lateHint")}</small>
            </p>
            <p className="dash-card__sub">
              <small>
                {t("dashboard.cards.lateParts", {
                  overdue: n(d.totals.overdue),
                  expired: n(d.totals.expired),
                  revoked: n(d.totals.revoked),
                })}
              </small>
            </p>
          </li>
          <li className="card dash-card" data-card="soon">
            <h3>{t("dashboard.cards.soon", { days: DUE_SOON_DAYS })}</h3>
            <p className="dash-card__big">
              <Link to={drill({ type: d.filter.type, status: "SOON" })}>
                <strong>{n(d.totals.dueSoon)}</strong>
              </Link>{" "}
              {t("dashboard.cards.unit")}
            </p>
            <p className="muted dash-card__sub">
              <small>{t("dashboard.cards.soonHint", { days: DUE_SOON_DAYS })}</small>
            </p>
          </li>
          <li className="card dash-card" data-card="compliant">
            <h3>{t("dashboard.cards.compliant")}</h3>
            <p className="dash-card__big">
              <strong>{d.totals.percent === null ? t("dashboard.notApplicable") : pct(d.totals.percent)}</strong>
            </p>
            <p className="muted dash-card__sub">
              {t("dashboard.cards.compliantOf", { compliant: n(d.totals.compliant), obligated: n(d.totals.obligated) })}
            </p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="dash-summary-h" className="stack">
        <h2 id="dash-summary-h">{t("dashboard.summary.title")}</h2>
        {d.summaries.length === 0 ? (
          <p className="empty">{t("dashboard.summary.empty")}</p>
        ) : (
          <ul className="dash-cards">
            {d.summaries.map((s) => {
              const link = (status: string) => drill({ type: s.code, status });
              const facts = [
                { name: "soon", label: t("dashboard.summary.soon", { days: DUE_SOON_DAYS }), to: link("SOON"), count: s.dueSoon },
                ...(["DUE", "OVERDUE", "EXPIRED", "REVOKED", "EXPIRING"] as const).map((status) => ({
                  name: status,
                  label: t(`obligations.status.${status}`),
                  to: link(status),
                  count: { DUE: s.due, OVERDUE: s.overdue, EXPIRED: s.expired, REVOKED: s.revoked, EXPIRING: s.expiring }[status],
                })),
              ];
              return (
                <li key={s.id} className="card dash-card" data-type={s.code}>
                  <h3>{s.name}</h3>
                  {s.percent === null ? (
                    <>
                      <p className="dash-card__big">
                        <strong>{t("dashboard.notApplicable")}</strong>
                      </p>
                      <p className="muted dash-card__sub">{t("dashboard.summary.nobodyObligated")}</p>
                    </>
                  ) : (
                    <>
                      <p className="dash-card__big">
                        <strong>{pct(s.percent)}</strong> {t("dashboard.summary.compliant")}
                      </p>
                      <p className="muted dash-card__sub">
                        <Link to={link("")}>
                          {t("dashboard.summary.ofObligated", { compliant: n(s.compliant), obligated: n(s.obligated) })}
                        </Link>
                      </p>
                      <dl className="dash-card__facts">
                        {facts.map((f) => (
                          <div key={f.name} data-fact={f.name}>
                            <dt>{f.label}</dt>
                            <dd>
                              <Link to={f.to}>{n(f.count)}</Link>
                            </dd>
                          </div>
                        ))}
                      </dl>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {/* The coverage table and the charts: HTML rendered once per distinct value (decision 078). */}
      <div id={TABLES_ID} className="stack" ref={tables} dangerouslySetInnerHTML={{ __html: tablesHtml }} />
    </div>
  );
}
