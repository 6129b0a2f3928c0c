import { COVERAGE_LEVELS, percentOf } from "~/domain/dashboard/filters.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getReadDb } from "~/utils/db.server.ts";
import { ready } from "./counts.server.ts";
import { unitsWhere, type DashboardFilter, type Db } from "./scope.server.ts";

// Who is covered where: each unit's share of obligated people who meet their
// obligations (its subtree), and the sending agencies where nobody can send
// KT1 mail.

export type CoverageRow = {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  /** Levels below the top of the view (0 = the viewed unit, or the scope's top units). */
  depth: number;
  /** People of the subtree obligated for the type (any type: for anything). */
  obligated: number;
  /** Of them, those who meet it (any type: every obligation). */
  compliant: number;
  /** null: nobody is obligated ("không áp dụng"). */
  percent: number | null;
  /** It has sub-units below the levels shown (open it to see them). */
  deeper: boolean;
};

/**
 * Per unit of the filter, down to COVERAGE_LEVELS below its top: the people of
 * its subtree obligated for `typeId` and how many meet the obligation; with no
 * type, people obligated for anything and how many meet every obligation.
 */
export async function coverageByUnit(f: DashboardFilter, typeId: number | null, db: Db = getReadDb()): Promise<CoverageRow[]> {
  await ready(f);
  // Each unit's own counts are added to every unit on its path: subtree totals
  // from ~1,000 rows, without walking the tree per unit.
  const rows = await db.$queryRaw<
    {
      id: number;
      code: string;
      name: string;
      kind: string;
      parent_id: number | null;
      depth: number;
      obligated: bigint | null;
      compliant: bigint | null;
      deeper: boolean;
    }[]
  >`
    with per_unit as (
           select a.unit_id, sum(c.obligated) as obligated, sum(c.compliant) as compliant
             from unit_cert_counts c
             join units u on u.id = c.unit_id
            cross join lateral unnest(u.path) as a(unit_id)
            where c.type_id = ${typeId ?? 0} and ${unitsWhere(f)}
            group by a.unit_id),
         shown as (
           select u.id, u.code, u.name, u.kind, u.parent_id, u.path,
                  cardinality(u.path) - min(cardinality(u.path)) over () as depth
             from units u
            where ${unitsWhere(f)})
    select s.id, s.code, s.name, s.kind::text as kind, s.parent_id, s.depth::int as depth, pu.obligated, pu.compliant,
           s.depth = ${COVERAGE_LEVELS} and exists (select 1 from units c where c.parent_id = s.id) as deeper
      from shown s
      left join per_unit pu on pu.unit_id = s.id
     where s.depth <= ${COVERAGE_LEVELS}
     order by s.path`;
  return rows.map((r) => {
    const obligated = Number(r.obligated ?? 0);
    const compliant = Number(r.compliant ?? 0);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      parentId: r.parent_id,
      depth: r.depth,
      obligated,
      compliant,
      percent: percentOf(compliant, obligated),
      deeper: r.deeper,
    };
  });
}

/** The bars of the coverage chart: the top units' children (or the top units themselves when they have none). */
export function coverageChartRows(rows: CoverageRow[]) {
  const children = rows.filter((r) => r.depth === 1);
  return children.length > 0 ? children : rows.filter((r) => r.depth === 0);
}

const SENDING_KINDS = ["AGENCY", "DEPARTMENT", "POLICE"] as const;

export type UncoveredAgency = { id: number; code: string; name: string; kind: string; parentName: string | null; active: number };

/**
 * Sending units (AGENCY, DEPARTMENT, POLICE) of the filter where no active
 * person holds a valid certification of `clerkTypeId` (null: of any type). A
 * person belongs to their nearest sending unit, so a sub-agency's clerk does
 * not cover the department above it.
 */
export async function agenciesWithoutCertified(
  f: DashboardFilter,
  clerkTypeId: number | null,
  db: Db = getReadDb(),
): Promise<{ sending: number; uncovered: UncoveredAgency[] }> {
  await ready(f);
  const kinds = Prisma.sql`(${Prisma.join(SENDING_KINDS.map((k) => Prisma.sql`${k}::"UnitKind"`))})`;
  // Every unit of the scope has a home agency (its nearest sending unit, itself
  // included); a sending unit's people are those of the units it is home to.
  const rows = await db.$queryRaw<
    { id: number; code: string; name: string; kind: string; parent_name: string | null; active: bigint; certified: bigint }[]
  >`
    with sending as (select u.id, u.code, u.name, u.kind, u.parent_id from units u where ${unitsWhere(f)} and u.kind in ${kinds}),
         home as (
           select distinct on (u.id) u.id as unit_id, a.id as agency_id
             from units u
            cross join lateral unnest(u.path) with ordinality as x(unit_id, ord)
             join units a on a.id = x.unit_id and a.kind in ${kinds}
            where ${unitsWhere({ ...f, unitId: null })}
            order by u.id, x.ord desc)
    select s.id, s.code, s.name, s.kind::text as kind, parent.name as parent_name,
           coalesce(sum(c.active), 0) as active, coalesce(sum(c.valid), 0) as certified
      from sending s
      left join home h on h.agency_id = s.id
      left join unit_cert_counts c on c.unit_id = h.unit_id and c.type_id = ${clerkTypeId ?? 0}
      left join units parent on parent.id = s.parent_id
     group by s.id, s.code, s.name, s.kind, parent.name`;
  const uncovered = rows
    .filter((r) => Number(r.certified) === 0)
    .map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentName: r.parent_name, active: Number(r.active) }))
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return { sending: rows.length, uncovered };
}
