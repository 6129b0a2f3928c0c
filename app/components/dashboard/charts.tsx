import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "~/utils/use-hydrated.ts";

// The dashboard's charts. Recharts draws nothing on the server, so each chart
// mounts after hydration; the table beside it (server-rendered) carries the
// same numbers for everyone, including screen readers (charts are aria-hidden).
// Boxes get their height from CSS classes: the CSP blocks inline style attributes.

const INITIAL = { width: 640, height: 288 };
const SERIES_COLOURS = ["#9b1c1c", "#0b57a4", "#1a7f37", "#9a6700", "#6938ef", "#c11574"];

function ChartBox(props: { name: string; tall?: boolean; children: React.ReactElement }) {
  const hydrated = useHydrated();
  return (
    <div
      className={props.tall ? "dash-chart dash-chart--tall" : "dash-chart"}
      aria-hidden="true"
      data-chart={props.name}
      data-ready={hydrated ? "true" : undefined}
    >
      {hydrated ? (
        <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL}>
          {props.children}
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}

export function CoverageChart(props: { rows: { name: string; percent: number | null }[]; valueLabel: string }) {
  // A unit where nobody is obligated has no rate ("không áp dụng"): no bar, not 0 %.
  const data = props.rows.flatMap((r) => (r.percent === null ? [] : [{ name: r.name, percent: r.percent }]));
  return (
    <ChartBox name="coverage" tall={data.length > 8}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit="%" />
        <YAxis type="category" dataKey="name" width={200} interval={0} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="percent" name={props.valueLabel} unit="%" fill={SERIES_COLOURS[0]} isAnimationActive={false} />
      </BarChart>
    </ChartBox>
  );
}

export function ExpiriesChart(props: {
  months: { label: string; byType: Record<string, number> }[];
  series: { code: string; name: string }[];
}) {
  const data = props.months.map((m) => ({ label: m.label, ...m.byType }));
  return (
    <ChartBox name="expiries">
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        {props.series.map((s, i) => (
          <Bar
            key={s.code}
            dataKey={s.code}
            name={s.name}
            stackId="expiries"
            fill={SERIES_COLOURS[i % SERIES_COLOURS.length]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartBox>
  );
}

export function HeadcountChart(props: { points: { label: string; count: number }[]; valueLabel: string }) {
  return (
    <ChartBox name="headcount">
      <LineChart data={props.points} margin={{ top: 8, right: 24, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Line
          type="monotone"
          dataKey="count"
          name={props.valueLabel}
          stroke={SERIES_COLOURS[1]}
          strokeWidth={2}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartBox>
  );
}
