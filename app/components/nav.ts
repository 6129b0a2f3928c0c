import { hasAnywhere, type Grant } from "~/domain/access/permissions.ts";
import type { MessageKey } from "~/i18n/index.ts";

export type NavItem = { to: string; label: MessageKey };

/** The navigation a person sees: only places their roles can open. */
export function navFor(grants: Grant[], opts: { hasDuties?: boolean } = {}): NavItem[] {
  const roles = new Set(grants.map((g) => g.role));
  const items: NavItem[] = [
    { to: "/learn", label: "nav.learn" },
    { to: "/exams", label: "nav.exams" },
    { to: "/legal", label: "nav.legal" },
  ];
  // Anyone ever put on a duty follows it there, whatever their role (decision 065).
  if (opts.hasDuties) items.push({ to: "/duties", label: "nav.duties" });
  if (roles.has("TRAINER")) items.push({ to: "/trainer", label: "nav.trainer" });
  if (roles.has("MANAGER")) items.push({ to: "/manage", label: "nav.manage" });
  if (hasAnywhere(grants, "people:read")) items.push({ to: "/dashboard", label: "nav.dashboard" });
  if (hasAnywhere(grants, "people:read")) items.push({ to: "/people", label: "nav.people" });
  if (hasAnywhere(grants, "roster:read")) items.push({ to: "/roster", label: "nav.roster" });
  if (hasAnywhere(grants, "units:write")) items.push({ to: "/admin/units", label: "nav.units" });
  if (hasAnywhere(grants, "audit:read")) items.push({ to: "/audit", label: "nav.audit" });
  if (roles.has("ADMIN")) items.push({ to: "/admin", label: "nav.admin" });
  return items;
}
