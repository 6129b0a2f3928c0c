import ExcelJS from "exceljs";
import type { Route } from "./+types/dashboard.people[.]xlsx";
import { exportDrillDown } from "~/services/dashboard/export.server.ts";
import { forbidden, notFound, requireScope } from "~/utils/auth.server.ts";
import { serverT } from "~/utils/i18n.server.ts";

// GET /dashboard/people.xlsx?unit=&type=&state=&days=&q= — the same rows as the
// CSV export, as an Excel workbook: bold, frozen header with a filter, columns
// sized to their content.
export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "people:read");
  const params = new URL(args.request.url).searchParams;
  const now = new Date();
  const t = serverT(args);
  const file = await exportDrillDown(user, scope, params, t, "xlsx", now);
  if (!file.ok) return file.code === "FORBIDDEN" ? forbidden() : notFound();
  const { header, body, filename } = file.value;

  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("app.name");
  workbook.created = now;
  const sheet = workbook.addWorksheet(t("dashboard.export.sheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  // Cells are plain values (strings and numbers), never formulas: nothing in them runs.
  for (const row of body) sheet.addRow(row.map((c) => c ?? ""));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  header.forEach((title, i) => {
    const longest = Math.max(title.length, ...body.map((r) => String(r[i] ?? "").length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
  });

  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return new Response(bytes, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
    },
  });
}
