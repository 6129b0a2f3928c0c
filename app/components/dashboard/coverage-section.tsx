import type { Translate } from "~/i18n/index.ts";
import { CoverageColumns, DashboardCharts, type ChartsData } from "./chart-sections.tsx";
import { percentText } from "./parts.tsx";
import { COVERAGE_LEVELS, drillQueryString } from "~/domain/dashboard/filters.ts";
import type { Locale } from "~/i18n/index.ts";
import { formatNumber } from "~/utils/format.ts";

export type CoverageUnit = {
  id: number;
  name: string;
  depth: number;
  deeper: boolean;
  obligated: number;
  compliant: number;
  percent: number | null;
};
export type DashboardTablesData = ChartsData & { filter: { unit: string; type: string }; coverage: CoverageUnit[] };

/**
 * The dashboard's coverage table and its three charts: the larger part of the
 * page, a function of the counts alone, rendered to HTML once per distinct value
 * (decision 078). So no hooks: the language comes in, and the links are plain
 * links (the page routes their clicks in the app, `useAppLinks`).
 */
export function DashboardTables({ d, t, locale }: { d: DashboardTablesData; t: Translate; locale: Locale }) {
  const n = (x: number) => formatNumber(x, locale);
  const pct = (x: number | null) => percentText(x, locale);
  const drill = (unit: string) => {
    const q = drillQueryString({ unit, type: d.filter.type });
    return q ? `/dashboard/people?${q}` : "/dashboard/people";
  };
  return (
    <>
      <section className="card stack" aria-labelledby="dash-coverage-h">
        <h2 id="dash-coverage-h">{t("dashboard.coverage.title")}</h2>
        <p className="muted">
          {d.typeName ? t("dashboard.coverage.introType", { type: d.typeName }) : t("dashboard.coverage.intro")}{" "}
          {d.coverage.some((u) => u.deeper) ? t("dashboard.coverage.levels", { levels: COVERAGE_LEVELS }) : null}
        </p>
        <div className="table-wrap" role="region" tabIndex={0} aria-labelledby="dash-coverage-h">
          <table className="dash-coverage">
            <thead>
              <tr>
                <CoverageColumns t={t} />
                <th scope="col" className="dash-coverage__bar-col">
                  <span className="visually-hidden">{t("dashboard.col.percent")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.coverage.map((u) => (
                <tr key={u.id}>
                  <td className="tree-cell" data-depth={Math.min(u.depth, 8)}>
                    <a href={drill(String(u.id))}>{u.name}</a>
                    {u.deeper ? (
                      <>
                        {" "}
                        <a
                          className="dash-coverage__open"
                          href={`/dashboard?${drillQueryString({ unit: String(u.id), type: d.filter.type })}`}
                        >
                          {t("dashboard.coverage.open")}
                        </a>
                      </>
                    ) : null}
                  </td>
                  <td className="num">{n(u.obligated)}</td>
                  <td className="num">{n(u.compliant)}</td>
                  <td className="num nowrap">
                    {u.percent === null ? <span className="muted">{t("dashboard.notApplicable")}</span> : pct(u.percent)}
                  </td>
                  <td className="dash-coverage__bar-col">
                    {u.percent === null ? null : (
                      // A native gauge: its length comes from the value, no inline style needed.
                      <meter
                        className="dash-meter"
                        min={0}
                        max={100}
                        low={50}
                        high={80}
                        optimum={100}
                        value={u.percent}
                        aria-hidden="true"
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <DashboardCharts d={d} t={t} locale={locale} />
    </>
  );
}
