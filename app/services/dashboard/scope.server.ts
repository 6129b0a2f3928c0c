import { can, type Grant } from "~/domain/access/permissions.ts";
import { refused, ok, type Result } from "~/domain/result.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { parseId } from "~/utils/ids.ts";

// What every dashboard read shares: the filter (the reader's scope, a unit
// within it, the clock), its SQL conditions, and the certification types.

export type Db = Pick<Tx, "$queryRaw">;

export type DashboardFilter = {
  /** Unit ids whose subtrees the reader may see. */
  scope: number[];
  /** Narrow to this unit's subtree (already checked to be in scope). */
  unitId: number | null;
  now: Date;
  /** The counts were brought up to date for this request already. */
  counted?: boolean;
};

/** The active people of the filter, as a SQL condition on `p` (people) and `u` (their unit). */
export function peopleWhere(f: DashboardFilter) {
  return Prisma.join([unitsWhere(f), Prisma.sql`p.status = 'ACTIVE'`], " and ");
}

/** The units of the filter, as a SQL condition on `u`. */
export function unitsWhere(f: DashboardFilter) {
  const where = [Prisma.sql`u.path && ${f.scope}::int[]`];
  if (f.unitId !== null) where.push(Prisma.sql`u.path @> ARRAY[${f.unitId}]::int[]`);
  return Prisma.join(where, " and ");
}

export type CertTypeRow = { id: number; code: string; name: string };

export async function certificationTypes(db: Db = getDb()): Promise<CertTypeRow[]> {
  return db.$queryRaw<CertTypeRow[]>`select id, code, name from certification_types order by id`;
}

const CLERK_TYPE_CODE = "KT1-VAN-THU";

/** The clerks' certification type, or null (then any type counts) when it is not defined. */
export function clerkType(types: CertTypeRow[]) {
  return types.find((t) => t.code === CLERK_TYPE_CODE) ?? null;
}

export type UnitFilterRefusal = "NOT_FOUND" | "FORBIDDEN";

/**
 * The `unit` query parameter: none, or a unit the user may read. Not an id, or
 * no such unit: NOT_FOUND; a unit outside the reader's scope: FORBIDDEN.
 */
export async function unitFilter(grants: readonly Grant[], value: string | null): Promise<Result<number | null, UnitFilterRefusal>> {
  const raw = (value ?? "").trim();
  if (raw === "") return ok(null);
  const id = parseId(raw);
  if (id === null) return refused("NOT_FOUND");
  const unit = await getDb().unit.findUnique({ where: { id }, select: { id: true, path: true } });
  if (!unit) return refused("NOT_FOUND");
  if (!can(grants, "people:read", unit.path)) return refused("FORBIDDEN");
  return ok(unit.id);
}
