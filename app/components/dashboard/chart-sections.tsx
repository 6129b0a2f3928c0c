import { CoverageChart, ExpiriesChart, HeadcountChart } from "./charts.tsx";
import { monthLabel, percentText } from "./parts.tsx";
import type { loader } from "~/routes/dashboard._index.tsx";
import { formatDay, formatNumber } from "~/utils/format.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

type Data = Awaited<ReturnType<typeof loader>>;

/** The three charts, each with its data as a table (the server-rendered truth). */
export function DashboardCharts({ d }: { d: Data }) {
  const t = useT();
  const locale = useLocale();
  const n = (x: number) => formatNumber(x, locale);
  const pct = (x: number | null) => percentText(x, locale);
  return (
      <section className="stack" aria-labelledby="dash-charts-h">
        <h2 id="dash-charts-h">{t("dashboard.charts.title")}</h2>

        <figure className="card dash-figure" aria-labelledby="dash-chart-coverage-h">
          <h3 id="dash-chart-coverage-h">{t("dashboard.chart.coverage")}</h3>
          <CoverageChart rows={d.coverageChart} valueLabel={t("dashboard.chart.percent")} />
          <details className="dash-data">
            <summary>{t("dashboard.chart.data")}</summary>
            <div className="table-wrap">
              <table data-table="coverage">
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.col.unit")}</th>
                    <th scope="col" className="num">{t("dashboard.col.active")}</th>
                    <th scope="col" className="num">{t("dashboard.col.covered")}</th>
                    <th scope="col" className="num">{t("dashboard.col.percent")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.coverageChart.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">{u.name}</th>
                      <td className="num">{n(u.active)}</td>
                      <td className="num">{n(u.covered)}</td>
                      <td className="num">{u.percent === null ? t("dashboard.coverage.noPeople") : pct(u.percent)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </figure>

        <figure className="card dash-figure" aria-labelledby="dash-chart-expiries-h">
          <h3 id="dash-chart-expiries-h">{t("dashboard.chart.expiries")}</h3>
          <p className="muted">
            <small>{t("dashboard.chart.expiriesNote")}</small>
          </p>
          <ExpiriesChart months={d.expiries.map((m) => ({ label: monthLabel(m.month), byType: m.byType }))} series={d.series} />
          <details className="dash-data">
            <summary>{t("dashboard.chart.data")}</summary>
            <div className="table-wrap">
              <table data-table="expiries">
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.col.month")}</th>
                    {d.series.map((s) => (
                      <th key={s.code} scope="col" className="num">
                        {s.name}
                      </th>
                    ))}
                    {d.series.length > 1 ? <th scope="col" className="num">{t("dashboard.col.total")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {d.expiries.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{monthLabel(m.month)}</th>
                      {d.series.map((s) => (
                        <td key={s.code} className="num">
                          {n(m.byType[s.code] ?? 0)}
                        </td>
                      ))}
                      {d.series.length > 1 ? <td className="num">{n(m.total)}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </figure>

        <figure className="card dash-figure" aria-labelledby="dash-chart-headcount-h">
          <h3 id="dash-chart-headcount-h">{t("dashboard.chart.headcount")}</h3>
          <p className="muted">
            <small>
              {d.typeName ? `${d.typeName}. ` : ""}
              {t("dashboard.chart.headcountNote")}
            </small>
          </p>
          <HeadcountChart points={d.headcount.map((h) => ({ label: monthLabel(h.month), count: h.count }))} valueLabel={t("dashboard.col.certified")} />
          <details className="dash-data">
            <summary>{t("dashboard.chart.data")}</summary>
            <div className="table-wrap">
              <table data-table="headcount">
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.col.month")}</th>
                    <th scope="col">{t("dashboard.col.asOf")}</th>
                    <th scope="col" className="num">{t("dashboard.col.certified")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.headcount.map((h) => (
                    <tr key={h.month}>
                      <th scope="row">{monthLabel(h.month)}</th>
                      <td>{formatDay(h.day)}</td>
                      <td className="num">{n(h.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </figure>
      </section>
  );
}
