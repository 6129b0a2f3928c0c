import type { Route } from "./+types/dashboard.people[.]csv";
import { exportDrillDown, exportText } from "~/services/dashboard/export.server.ts";
import { forbidden, notFound, requireScope } from "~/utils/auth.server.ts";
import { toCsv } from "~/utils/csv.ts";
import { serverT } from "~/utils/i18n.server.ts";

// GET /dashboard/people.csv?unit=&type=&state=&days=&q= — the drill-down list
// (every page) as CSV: UTF-8 with a byte-order mark, headers in the reader's
// language, same scope and filters as /dashboard/people.
export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "people:read");
  const params = new URL(args.request.url).searchParams;
  const file = await exportDrillDown(user, scope, params, serverT(args), "csv", new Date());
  if (!file.ok) return file.code === "FORBIDDEN" ? forbidden() : notFound();
  const { header, body, filename } = file.value;
  return new Response(toCsv([header, ...body.map((row) => row.map(exportText))]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
