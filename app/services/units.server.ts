import { getDb, type Db } from "~/utils/db.server.ts";

export type UnitRow = {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  depth: number;
  people: number;
  active: number;
};

/** Units in the subtrees of `scope`, in tree order, with head counts (one query). */
export async function unitsInScope(scope: number[]): Promise<UnitRow[]> {
  if (scope.length === 0) return [];
  const rows = await getDb().$queryRaw<
    { id: number; code: string; name: string; kind: string; parent_id: number | null; depth: number; people: bigint; active: bigint }[]
  >`
    select u.id, u.code, u.name, u.kind::text as kind, u.parent_id, cardinality(u.path) as depth,
           count(p.id) as people, count(p.id) filter (where p.status = 'ACTIVE') as active
      from units u
      left join people p on p.unit_id = u.id
     where u.path && ${scope}::int[]
     group by u.id
     order by u.path`;
  const minDepth = Math.min(...rows.map((r) => r.depth));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentId: r.parent_id,
    depth: r.depth - minDepth,
    people: Number(r.people),
    active: Number(r.active),
  }));
}

/** A unit's code and root-to-unit ids (what permissions are checked against), or null when there is no such unit. */
export function findUnit(id: number): Promise<{ code: string; path: number[] } | null> {
  return getDb().unit.findUnique({ where: { id }, select: { code: true, path: true } });
}

/** Head counts for the admin home: units in the subtrees of `scope`, their people, and those with an account. */
export async function scopeCounts(scope: number[]) {
  const [row] = await getDb().$queryRaw<{ units: bigint; people: bigint; accounts: bigint }[]>`
    select count(distinct u.id) as units, count(distinct p.id) as people, count(distinct a.id) as accounts
      from units u left join people p on p.unit_id = u.id left join accounts a on a.person_id = p.id
     where u.path && ${scope}::int[]`;
  return { units: Number(row.units), people: Number(row.people), accounts: Number(row.accounts) };
}

export type UnitChoice = Omit<UnitRow, "people" | "active">;

/**
 * The units a picker offers on the dashboard pages, in tree order, without head
 * counts: the top of the scope and the level below it, plus, when `selected` is
 * set, the units on its path and its children. A picker of every one of 1,000
 * units would weigh more than the page it sits on; deeper units are reached
 * through the coverage table or by choosing their parent first.
 */
export async function unitChoices(
  scope: number[],
  selected: number | null = null,
  db: Pick<Db, "$queryRaw"> = getDb(),
): Promise<UnitChoice[]> {
  if (scope.length === 0) return [];
  const rows = await db.$queryRaw<{ id: number; code: string; name: string; kind: string; parent_id: number | null; depth: number }[]>`
    with inside as (
           select u.*, cardinality(u.path) - min(cardinality(u.path)) over () as rel
             from units u
            where u.path && ${scope}::int[]),
         chosen as (select path from units where id = ${selected}::int)
    select i.id, i.code, i.name, i.kind::text as kind, i.parent_id, i.rel::int as depth
      from inside i
     where i.rel <= 1
        or (select path from chosen) @> array[i.id]
        or i.parent_id = ${selected}::int
     order by i.path`;
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id, depth: r.depth }));
}
