import { extremes } from "~/components/charts/chart-math.ts";
import { ChartLegend, ColumnChart, ScatterChart, SERIES_COLOURS } from "~/components/charts/svg-charts.tsx";
import { POOR_DISCRIMINATION } from "~/domain/exams/item-analysis.ts";
import { formatNumber } from "~/utils/format.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

// Charts of the item analysis, drawn on the server as SVG (decision 063): each
// is named by its section's heading and described by a summary sentence; the
// table beside it carries every number.

const COLOURS = { plain: SERIES_COLOURS[1], flagged: "#b42318" };

export function ScoreDistributionChart(props: {
  buckets: { from: number; to: number; count: number }[];
  titleId: string;
  countLabel: string;
}) {
  const t = useT();
  const total = props.buckets.reduce((sum, b) => sum + b.count, 0);
  const band = (b: { from: number; to: number }) => `${b.from}–${b.to}%`;
  const top = extremes(props.buckets, (b) => b.count)?.highest;
  const summary =
    total === 0 || !top ? t("charts.distribution.none") : t("charts.distribution.summary", { total, band: band(top), count: top.count });
  return (
    <>
      <p id="chart-distribution-s" className="chart-summary">
        {summary}
      </p>
      <ColumnChart
        name="distribution"
        titleId={props.titleId}
        summaryId="chart-distribution-s"
        categories={props.buckets.map(band)}
        series={[{ name: props.countLabel, colour: SERIES_COLOURS[0], values: props.buckets.map((b) => b.count) }]}
      />
    </>
  );
}

export type ItemPoint = { key: string; facility: number; discrimination: number; poor: boolean };

export function FacilityDiscriminationChart(props: {
  items: ItemPoint[];
  facilityLabel: string;
  discriminationLabel: string;
  poorLabel: string;
}) {
  const t = useT();
  const locale = useLocale();
  const flagged = props.items.filter((i) => i.poor).length;
  return (
    <>
      <h3 id="chart-items-h">{t("exams.trainer.itemsChart")}</h3>
      <p id="chart-items-s" className="chart-summary">
        {t("charts.items.summary", { total: props.items.length, flagged, threshold: formatNumber(POOR_DISCRIMINATION, locale) })}
      </p>
      <ChartLegend
        series={[
          { name: t("charts.items.legendPlain"), colour: COLOURS.plain },
          { name: props.poorLabel, colour: COLOURS.flagged },
        ]}
      />
      <ScatterChart
        name="items"
        titleId="chart-items-h"
        summaryId="chart-items-s"
        points={props.items.map((i) => ({ key: i.key, x: i.facility, y: i.discrimination, flagged: i.poor }))}
        xLabel={props.facilityLabel}
        yLabel={props.discriminationLabel}
        threshold={POOR_DISCRIMINATION}
        colours={COLOURS}
        tickText={(v) => formatNumber(v, locale)}
      />
    </>
  );
}
