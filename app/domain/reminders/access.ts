import { can, type Grant } from "~/domain/access/permissions.ts";

/**
 * Who may send an expiry reminder by hand: someone who can see the person
 * (people:read) and holds a MANAGER or ADMIN grant covering the person's unit.
 */
export function mayRemind(grants: readonly Grant[], unitPath: readonly number[]) {
  return (
    can(grants, "people:read", unitPath) && grants.some((g) => (g.role === "MANAGER" || g.role === "ADMIN") && unitPath.includes(g.unitId))
  );
}
