import { scopeOf, type Grant } from "~/domain/access/permissions.ts";
import {
  COLUMN_KEYS,
  mapHeader,
  validateStaffRows,
  type ColumnKey,
  type ProblemCode,
  type RowProblem,
  positionKey,
  type StaffRow,
  retiredColumnsOf,
} from "~/domain/staff/import-rows.ts";
import { MAX_IMPORT_ROWS } from "~/domain/staff/spreadsheet-limits.ts";
import { getDb } from "~/utils/db.server.ts";
import { dayOf } from "~/domain/time/calendar.ts";
import { readSpreadsheet } from "~/utils/spreadsheet.server.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { translate, type Locale } from "~/i18n/index.ts";
import { appendAudit, auditedTransaction } from "./audit.server.ts";
import { recomputeObligations } from "./obligations/recompute.server.ts";

// Staff import: all or nothing. Every row is checked first and every problem is
// reported; only a file without a single problem is written, in one transaction
// of a few set-based statements (10,000 rows are one round trip, not 10,000).

export { MAX_IMPORT_ROWS };

/** Problems the pure row rules cannot know about: the file itself, and scope. */
export type ImportOnlyCode =
  | "OUT_OF_SCOPE"
  | "NOT_UTF8"
  | "UNSUPPORTED_FILE"
  | "UNREADABLE_FILE"
  | "CSV_UNCLOSED_QUOTE"
  | "CONCURRENT_CHANGE"
  | "CELL_TOO_LONG"
  | "XLSX_TOO_MANY_PARTS"
  | "XLSX_TOO_LARGE"
  | "XLSX_OVERCOMPRESSED";
export type ImportProblemCode = ProblemCode | ImportOnlyCode;
export type ImportProblem = Omit<RowProblem, "code"> & { code: ImportProblemCode };

/** A problem in the reader's language: "import.problem.<code>" with the column's label and the cell. */
export function formatImportProblem(p: ImportProblem, locale: Locale): string {
  return translate(locale, `import.problem.${p.code}`, { field: columnLabel(p.field, locale), value: p.value ?? "" });
}

/** The label of a column (as in the template's header), or the field as given when it names no column. */
export function columnLabel(field: string | null, locale: Locale): string {
  return field !== null && (COLUMN_KEYS as readonly string[]).includes(field)
    ? translate(locale, `import.column.${field as ColumnKey}`)
    : (field ?? "");
}

/** What an import wrote, or every problem found (refused "invalid": nothing was written). */
export type ImportResult = Result<
  { created: number; updated: number; unchanged: number; total: number; ignoredColumns: string[] },
  "invalid",
  ImportProblem
>;

const FILE_ERRORS = new Set<string>([
  "NOT_UTF8",
  "UNSUPPORTED_FILE",
  "UNREADABLE_FILE",
  "CSV_UNCLOSED_QUOTE",
  "CELL_TOO_LONG",
  "XLSX_TOO_MANY_PARTS",
  "XLSX_TOO_LARGE",
  "XLSX_OVERCOMPRESSED",
]);

export async function importStaff(
  file: { name: string; bytes: Uint8Array },
  actor: { personId: number; grants: readonly Grant[] },
  now: Date,
): Promise<ImportResult> {
  let sheet: Awaited<ReturnType<typeof readSpreadsheet>>;
  try {
    sheet = await readSpreadsheet(file.name, file.bytes, MAX_IMPORT_ROWS);
  } catch (err) {
    if (err instanceof Error && FILE_ERRORS.has(err.message)) {
      const { line, value } = (err.cause ?? {}) as { line?: unknown; value?: unknown };
      const problem: ImportProblem = { line: typeof line === "number" ? line : 1, field: null, code: err.message as ImportOnlyCode };
      return refused("invalid", [typeof value === "string" ? { ...problem, value } : problem]);
    }
    throw err;
  }

  const db = getDb();
  const scope = scopeOf(actor.grants, "people:import");
  const { columns } = mapHeader(sheet.header);
  const cellOf = (cells: string[], k: ColumnKey) => (columns[k] >= 0 ? (cells[columns[k]] ?? "") : "").trim().normalize("NFC");
  const rowsToLookUp = sheet.rows.length <= MAX_IMPORT_ROWS ? sheet.rows : [];
  const fileCodes = [...new Set(rowsToLookUp.map((r) => cellOf(r.cells, "employeeCode").toUpperCase()).filter(Boolean))];
  const fileEmails = [...new Set(rowsToLookUp.map((r) => cellOf(r.cells, "email").toLowerCase()).filter(Boolean))];

  // Units outside the actor's scope are simply not in this list: for the rules
  // they do not exist (UNKNOWN_UNIT), so the file reveals nothing about them.
  const [units, owners, foreign, positions] = await Promise.all([
    db.$queryRaw<{ id: number; code: string }[]>`
      select id, code from units where path && ${scope}::int[]`,
    fileEmails.length === 0
      ? Promise.resolve([])
      : db.$queryRaw<{ email: string; employee_code: string }[]>`
          select email, employee_code from people where email = any(${fileEmails}::text[])`,
    fileCodes.length === 0
      ? Promise.resolve([])
      : db.$queryRaw<{ employee_code: string }[]>`
          select p.employee_code from people p join units u on u.id = p.unit_id
           where p.employee_code = any(${fileCodes}::text[]) and not (u.path && ${scope}::int[])`,
    db.position.findMany({ select: { code: true, name: true, nameEn: true } }),
  ]);
  const unitIds = new Map(units.map((u) => [u.code.toUpperCase(), u.id]));
  const result = validateStaffRows(sheet, {
    unitCodes: new Set(unitIds.keys()),
    emailOwners: new Map(owners.map((o) => [o.email, o.employee_code])),
    today: dayOf(now),
    maxRows: MAX_IMPORT_ROWS,
    positions: new Map(positions.flatMap((p) => [p.nameEn, p.name, p.code].map((k) => [positionKey(k), p.code] as const))),
  });

  const problems: ImportProblem[] = result.ok ? [] : [...(result.reasons ?? [])];
  const fileLevel = problems.some((p) => p.field === null || p.code === "MISSING_COLUMN");
  if (!fileLevel && foreign.length > 0) {
    const foreignCodes = new Set(foreign.map((f) => f.employee_code));
    for (const { line, cells } of sheet.rows) {
      const code = cellOf(cells, "employeeCode").toUpperCase();
      if (foreignCodes.has(code)) problems.push({ line, field: "employeeCode", code: "OUT_OF_SCOPE", value: code });
    }
    problems.sort((a, b) => a.line - b.line); // stable: keeps column order within a line
  }
  if (problems.length > 0 || !result.ok) return refused("invalid", problems);

  const has = {
    email: columns.email >= 0,
    phone: columns.phone >= 0,
    status: columns.status >= 0,
  };
  try {
    const rows = result.value;
    const counts = await writeRows(rows, unitIds, has, scope, actor.personId, file.name, now);
    const ignoredColumns = retiredColumnsOf(sheet.header);
    return ok({ ...counts, unchanged: rows.length - counts.created - counts.updated, total: rows.length, ignoredColumns });
  } catch (err) {
    // A unique email/code taken by someone else between the checks and the write.
    if (isUniqueViolation(err)) return refused("invalid", [{ line: 1, field: null, code: "CONCURRENT_CHANGE" }]);
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${JSON.stringify(err.cause ?? "")} ${JSON.stringify(err)}` : "";
  return /23505|unique constraint/i.test(text);
}

async function writeRows(
  rows: StaffRow[],
  unitIds: Map<string, number>,
  has: { email: boolean; phone: boolean; status: boolean },
  scope: number[],
  actorId: number,
  fileName: string,
  now: Date,
) {
  const col = <T>(pick: (r: StaffRow) => T) => rows.map(pick);
  const codes = col((r) => r.employeeCode);
  const names = col((r) => r.fullName);
  const units = col((r) => unitIds.get(r.unitCode) as number);
  const positions = col((r) => r.position);
  const starts = col((r) => r.workStartedOn);
  const emails = col((r) => r.email);
  const phones = col((r) => r.phone);
  const statuses = col((r) => r.status);
  const leftCodes = rows.filter((r) => r.status === "LEFT").map((r) => r.employeeCode);

  return auditedTransaction(
    async (tx) => {
      // Optional columns missing from the file keep their stored value ("case
      // when has… then excluded… else p…"); a column that is present is the truth,
      // blanks included. The update only fires for rows that really differ, so a
      // re-import touches nothing (updated_at included), and never rows that sit
      // outside the actor's scope, whatever happened since the checks.
      const [counts] = await tx.$queryRaw<{ created: number; updated: number; ids: number[] | null }[]>`
        with input as (
          select t.employee_code, t.full_name, t.unit_id, pos.id as position_id,
                 t.work_started_on::date as work_started_on, t.email, t.phone,
                 t.status::"PersonStatus" as status
            from unnest(${codes}::text[], ${names}::text[], ${units}::int[], ${positions}::text[], ${starts}::text[],
                        ${emails}::text[], ${phones}::text[], ${statuses}::text[])
              as t(employee_code, full_name, unit_id, position, work_started_on, email, phone, status)
            join positions pos on pos.code = t.position
        ), upserted as (
          insert into people as p
                 (employee_code, full_name, unit_id, position_id, position_since, work_started_on, email, phone, status, created_at, updated_at)
          select employee_code, full_name, unit_id, position_id, work_started_on, work_started_on, email, phone, status,
                 ${now}::timestamptz, ${now}::timestamptz
            from input
          on conflict (employee_code) do update set
                 full_name = excluded.full_name,
                 unit_id = excluded.unit_id,
                 position_id = excluded.position_id,
                 -- A new position or unit is taken on the day of the import (decision 043).
                 position_since = case when (p.position_id, p.unit_id) is distinct from (excluded.position_id, excluded.unit_id)
                                       then ${dayOf(now)}::date else p.position_since end,
                 work_started_on = excluded.work_started_on,
                 email = case when ${has.email}::boolean then excluded.email else p.email end,
                 phone = case when ${has.phone}::boolean then excluded.phone else p.phone end,
                 status = case when ${has.status}::boolean then excluded.status else p.status end,
                 updated_at = excluded.updated_at
           where (p.full_name, p.unit_id, p.position_id, p.work_started_on, p.email, p.phone, p.status)
                 is distinct from
                 (excluded.full_name, excluded.unit_id, excluded.position_id, excluded.work_started_on,
                  case when ${has.email}::boolean then excluded.email else p.email end,
                  case when ${has.phone}::boolean then excluded.phone else p.phone end,
                  case when ${has.status}::boolean then excluded.status else p.status end)
             and exists (select 1 from units u where u.id = p.unit_id and u.path && ${scope}::int[])
          returning p.id, p.unit_id, (p.xmax = 0) as inserted
        ), granted as (
          insert into role_grants (person_id, role, unit_id, granted_by_id, created_at)
          select id, 'LEARNER'::"Role", unit_id, ${actorId}::int, ${now}::timestamptz from upserted where inserted
          on conflict (person_id, role, unit_id) do nothing
        )
        select (count(*) filter (where inserted))::int as created,
               (count(*) filter (where not inserted))::int as updated,
               array_agg(id) as ids
          from upserted`;
      await recomputeObligations(tx, counts.ids ?? [], now);

      // People who left can no longer sign in (login refuses them); end the
      // sessions they still hold rather than wait for the next request.
      const sessionsEnded =
        leftCodes.length === 0
          ? 0
          : await tx.$executeRaw`
        delete from sessions s using accounts a, people p
         where s.account_id = a.id and a.person_id = p.id
           and p.status = 'LEFT'::"PersonStatus" and p.employee_code = any(${leftCodes}::text[])`;

      const created = Number(counts.created);
      const updated = Number(counts.updated);
      await appendAudit(
        tx,
        {
          actorId,
          action: "people.import",
          unitId: scope.length === 1 ? scope[0] : null,
          targetType: "file",
          targetId: fileName.slice(0, 255),
          data: {
            fileName,
            total: rows.length,
            created,
            updated,
            unchanged: rows.length - created - updated,
            left: leftCodes.length,
            sessionsEnded,
          },
        },
        now,
      );
      return { created, updated };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
