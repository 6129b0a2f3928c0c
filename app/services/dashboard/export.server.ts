import type { Grant } from "~/domain/access/permissions.ts";
import { ok, type Result } from "~/domain/result.ts";
import { dayOf, type Day } from "~/domain/time/calendar.ts";
import type { Translate } from "~/i18n/index.ts";
import type { CsvCell } from "~/utils/csv.ts";
import { formatDay } from "~/utils/format.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { drillDownAll, parseDrillParams, type DrillRow } from "./drill-down.server.ts";
import { certificationTypes, type CertTypeRow, type UnitFilterRefusal } from "./scope.server.ts";

// The drill-down as a file (CSV or Excel share the columns): per type, the
// obligation's status, its due date and the end of cover; the routes only
// encode the table. Dates travel as { day } cells: text dd/mm/yyyy in a CSV,
// real date cells in a workbook (so Excel sorts and filters them as dates).

/** A table cell: a value, or a calendar day. */
export type ExportCell = CsvCell | { day: Day };

/** A cell as CSV text: days as dd/mm/yyyy. */
export function exportText(cell: ExportCell): CsvCell {
  return cell !== null && typeof cell === "object" ? formatDay(cell.day) : cell;
}

export function exportTable(t: Translate, types: CertTypeRow[], rows: DrillRow[]) {
  const header = [
    t("dashboard.col.code"),
    t("dashboard.col.name"),
    t("dashboard.col.unit"),
    t("dashboard.col.position"),
    ...types.flatMap((ty) => [
      t("dashboard.col.typeState", { type: ty.name }),
      t("dashboard.col.typeDue", { type: ty.name }),
      t("dashboard.col.typeUntil", { type: ty.name }),
    ]),
    t("dashboard.col.lastAttempt"),
    t("dashboard.col.lastResult"),
  ];
  const day = (d: string | null): ExportCell => (d ? { day: d } : "");
  const body: ExportCell[][] = rows.map((r) => [
    r.employeeCode,
    r.fullName,
    r.unitName,
    r.position,
    ...types.flatMap((ty) => {
      const s = r.states.find((x) => x.typeId === ty.id);
      if (!s) return ["", "", ""];
      return [s.status ? t(`obligations.status.${s.status}`) : t("dashboard.status.notRequired"), day(s.dueOn), day(s.validUntil)];
    }),
    r.lastAttempt ? day(dayOf(new Date(r.lastAttempt.at))) : "",
    r.lastAttempt ? t(r.lastAttempt.passed ? "dashboard.attempt.passed" : "dashboard.attempt.failed") : "",
  ]);
  return { header, body };
}

export type DrillExport = { header: string[]; body: ExportCell[][]; filename: string };

/**
 * The rows of a CSV or Excel export of the drill-down, with the filters of
 * `params` (refused as the page refuses them). Taking a copy of personal data
 * out of the system is recorded in the audit log first, as the audit-log
 * export does.
 */
export async function exportDrillDown(
  user: { personId: number; unitId: number; grants: readonly Grant[] },
  scope: number[],
  params: URLSearchParams,
  t: Translate,
  format: "csv" | "xlsx",
  now: Date,
): Promise<Result<DrillExport, UnitFilterRefusal>> {
  const types = await certificationTypes();
  const parsed = await parseDrillParams(user.grants, params, types);
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  const rows = await drillDownAll({ scope, unitId: p.unitId, now, typeId: p.type?.id ?? null, status: p.status, q: p.q });
  await auditedTransaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: user.personId,
        action: "dashboard.export",
        unitId: p.unitId ?? user.unitId,
        data: { format, filters: Object.fromEntries(Object.entries(p.search).filter(([, v]) => v !== "")), rows: rows.length },
      },
      now,
    ),
  );
  const table = exportTable(t, p.type ? [p.type] : types, rows);
  return ok({ ...table, filename: `chung-nhan-nhan-su-${dayOf(now).replaceAll("-", "")}.${format}` });
}
