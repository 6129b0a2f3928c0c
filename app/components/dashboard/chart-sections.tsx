import type { ReactNode } from "react";
import type { Locale, Translate } from "~/i18n/index.ts";
import { CoverageChart, ExpiriesChart, HeadcountChart } from "./charts.tsx";
import { extremes } from "~/components/charts/chart-math.ts";
import { monthLabel, percentText } from "./parts.tsx";
import { formatDay, formatNumber } from "~/utils/format.ts";

/** What the charts draw: the loader's rows (decision 078 renders them once per distinct value). */
export type ChartsData = {
  typeName: string | null;
  series: { code: string; name: string }[];
  coverageChart: { id: number; name: string; obligated: number; compliant: number; percent: number | null }[];
  expiries: { month: string; total: number; byType: Record<string, number> }[];
  headcount: { month: string; day: string; count: number }[];
};

type ChartFigureProps = {
  /** Names the heading id and the table's data-table (tests and the print view find them by it). */
  name: string;
  title: string;
  note?: ReactNode;
  /** One sentence saying what the chart shows: the SVG's description, read before the picture. */
  summary: string;
  chart: (ids: { name: string; titleId: string; summaryId: string }) => ReactNode;
  /** The header row's cells and the body rows of the data table. */
  head: ReactNode;
  rows: ReactNode;
};

/**
 * A chart (server-drawn SVG) with its title, a summary sentence and its numbers as a
 * table, folded away: the table is the accessible alternative and what printouts get.
 */
function ChartFigure({ name, title, note, summary, chart, head, rows, t }: ChartFigureProps & { t: Translate }) {
  const headingId = `dash-chart-${name}-h`;
  const summaryId = `dash-chart-${name}-s`;
  return (
    <figure className="card dash-figure" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {note ? (
        <p className="muted">
          <small>{note}</small>
        </p>
      ) : null}
      <p id={summaryId} className="chart-summary">
        {summary}
      </p>
      {chart({ name, titleId: headingId, summaryId })}
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

/** The header cells of a coverage table: unit, obligated, compliant, percent. */
export function CoverageColumns({ t }: { t: Translate }) {
  return (
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
  );
}

/** The three charts, each with its data as a table (the server-rendered truth). */
export function DashboardCharts({ d, t, locale }: { d: ChartsData; t: Translate; locale: Locale }) {
  const n = (x: number) => formatNumber(x, locale);
  const pct = (x: number | null) => percentText(x, locale);
  const months = (m: string) => monthLabel(m);
  const coverage = extremes(d.coverageChart, (u) => u.percent);
  const notApplicable = d.coverageChart.filter((u) => u.percent === null).length;
  const coverageSummary = [
    !coverage
      ? t("charts.coverage.none")
      : coverage.highest === coverage.lowest
        ? t("charts.coverage.summaryOne", { name: coverage.highest.name, percent: pct(coverage.highest.percent) })
        : t("charts.coverage.summary", {
            best: coverage.highest.name,
            bestPercent: pct(coverage.highest.percent),
            worst: coverage.lowest.name,
            worstPercent: pct(coverage.lowest.percent),
          }),
    notApplicable > 0 ? t("charts.coverage.notApplicable", { count: n(notApplicable) }) : "",
  ]
    .join(" ")
    .trim();
  const busiest = extremes(d.expiries, (m) => m.total);
  const expiriesTotal = d.expiries.reduce((sum, m) => sum + m.total, 0);
  const expiriesSummary =
    !busiest || expiriesTotal === 0
      ? t("charts.expiries.none")
      : t("charts.expiries.summary", { total: n(expiriesTotal), month: months(busiest.highest.month), count: n(busiest.highest.total) });
  const [first, last] = [d.headcount[0], d.headcount[d.headcount.length - 1]];
  const headcountSummary = first
    ? t("charts.headcount.summary", {
        first: n(first.count),
        firstMonth: months(first.month),
        last: n(last.count),
        lastMonth: months(last.month),
      })
    : "";
  return (
    <section className="stack" aria-labelledby="dash-charts-h">
      <h2 id="dash-charts-h">{t("dashboard.charts.title")}</h2>

      <ChartFigure
        t={t}
        name="coverage"
        title={t("dashboard.chart.coverage")}
        summary={coverageSummary}
        chart={(ids) => (
          <CoverageChart {...ids} rows={d.coverageChart} percentText={(v) => pct(v)} notApplicable={t("dashboard.notApplicable")} />
        )}
        head={<CoverageColumns t={t} />}
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
        t={t}
        name="expiries"
        title={t("dashboard.chart.expiries")}
        note={t("dashboard.chart.expiriesNote")}
        summary={expiriesSummary}
        chart={(ids) => (
          <ExpiriesChart {...ids} months={d.expiries.map((m) => ({ label: monthLabel(m.month), byType: m.byType }))} series={d.series} />
        )}
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
        t={t}
        name="headcount"
        title={t("dashboard.chart.headcount")}
        note={
          <>
            {d.typeName ? `${d.typeName}. ` : ""}
            {t("dashboard.chart.headcountNote")}
          </>
        }
        summary={headcountSummary}
        chart={(ids) => <HeadcountChart {...ids} points={d.headcount.map((h) => ({ label: monthLabel(h.month), count: h.count }))} />}
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
