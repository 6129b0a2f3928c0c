import type { Route } from "./+types/roster.refusals[.]csv";
import { reasonMessage } from "~/domain/roster/eligibility.ts";
import { clockOf, dayOf } from "~/domain/roster/week.ts";
import { translate, type MessageKey } from "~/i18n/index.ts";
import { appendAudit } from "~/services/audit.server.ts";
import {
  listRefusals,
  parseRefusalSearch,
  REFUSALS_CSV_MAX,
  refusalSearchParams,
  stationFor,
  stationsInScope,
} from "~/services/roster/roster-pages.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { toCsv } from "~/utils/csv.ts";
import { getDb } from "~/utils/db.server.ts";
import { formatDateTime, formatDay, vietnamDay } from "~/utils/format.ts";

// GET /roster/refusals.csv?station=&from=&to=&reason= — the refusal log as a
// spreadsheet (UTF-8 with BOM, Vietnamese header and reasons), same scope and
// filters as /roster/refusals. The export itself is recorded in the audit log.
const vi = (key: MessageKey) => translate("vi", key);

export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "roster:read");
  const { page: _page, ...filters } = parseRefusalSearch(new URL(args.request.url).searchParams);
  if (filters.stationId != null) await stationFor(user.grants, "roster:read", filters.stationId);
  const stations = await stationsInScope(scope);
  const rows = await listRefusals(
    stations.map((s) => s.id),
    filters,
    0,
    REFUSALS_CSV_MAX,
  );
  const now = new Date();
  await getDb().$transaction((tx) =>
    appendAudit(tx, { actorId: user.personId, action: "roster.refusals_export", unitId: user.unitId, data: { format: "csv", rows: rows.length, filters: Object.fromEntries(refusalSearchParams(filters)) } }, now),
  );
  const paths = { PAGE: vi("roster.path.PAGE"), API: vi("roster.path.API"), COPY: vi("roster.path.COPY") };
  const csv = toCsv([
    [
      vi("roster.csv.at"),
      vi("roster.csv.code"),
      vi("roster.csv.name"),
      vi("roster.csv.station"),
      vi("roster.csv.duty"),
      vi("roster.csv.day"),
      vi("roster.csv.start"),
      vi("roster.csv.end"),
      vi("roster.csv.reasons"),
      vi("roster.csv.path"),
      vi("roster.csv.actor"),
    ],
    ...rows.map((r) => [
      formatDateTime(r.at),
      r.employeeCode,
      r.personName,
      r.station,
      r.duty,
      formatDay(dayOf(r.startsAt)),
      clockOf(r.startsAt),
      formatDateTime(r.endsAt),
      r.reasons.map((c) => reasonMessage(c, "vi")).join(" "),
      paths[r.path],
      r.actorName || (r.apiTokenId != null ? `API #${r.apiTokenId}` : ""),
    ]),
  ]);
  const filename = `tu-choi-phan-cong-kt1-${vietnamDay(now).replaceAll("-", "")}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
