import type { ReactNode } from "react";
import { CoverageChart, ExpiriesChart, HeadcountChart } from "./charts.tsx";
import { monthLabel, percentText } from "./parts.tsx";
import type { loader } from "~/routes/dashboard/dashboard._index.tsx";
import { formatDay, formatNumber } from "~/utils/format.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

type Data = Awaited<ReturnType<typeof loader>>;

type ChartFigureProps = {
  /** Names the heading id and the table's data-table (tests and the print view find them by it). */
  name: string;
  title: string;
  note?: ReactNode;
  chart: ReactNode;
  /** The header row's cells and the body rows of the data table. */
  head: ReactNode;
  rows: ReactNode;
};

/** A chart followed by its numbers as a table, folded away: the table is what screen readers and printouts get. */
function ChartFigure({ name, title, note, chart, head, rows }: ChartFigureProps) {
  const t = useT();
  const headingId = `dash-chart-${name}-h`;
  return (
    <figure className="card dash-figure" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {note ? (
        <p className="muted">
          <small>{note}</small>
        </p>
      ) : null}
      {chart}
      <details className="dash-data">
        <summary>{t("dashboard.chart.data")}</summary>
        <div className="table-wrap">
          <table data-table={name}>
            <thead>
              <tr>{head}</tr>
            </thead>
            <tbody>{rows}</tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** The three charts, each with its data as a table (the server-rendered truth). */
export function DashboardCharts({ d }: { d: Data }) {
  const t = useT();
  const locale = useLocale();
  const n = (x: number) => formatNumber(x, locale);
  const pct = (x: number | null) => percentText(x, locale);
  return (
    <section className="stack" aria-labelledby="dash-charts-h">
      <h2 id="dash-charts-h">{t("dashboard.charts.title")}</h2>

      <ChartFigure
        name="coverage"
        title={t("dashboard.chart.coverage")}
        chart={<CoverageChart rows={d.coverageChart} valueLabel={t("dashboard.chart.percent")} />}
        head={
          <>
            <th scope="col">{t("dashboard.col.unit")}</th>
            <th scope="col" className="num">
              {t("dashboard.col.obligated")}
            </th>
            <th scope="col" className="num">
              {t("dashboard.col.compliant")}
            </th>
            <th scope="col" className="num">
              {t("dashboard.col.percent")}
            </th>
          </>
        }
        rows={d.coverageChart.map((u) => (
          <tr key={u.id}>
            <th scope="row">{u.name}</th>
            <td className="num">{n(u.obligated)}</td>
            <td className="num">{n(u.compliant)}</td>
            <td className="num">{u.percent === null ? t("dashboard.notApplicable") : pct(u.percent)}</td>
          </tr>
        ))}
      />

      <ChartFigure
        name="expiries"
        title={t("dashboard.chart.expiries")}
        note={t("dashboard.chart.expiriesNote")}
        chart={<ExpiriesChart months={d.expiries.map((m) => ({ label: monthLabel(m.month), byType: m.byType }))} series={d.series} />}
        head={
          <>
            <th scope="col">{t("dashboard.col.month")}</th>
            {d.series.map((s) => (
              <th key={s.code} scope="col" className="num">
                {s.name}
              </th>
            ))}
            {d.series.length > 1 ? (
              <th scope="col" className="num">
                {t("dashboard.col.total")}
              </th>
            ) : null}
          </>
        }
        rows={d.expiries.map((m) => (
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
      />

      <ChartFigure
        name="headcount"
        title={t("dashboard.chart.headcount")}
        note={
          <>
            {d.typeName ? `${d.typeName}. ` : ""}
            {t("dashboard.chart.headcountNote")}
          </>
        }
        chart={
          <HeadcountChart
            points={d.headcount.map((h) => ({ label: monthLabel(h.month), count: h.count }))}
            valueLabel={t("dashboard.col.certified")}
          />
        }
        head={
          <>
            <th scope="col">{t("dashboard.col.month")}</th>
            <th scope="col">{t("dashboard.col.asOf")}</th>
            <th scope="col" className="num">
              {t("dashboard.col.certified")}
            </th>
          </>
        }
        rows={d.headcount.map((h) => (
          <tr key={h.month}>
            <th scope="row">{monthLabel(h.month)}</th>
            <td>{formatDay(h.day)}</td>
            <td className="num">{n(h.count)}</td>
          </tr>
        ))}
      />
    </section>
  );
}
