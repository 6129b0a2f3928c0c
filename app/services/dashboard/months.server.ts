import { dayOf, fromDateColumn, type Day } from "~/domain/time/calendar.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getReadDb } from "~/utils/db.server.ts";
import { ready } from "./counts.server.ts";
import { unitsWhere, type DashboardFilter, type Db } from "./scope.server.ts";

// The month series of the charts, from the stored per-unit months (unit_cert_months).

export type MonthCount = { month: string; total: number; byType: Record<string, number> };

/**
 * Certifications whose cover ends in each of the next 12 months (this month
 * first, counted from today): one per person and type, at the end of their
 * latest live certification, so an early renewal moves the person out.
 */
export async function expiriesByMonth(f: DashboardFilter, typeId: number | null, db: Db = getReadDb()): Promise<MonthCount[]> {
  await ready(f);
  const today = dayOf(f.now);
  const type = typeId === null ? Prisma.sql`c.type_id <> 0` : Prisma.sql`c.type_id = ${typeId}`;
  const rows = await db.$queryRaw<{ month: string; code: string | null; n: bigint }[]>`
    with months as (select (date_trunc('month', ${today}::date) + make_interval(months => g))::date as start
                      from generate_series(0, 11) as g),
         c as (select c.type_id, c.month, sum(c.expiring) as n
                 from unit_cert_months c join units u on u.id = c.unit_id
                where ${type} and c.expiring > 0 and ${unitsWhere(f)}
                group by c.type_id, c.month)
    select to_char(m.start, 'YYYY-MM') as month, t.code, coalesce(c.n, 0) as n
      from months m
      left join c on c.month = m.start
      left join certification_types t on t.id = c.type_id
     order by m.start, t.code`;
  return collectMonths(rows);
}

/**
 * Active people holding a valid certification (of `typeId`, or of any type) at
 * the end of each of the last 12 months, this month last (as of today). Based
 * on today's roster: people who have left are not counted in earlier months.
 */
export async function certifiedHeadcount(
  f: DashboardFilter,
  typeId: number | null,
  db: Db = getReadDb(),
): Promise<{ month: string; day: Day; count: number }[]> {
  await ready(f);
  const today = dayOf(f.now);
  const rows = await db.$queryRaw<{ month: string; day: Date; n: bigint }[]>`
    with ends as (
           select start, least((start + interval '1 month' - interval '1 day')::date, ${today}::date) as day
             from (select (date_trunc('month', ${today}::date) - make_interval(months => g))::date as start
                     from generate_series(0, 11) as g) m),
         c as (select c.month, sum(c.certified) as n
                 from unit_cert_months c join units u on u.id = c.unit_id
                where c.type_id = ${typeId ?? 0} and ${unitsWhere(f)}
                group by c.month)
    select to_char(e.start, 'YYYY-MM') as month, e.day, coalesce(c.n, 0) as n
      from ends e left join c on c.month = e.start
     order by e.start`;
  return rows.map((r) => ({ month: r.month, day: fromDateColumn(r.day), count: Number(r.n) }));
}

function collectMonths(rows: { month: string; code: string | null; n: bigint }[]): MonthCount[] {
  const out: MonthCount[] = [];
  for (const r of rows) {
    let m = out.at(-1);
    if (!m || m.month !== r.month) out.push((m = { month: r.month, total: 0, byType: {} }));
    if (r.code !== null) {
      m.byType[r.code] = Number(r.n);
      m.total += Number(r.n);
    }
  }
  return out;
}
