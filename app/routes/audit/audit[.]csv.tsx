import type { Route } from "./+types/audit[.]csv";
import { exportAuditCsv, parseAuditSearch } from "~/services/audit-log.server.ts";
import { requirePermission, requireScope } from "~/utils/auth.server.ts";
import { dayOf } from "~/domain/time/calendar.ts";

// GET /audit.csv?unit=&actor=&action=&from=&to= — the audit log as a CSV file,
// with the same scope and filters as /audit. Taking a copy of the log out of
// the system is itself recorded, before the first byte is sent.
export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "audit:read");
  const { before: _before, after: _after, unreadable: _unreadable, ...filters } = parseAuditSearch(new URL(args.request.url).searchParams);
  if (filters.unitId != null) await requirePermission(args, "audit:read", filters.unitId);

  const now = new Date();
  const csv = await exportAuditCsv(user, { scope, ...filters }, now);

  const filename = `nhat-ky-kiem-toan-${dayOf(now).replaceAll("-", "")}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
