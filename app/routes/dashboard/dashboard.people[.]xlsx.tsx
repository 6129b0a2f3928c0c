import type { Route } from "./+types/dashboard.people[.]xlsx";
import { exportDrillDown } from "~/services/dashboard/export.server.ts";
import { forbidden, notFound, requireScope } from "~/utils/auth.server.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { writeWorkbook } from "~/utils/xlsx.server.ts";

// GET /dashboard/people.xlsx?unit=&type=&state=&days=&q= — the same rows as the
// CSV export, as an Excel workbook (app/utils/xlsx.server.ts): dates are real date cells.
export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "people:read");
  const params = new URL(args.request.url).searchParams;
  const now = new Date();
  const t = serverT(args);
  const file = await exportDrillDown(user, scope, params, t, "xlsx", now);
  if (!file.ok) return file.code === "FORBIDDEN" ? forbidden() : notFound();
  const { header, body, filename } = file.value;

  const bytes = await writeWorkbook({ sheetName: t("dashboard.export.sheet"), creator: t("app.name"), created: now, header, body });
  return new Response(bytes, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
    },
  });
}
