import type { Route } from "./+types/roster.refusals[.]csv";
import { dayOf, timeOf } from "~/domain/time/calendar.ts";
import { translate, type MessageKey } from "~/i18n/index.ts";
import { reasonKey } from "~/i18n/roster.ts";
import { exportRefusals } from "~/services/roster/refusal-log.server.ts";
import { parseRefusalSearch } from "~/services/roster/refusal-search.ts";
import { requireStation } from "~/services/roster/stations.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { toCsv } from "~/utils/csv.ts";
import { formatDateTime, formatDay } from "~/utils/format.ts";

// GET /roster/refusals.csv?station=&from=&to=&reason= — the refusal log as a
// spreadsheet (UTF-8 with BOM, Vietnamese header and reasons), same scope and
// filters as /roster/refusals. The export itself is recorded in the audit log.
const vi = (key: MessageKey) => translate("vi", key);

export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "roster:read");
  const { page: _page, unreadable: _unreadable, ...filters } = parseRefusalSearch(new URL(args.request.url).searchParams);
  if (filters.stationId != null) await requireStation(user.grants, "roster:read", filters.stationId);
  const now = new Date();
  const rows = await exportRefusals(user, scope, filters, now);
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
      timeOf(r.startsAt),
      formatDateTime(r.endsAt),
      r.reasons.map((c) => vi(reasonKey(c))).join(" "),
      paths[r.path],
      r.actorName || (r.apiTokenId != null ? `API #${r.apiTokenId}` : ""),
    ]),
  ]);
  const filename = `tu-choi-phan-cong-kt1-${dayOf(now).replaceAll("-", "")}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
