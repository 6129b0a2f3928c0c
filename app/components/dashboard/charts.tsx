import { ChartLegend, ColumnChart, HorizontalBarChart, LineChart, SERIES_COLOURS } from "~/components/charts/svg-charts.tsx";

// The dashboard's three charts, drawn on the server (decision 063). The figure
// around each (chart-sections.tsx) gives the title, the summary sentence and
// the data table; these only turn the loader's rows into chart rows.

type Ids = { name: string; titleId: string; summaryId: string };

export function CoverageChart(
  props: Ids & { rows: { id: number; name: string; percent: number | null }[]; percentText: (v: number) => string; notApplicable: string },
) {
  const rows = props.rows.map((r) => ({
    key: r.id,
    label: r.name,
    value: r.percent,
    text: r.percent === null ? props.notApplicable : props.percentText(r.percent),
  }));
  return <HorizontalBarChart {...props} rows={rows} ticks={[0, 25, 50, 75, 100]} tickText={props.percentText} />;
}

export function ExpiriesChart(
  props: Ids & { months: { label: string; byType: Record<string, number> }[]; series: { code: string; name: string }[] },
) {
  const series = props.series.map((s, i) => ({
    name: s.name,
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length],
    values: props.months.map((m) => m.byType[s.code] ?? 0),
  }));
  return (
    <>
      {series.length > 1 ? <ChartLegend series={series} /> : null}
      <ColumnChart {...props} categories={props.months.map((m) => m.label)} series={series} />
    </>
  );
}

export function HeadcountChart(props: Ids & { points: { label: string; count: number }[] }) {
  return <LineChart {...props} categories={props.points.map((p) => p.label)} values={props.points.map((p) => p.count)} />;
}
