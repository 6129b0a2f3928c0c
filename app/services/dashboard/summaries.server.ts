import { percentOf, type ExpiryWindow } from "~/domain/dashboard/filters.ts";
import { getDb } from "~/utils/db.server.ts";
import { ready } from "./counts.server.ts";
import { unitsWhere, type CertTypeRow, type DashboardFilter, type Db } from "./scope.server.ts";

export type TypeSummary = CertTypeRow & {
  active: number;
  valid: number;
  /** Share of the active people holding a valid certification (null: nobody active). */
  percent: number | null;
  /** Valid now and ending within 30 / 60 / 90 days (cumulative). */
  within: Record<ExpiryWindow, number>;
  expired: number;
  revoked: number;
  never: number;
};

/** Per certification type: the filter's active people by standing, from the stored per-unit counts. */
export async function typeSummaries(f: DashboardFilter, db: Db = getDb()): Promise<TypeSummary[]> {
  await ready(f, db);
  const rows = await db.$queryRaw<
    { id: number; code: string; name: string; active: bigint; valid: bigint; w30: bigint; w60: bigint; w90: bigint; expired: bigint; revoked: bigint; never: bigint }[]
  >`
    with c as (select c.* from unit_cert_counts c join units u on u.id = c.unit_id where ${unitsWhere(f)})
    select t.id, t.code, t.name,
           coalesce(sum(c.active), 0) as active, coalesce(sum(c.valid), 0) as valid,
           coalesce(sum(c.w30), 0) as w30, coalesce(sum(c.w60), 0) as w60, coalesce(sum(c.w90), 0) as w90,
           coalesce(sum(c.expired), 0) as expired, coalesce(sum(c.revoked), 0) as revoked,
           coalesce(sum(c.never), 0) as never
      from certification_types t
      left join c on c.type_id = t.id
     group by t.id
     order by t.id`;
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    active: Number(r.active),
    valid: Number(r.valid),
    percent: percentOf(Number(r.valid), Number(r.active)),
    within: { 30: Number(r.w30), 60: Number(r.w60), 90: Number(r.w90) },
    expired: Number(r.expired),
    revoked: Number(r.revoked),
    never: Number(r.never),
  }));
}
