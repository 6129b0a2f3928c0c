import type { ReactNode } from "react";
import { barRows, countTicks, linearScale, textWidth } from "./chart-math.ts";

// Charts drawn on the server as plain SVG (decision 063): the same picture with
// or without JavaScript, no charting library. Each SVG is drawn at its natural
// size so its text is 13 px ink on white; a narrow screen scrolls the chart's
// own frame (focusable, so keyboards can scroll it), never the page. Colours
// are presentation attributes: the CSP forbids style attributes.

export const SERIES_COLOURS = ["#9b1c1c", "#0b57a4", "#1a7f37", "#9a6700", "#6938ef", "#c11574"];
const INK = "#1b1f24";
const GRID = "#d0d7de";
const FONT = 13;
const LINE_HEIGHT = 16;

type Frame = {
  /** data-chart of the frame: tests and print styles find the chart by it. */
  name: string;
  /** Ids of the chart's title and summary sentence: the SVG's accessible name and description. */
  titleId: string;
  summaryId: string;
};

function ChartSvg({ name, titleId, summaryId, width, height, children }: Frame & { width: number; height: number; children: ReactNode }) {
  return (
    <div className="chart-frame" data-chart={name} role="group" aria-labelledby={titleId} tabIndex={0}>
      <svg
        className="chart-svg"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={summaryId}
        fontSize={FONT}
        fill={INK}
      >
        {children}
      </svg>
    </div>
  );
}

/** Series names with their colours, as HTML text (wraps, translates, reads like any text). */
export function ChartLegend({ series }: { series: { name: string; colour: string }[] }) {
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.name}>
          <svg width="14" height="14" aria-hidden="true" focusable="false">
            <rect width="14" height="14" rx="2" fill={s.colour} />
          </svg>{" "}
          {s.name}
        </li>
      ))}
    </ul>
  );
}

/** Horizontal bars with wrapped names on the left (coverage by unit). `value` null: no bar, its `text` says why. */
export function HorizontalBarChart(
  props: Frame & {
    rows: { key: string | number; label: string; value: number | null; text: string }[];
    ticks: number[];
    tickText: (v: number) => string;
    colour?: string;
  },
) {
  const width = 680;
  const labelWidth = 230;
  const x0 = labelWidth + 12;
  const x1 = width - 72;
  const max = props.ticks[props.ticks.length - 1] || 1;
  const x = linearScale(0, max, x0, x1);
  const layout = barRows(
    props.rows.map((r) => r.label),
    { labelWidth, fontPx: FONT, lineHeight: LINE_HEIGHT, minHeight: 32, start: 8 },
  );
  const rows = props.rows.map((row, i) => ({ ...row, ...layout.rows[i] }));
  const bottom = layout.bottom;
  const height = bottom + 28;
  return (
    <ChartSvg {...props} width={width} height={height}>
      {props.ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={8} y2={bottom} stroke={GRID} />
          <text x={x(t)} y={bottom + 18} textAnchor="middle">
            {props.tickText(t)}
          </text>
        </g>
      ))}
      {rows.map((r) => {
        const mid = r.top + r.height / 2;
        const firstLine = mid - ((r.lines.length - 1) * LINE_HEIGHT) / 2 + 4;
        const end = r.value === null ? x0 : x(Math.min(r.value, max));
        return (
          <g key={r.key}>
            <title>{`${r.label}: ${r.text}`}</title>
            <text x={labelWidth} y={firstLine} textAnchor="end">
              {r.lines.map((line, i) => (
                <tspan key={i} x={labelWidth} dy={i === 0 ? 0 : LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
            {r.value === null ? null : (
              <rect x={x0} y={mid - 9} width={Math.max(1, end - x0)} height={18} fill={props.colour ?? SERIES_COLOURS[0]} />
            )}
            <text x={end + 6} y={mid + 4}>
              {r.text}
            </text>
          </g>
        );
      })}
      <line x1={x0} x2={x0} y1={8} y2={bottom} stroke={INK} />
    </ChartSvg>
  );
}

/** Shared layout of charts over categories (months, score bands): x positions and the count axis. */
function categoryLayout(categories: string[], max: number) {
  const columnWidth = Math.max(52, ...categories.map((c) => textWidth(c, FONT) + 8));
  const left = 48;
  const width = left + categories.length * columnWidth + 16;
  const top = 20;
  const bottom = 236;
  const ticks = countTicks(max);
  const y = linearScale(0, ticks[ticks.length - 1], bottom, top);
  const centre = (i: number) => left + columnWidth * i + columnWidth / 2;
  return { columnWidth, left, width, height: bottom + 32, bottom, ticks, y, centre };
}

function CountAxis({ layout, categories }: { layout: ReturnType<typeof categoryLayout>; categories: string[] }) {
  const right = layout.width - 16;
  return (
    <>
      {layout.ticks.map((t) => (
        <g key={t}>
          <line x1={layout.left} x2={right} y1={layout.y(t)} y2={layout.y(t)} stroke={GRID} />
          <text x={layout.left - 8} y={layout.y(t) + 4} textAnchor="end">
            {t}
          </text>
        </g>
      ))}
      {categories.map((c, i) => (
        <text key={c} x={layout.centre(i)} y={layout.bottom + 20} textAnchor="middle">
          {c}
        </text>
      ))}
      <line x1={layout.left} x2={right} y1={layout.bottom} y2={layout.bottom} stroke={INK} />
    </>
  );
}

/** Columns per category, series stacked (expiries by type, score bands); the total sits above each column. */
export function ColumnChart(props: Frame & { categories: string[]; series: { name: string; colour: string; values: number[] }[] }) {
  const totals = props.categories.map((_, i) => props.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const layout = categoryLayout(props.categories, Math.max(0, ...totals));
  const barWidth = layout.columnWidth * 0.6;
  return (
    <ChartSvg {...props} width={layout.width} height={layout.height}>
      <CountAxis layout={layout} categories={props.categories} />
      {props.categories.map((c, i) => {
        let base = 0;
        return (
          <g key={c}>
            <title>{`${c}: ${props.series.map((s) => `${s.name} ${s.values[i] ?? 0}`).join("; ")}`}</title>
            {props.series.map((s) => {
              const v = s.values[i] ?? 0;
              const y0 = layout.y(base);
              base += v;
              return v > 0 ? (
                <rect
                  key={s.name}
                  x={layout.centre(i) - barWidth / 2}
                  y={layout.y(base)}
                  width={barWidth}
                  height={y0 - layout.y(base)}
                  fill={s.colour}
                />
              ) : null;
            })}
            {totals[i] > 0 ? (
              <text x={layout.centre(i)} y={layout.y(totals[i]) - 5} textAnchor="middle">
                {totals[i]}
              </text>
            ) : null}
          </g>
        );
      })}
    </ChartSvg>
  );
}

/** A line through one count per category (headcount by month), each point labelled. */
export function LineChart(props: Frame & { categories: string[]; values: number[]; colour?: string }) {
  const layout = categoryLayout(props.categories, Math.max(0, ...props.values));
  const colour = props.colour ?? SERIES_COLOURS[1];
  const points = props.values.map((v, i) => [layout.centre(i), layout.y(v)] as const);
  return (
    <ChartSvg {...props} width={layout.width} height={layout.height}>
      <CountAxis layout={layout} categories={props.categories} />
      <polyline points={points.map((p) => p.join(",")).join(" ")} fill="none" stroke={colour} strokeWidth={2} />
      {points.map(([cx, cy], i) => (
        <g key={props.categories[i]}>
          <title>{`${props.categories[i]}: ${props.values[i]}`}</title>
          <circle cx={cx} cy={cy} r={4} fill={colour} />
          <text x={cx} y={cy - 8} textAnchor="middle">
            {props.values[i]}
          </text>
        </g>
      ))}
    </ChartSvg>
  );
}

/** Points on two 0–1 / −1–1 axes (facility × discrimination), flagged ones as crosses, with a threshold line. */
export function ScatterChart(
  props: Frame & {
    points: { key: string; x: number; y: number; flagged: boolean }[];
    xLabel: string;
    yLabel: string;
    threshold: number;
    colours: { plain: string; flagged: string };
    tickText: (v: number) => string;
  },
) {
  const [width, height, left, right, top, bottom] = [560, 320, 56, 540, 16, 264];
  const x = linearScale(0, 1, left, right);
  const y = linearScale(-1, 1, bottom, top);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const yTicks = [-1, -0.5, 0, 0.5, 1];
  return (
    <ChartSvg {...props} width={width} height={height}>
      {ticks.map((t) => (
        <g key={`x${t}`}>
          <line x1={x(t)} x2={x(t)} y1={top} y2={bottom} stroke={GRID} />
          <text x={x(t)} y={bottom + 18} textAnchor="middle">
            {props.tickText(t)}
          </text>
        </g>
      ))}
      {yTicks.map((t) => (
        <g key={`y${t}`}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke={GRID} />
          <text x={left - 8} y={y(t) + 4} textAnchor="end">
            {props.tickText(t)}
          </text>
        </g>
      ))}
      <line
        x1={left}
        x2={right}
        y1={y(props.threshold)}
        y2={y(props.threshold)}
        stroke={SERIES_COLOURS[3]}
        strokeDasharray="6 4"
        strokeWidth={2}
      />
      <text x={(left + right) / 2} y={bottom + 40} textAnchor="middle">
        {props.xLabel}
      </text>
      <text x={14} y={(top + bottom) / 2} textAnchor="middle" transform={`rotate(-90 14 ${(top + bottom) / 2})`}>
        {props.yLabel}
      </text>
      {props.points.map((p) => (
        <g key={p.key}>
          <title>{`${p.key}: ${props.xLabel} ${props.tickText(p.x)}, ${props.yLabel} ${props.tickText(p.y)}`}</title>
          {p.flagged ? (
            <path d={`M${x(p.x) - 5},${y(p.y) - 5}l10,10m0,-10l-10,10`} stroke={props.colours.flagged} strokeWidth={2.5} />
          ) : (
            <circle cx={x(p.x)} cy={y(p.y)} r={5} fill={props.colours.plain} />
          )}
        </g>
      ))}
    </ChartSvg>
  );
}
