import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";
import { useHydrated } from "~/utils/use-hydrated.ts";

// Charts of the item analysis. They draw only after hydration (the tables next
// to them are the server-rendered truth); their boxes get a fixed height from
// a CSS class, since inline style attributes are blocked by the CSP.

const INITIAL = { width: 640, height: 280 };

export function ScoreDistributionChart(props: {
  buckets: { from: number; to: number; count: number }[];
  label: string;
  countLabel: string;
}) {
  const hydrated = useHydrated();
  return (
    <figure className="exam-chart" aria-hidden="true" data-chart="distribution" data-ready={hydrated ? "true" : undefined}>
      {hydrated ? (
        <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL}>
          <BarChart
            data={props.buckets.map((b) => ({ name: `${b.from}–${b.to}%`, count: b.count }))}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name={props.countLabel} fill="#9b1c1c" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      ) : null}
      <figcaption className="visually-hidden">{props.label}</figcaption>
    </figure>
  );
}

export type ItemPoint = { key: string; facility: number; discrimination: number; poor: boolean };

export function FacilityDiscriminationChart(props: {
  items: ItemPoint[];
  label: string;
  facilityLabel: string;
  discriminationLabel: string;
  goodLabel: string;
  poorLabel: string;
}) {
  const hydrated = useHydrated();
  const good = props.items.filter((i) => !i.poor);
  const poor = props.items.filter((i) => i.poor);
  return (
    <figure className="exam-chart" aria-hidden="true" data-chart="items" data-ready={hydrated ? "true" : undefined}>
      {hydrated ? (
        <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL}>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 24, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="facility"
              name={props.facilityLabel}
              domain={[0, 1]}
              label={{ value: props.facilityLabel, position: "insideBottom", offset: -12 }}
            />
            <YAxis type="number" dataKey="discrimination" name={props.discriminationLabel} domain={[-1, 1]} />
            <ZAxis type="category" dataKey="key" name="#" />
            <ReferenceLine y={0.2} stroke="#9a6700" strokeDasharray="4 4" />
            <Tooltip cursor={{ strokeDasharray: "3 3" }} />
            <Scatter name={props.goodLabel} data={good} fill="#0b57a4" shape="circle" isAnimationActive={false} />
            <Scatter name={props.poorLabel} data={poor} fill="#b42318" shape="cross" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      ) : null}
      <figcaption className="visually-hidden">{props.label}</figcaption>
    </figure>
  );
}
