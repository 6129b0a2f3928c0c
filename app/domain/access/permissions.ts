// Who may do what, where. A role is granted on a unit and covers its subtree;
// a unit's `path` lists the ids from the root down to it (see units_set_path).

export const ROLES = ["LEARNER", "TRAINER", "MANAGER", "AUDITOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "learn",
  "people:read",
  "people:write",
  "people:import",
  "roles:grant",
  "units:write",
  "audit:read",
  "content:write",
  "certifications:revoke",
  "training:record",
  "roster:read",
  "roster:assign",
  "roster:admin",
  "requirements:write",
] as const;
export type Action = (typeof ACTIONS)[number];

const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  LEARNER: ["learn"],
  TRAINER: ["learn", "content:write", "people:read", "training:record"],
  MANAGER: ["learn", "people:read", "certifications:revoke", "roster:read", "roster:assign"],
  AUDITOR: ["people:read", "audit:read", "roster:read"],
  ADMIN: [
    "learn",
    "people:read",
    "people:write",
    "people:import",
    "roles:grant",
    "units:write",
    "audit:read",
    "content:write",
    "certifications:revoke",
    "training:record",
    "roster:read",
    "roster:assign",
    "roster:admin",
    "requirements:write",
  ],
};

export type Grant = { role: Role; unitId: number };

function roleAllows(role: Role, action: Action) {
  return ROLE_ACTIONS[role].includes(action);
}

/** True when some grant allows `action` on a unit whose root-to-unit ids are `unitPath`. */
export function can(grants: readonly Grant[], action: Action, unitPath: readonly number[]) {
  return grants.some((g) => roleAllows(g.role, action) && unitPath.includes(g.unitId));
}

/** The unit ids whose subtrees `action` covers (empty: no access anywhere). */
export function scopeOf(grants: readonly Grant[], action: Action): number[] {
  return [...new Set(grants.filter((g) => roleAllows(g.role, action)).map((g) => g.unitId))];
}

export function hasAnywhere(grants: readonly Grant[], action: Action) {
  return scopeOf(grants, action).length > 0;
}

/** The home page a person lands on after login: the most senior role they hold. */
export function homePath(grants: readonly Grant[]): string {
  const roles = new Set(grants.map((g) => g.role));
  if (roles.has("ADMIN")) return "/admin";
  if (roles.has("AUDITOR")) return "/audit";
  if (roles.has("MANAGER")) return "/manage";
  if (roles.has("TRAINER")) return "/trainer";
  return "/learn";
}
