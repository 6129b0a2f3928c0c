import { percentOf } from "~/domain/dashboard/filters.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getReadDb } from "~/utils/db.server.ts";
import { ready } from "./counts.server.ts";
import { unitsWhere, type CertTypeRow, type DashboardFilter, type Db } from "./scope.server.ts";

// Obligations by status (decision 045), from the stored per-unit counts: per
// certification type (people obligated for it), and over all types (people).

export type ObligationCounts = {
  /** People who must hold the type (over all types: who must hold any). */
  obligated: number;
  /** COMPLIANT or EXPIRING (over all types: with every obligation met). */
  compliant: number;
  /** compliant / obligated; null when nobody is obligated ("không áp dụng"). */
  percent: number | null;
  expiring: number;
  due: number;
  /** DUE or EXPIRING, needed within DUE_SOON_DAYS. */
  dueSoon: number;
  overdue: number;
  expired: number;
  revoked: number;
  /** OVERDUE, EXPIRED or REVOKED: not met after the due date. */
  late: number;
};

export type TypeSummary = CertTypeRow & ObligationCounts;

type CountRow = {
  obligated: bigint;
  compliant: bigint;
  expiring: bigint;
  due: bigint;
  due_soon: bigint;
  overdue: bigint;
  expired: bigint;
  revoked: bigint;
  late: bigint;
};

const SUMS = Prisma.raw(`coalesce(sum(c.obligated), 0) as obligated, coalesce(sum(c.compliant), 0) as compliant,
              coalesce(sum(c.expiring), 0) as expiring, coalesce(sum(c.due), 0) as due, coalesce(sum(c.due_soon), 0) as due_soon,
              coalesce(sum(c.overdue), 0) as overdue, coalesce(sum(c.expired), 0) as expired, coalesce(sum(c.revoked), 0) as revoked,
              coalesce(sum(c.late), 0) as late`);

function counts(r: CountRow): ObligationCounts {
  const n = (x: bigint) => Number(x);
  return {
    obligated: n(r.obligated),
    compliant: n(r.compliant),
    percent: percentOf(n(r.compliant), n(r.obligated)),
    expiring: n(r.expiring),
    due: n(r.due),
    dueSoon: n(r.due_soon),
    overdue: n(r.overdue),
    expired: n(r.expired),
    revoked: n(r.revoked),
    late: n(r.late),
  };
}

/** Per certification type: the filter's obligations by status (a person counts for a type only if obligated for it). */
export async function typeSummaries(f: DashboardFilter, db: Db = getReadDb()): Promise<TypeSummary[]> {
  await ready(f);
  const rows = await db.$queryRaw<(CountRow & CertTypeRow)[]>`
    with c as (select c.* from unit_cert_counts c join units u on u.id = c.unit_id where ${unitsWhere(f)})
    select t.id, t.code, t.name, ${SUMS}
      from certification_types t
      left join c on c.type_id = t.id
     group by t.id
     order by t.id`;
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, ...counts(r) }));
}

/** Over all types, in people: obligated for anything, compliant with everything, due soon or late on anything. */
export async function obligationTotals(f: DashboardFilter, db: Db = getReadDb()): Promise<ObligationCounts> {
  await ready(f);
  const [row] = await db.$queryRaw<CountRow[]>`
    select ${SUMS} from unit_cert_counts c join units u on u.id = c.unit_id where c.type_id = 0 and ${unitsWhere(f)}`;
  return counts(row);
}
