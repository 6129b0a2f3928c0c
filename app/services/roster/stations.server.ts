// Stations as the roster pages see them: each checked against the user's
// grants through its unit's path.
import { can, hasAnywhere, type Action, type Grant } from "~/domain/access/permissions.ts";
import { forbidden, requireFound } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";

export type StationRef = { id: number; code: string; name: string; unitId: number; unitName: string; unitPath: number[] };

const withUnit = { unit: { select: { name: true, path: true } } } as const;
const ref = (s: { id: number; code: string; name: string; unitId: number; unit: { name: string; path: number[] } }): StationRef => ({
  id: s.id,
  code: s.code,
  name: s.name,
  unitId: s.unitId,
  unitName: s.unit.name,
  unitPath: s.unit.path,
});

/**
 * The guard of every page about one station: 403 when `grants` allow `action`
 * nowhere (before any lookup); 404 when the station is unknown or outside what
 * they may read, the same answer (decision 035); 403 when they may read it but
 * not do `action`.
 */
export async function requireStation(grants: readonly Grant[], action: Action, stationId: number): Promise<StationRef> {
  if (!hasAnywhere(grants, action)) forbidden();
  const found = await getDb().station.findUnique({ where: { id: stationId }, include: withUnit });
  const s = requireFound(found, (s) => can(grants, "roster:read", s.unit.path) || can(grants, action, s.unit.path));
  if (!can(grants, action, s.unit.path)) forbidden();
  return ref(s);
}

/** The stations of the units in the subtrees of `scope`, by name. */
export async function stationsInScope(scope: number[]): Promise<StationRef[]> {
  if (scope.length === 0) return [];
  const rows = await getDb().station.findMany({
    where: { unit: { path: { hasSome: scope } } },
    include: withUnit,
    orderBy: { name: "asc" },
  });
  return rows.map(ref);
}

export async function dutyTypeOptions() {
  return getDb().dutyType.findMany({ orderBy: { name: "asc" }, select: { id: true, code: true, name: true } });
}
