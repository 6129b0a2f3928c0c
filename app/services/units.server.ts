import { getDb } from "~/utils/db.server.ts";

export type UnitRow = { id: number; code: string; name: string; kind: string; parentId: number | null; depth: number; people: number; active: number };

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

export type UnitChoice = Omit<UnitRow, "people" | "active">;

/** Units in the subtrees of `scope`, in tree order, without head counts: for unit pickers on busy pages. */
export async function unitChoices(scope: number[]): Promise<UnitChoice[]> {
  if (scope.length === 0) return [];
  const rows = await getDb().$queryRaw<{ id: number; code: string; name: string; kind: string; parent_id: number | null; depth: number }[]>`
    select u.id, u.code, u.name, u.kind::text as kind, u.parent_id, cardinality(u.path) as depth
      from units u
     where u.path && ${scope}::int[]
     order by u.path`;
  const minDepth = Math.min(...rows.map((r) => r.depth));
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id, depth: r.depth - minDepth }));
}
