import { useState } from "react";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/people.import";
import { ImportProblems } from "~/components/import-problems.tsx";
import type { ColumnKey } from "~/domain/staff/import-rows.ts";
import { translate, type Locale } from "~/i18n/index.ts";
import { columnLabel, formatImportProblem, importStaff, MAX_IMPORT_ROWS } from "~/services/staff-import.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { localeContext } from "~/utils/context.server.ts";
import { MB, UPLOAD_FILE_BYTES } from "~/utils/request-limits.ts";
import { formatNumber } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Nhập danh sách nhân sự · Học viện KT1" }];

// The HTTP layer refuses a larger body before this route runs (decision 030).
const MAX_FILE_BYTES = UPLOAD_FILE_BYTES;
const MAX_MB = MAX_FILE_BYTES / MB;

/** Columns in template order, with their English header and whether they are required. */
const COLUMNS: { key: ColumnKey; en: string; required: boolean }[] = [
  { key: "employeeCode", en: "employee_code", required: true },
  { key: "fullName", en: "full_name", required: true },
  { key: "unitCode", en: "unit_code", required: true },
  { key: "position", en: "position", required: true },
  { key: "workStartedOn", en: "work_started_on", required: true },
  { key: "email", en: "email", required: false },
  { key: "phone", en: "phone", required: false },
  { key: "status", en: "status", required: false },
];

export function loader(args: Route.LoaderArgs) {
  requireScope(args, "people:import");
  return { maxMb: MAX_MB, maxRows: MAX_IMPORT_ROWS };
}

// Problems whose `value` is a limit, shown in the reason rather than as the cell's value.
const LIMIT_CODES = new Set<string>([
  "TOO_LONG",
  "TOO_MANY_ROWS",
  "CELL_TOO_LONG",
  "XLSX_TOO_MANY_PARTS",
  "XLSX_TOO_LARGE",
  "XLSX_OVERCOMPRESSED",
]);

type ProblemRow = { line: number; column: string; value: string; reason: string };
type ActionResult =
  | { ok: true; fileName: string; created: number; updated: number; unchanged: number; total: number; ignoredColumns: string[] }
  | { ok: false; fileName: string | null; error: string | null; problems: ProblemRow[] };

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "people:import");
  const t = serverT(args);
  const locale = args.context.get(localeContext);
  const fail = (status: number, error: string, fileName: string | null = null) =>
    data<ActionResult>({ ok: false, fileName, error, problems: [] }, { status });

  let form: FormData;
  try {
    form = await args.request.formData();
  } catch {
    return fail(400, t("import.noFile"));
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.name === "") return fail(400, t("import.noFile"));
  if (file.size > MAX_FILE_BYTES) return fail(413, t("import.tooLarge", { mb: MAX_MB }), file.name);
  if (file.size === 0) return fail(400, t("import.emptyUpload"), file.name);

  const result = await importStaff(
    { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
    { personId: user.personId, grants: user.grants },
    new Date(),
  );
  if (result.ok) return data<ActionResult>({ ok: true, ...result.value, fileName: file.name });
  const problems = (result.reasons ?? []).map((p) => ({
    line: p.line,
    column: columnLabel(p.field, locale),
    value: LIMIT_CODES.has(p.code) ? "" : (p.value ?? ""), // there `value` is the limit
    reason: formatImportProblem(p, locale),
  }));
  return data<ActionResult>({ ok: false, fileName: file.name, error: null, problems }, { status: 400 });
}

function formatBytes(bytes: number, locale: Locale): string {
  if (bytes < 1024) return `${formatNumber(bytes, locale)} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${formatNumber(Math.round(kb * 10) / 10, locale)} KB`;
  return `${formatNumber(Math.round((kb / 1024) * 10) / 10, locale)} MB`;
}

/** The file input, plus the chosen file's name and size once JavaScript has loaded. */
function FileField({ maxMb, onPick }: { maxMb: number; onPick: (f: { name: string; size: number } | null) => void }) {
  const t = useT();
  const locale = useLocale();
  const [picked, setPicked] = useState<{ name: string; size: number } | null>(null);
  const tooBig = picked !== null && picked.size > maxMb * 1024 * 1024;
  return (
    <label className="field">
      <span>{t("import.file")}</span>
      <input
        type="file"
        name="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        required
        aria-describedby="import-file-hint"
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          const next = f ? { name: f.name, size: f.size } : null;
          setPicked(next);
          onPick(next);
        }}
      />
      <small id="import-file-hint">
        {picked ? t("import.chosen", { name: picked.name, size: formatBytes(picked.size, locale) }) + " · " : null}
        {t("import.fileHint", { mb: maxMb })}
      </small>
      {tooBig ? (
        <p className="field-error" role="alert">
          {t("import.tooLarge", { mb: maxMb })}
        </p>
      ) : null}
    </label>
  );
}

export default function PeopleImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [picked, setPicked] = useState<{ name: string; size: number } | null>(null);
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST" && navigation.formAction === "/people/import";
  const submitted = navigation.formData?.get("file");
  const sending = submitted instanceof File && submitted.name !== "" ? { name: submitted.name, size: submitted.size } : picked;
  const n = (v: number) => formatNumber(v, locale);

  return (
    <div className="stack">
      <h1>{t("import.title")}</h1>
      <p className="lead">{t("import.intro")}</p>

      {!busy && actionData?.ok ? (
        <p role="status" className="alert alert--ok">
          {t("import.success", {
            file: actionData.fileName,
            total: n(actionData.total),
            created: n(actionData.created),
            updated: n(actionData.updated),
            unchanged: n(actionData.unchanged),
          })}
        </p>
      ) : null}
      {!busy && actionData?.ok && actionData.ignoredColumns.length > 0 ? (
        <p role="status" className="alert alert--info">
          {t("import.commitmentColumnIgnored", { columns: actionData.ignoredColumns.join(", ") })}
        </p>
      ) : null}
      {!busy && actionData && !actionData.ok && actionData.error ? (
        <p role="alert" className="alert alert--error">
          {actionData.error}
        </p>
      ) : null}
      {!busy && actionData && !actionData.ok ? (
        <ImportProblems
          problems={actionData.problems}
          title={t("import.failed", { count: n(actionData.problems.length) })}
          hint={t("import.failedHint", { file: actionData.fileName ?? "" })}
          caption={t("import.problemsCaption")}
          lineLabel={t("import.line")}
          columns={[
            { label: t("import.column"), cell: (p) => p.column },
            { label: t("import.value"), cell: (p) => (p.value === "" ? null : <code>{p.value}</code>) },
            { label: t("import.reason"), cell: (p) => p.reason },
          ]}
        />
      ) : null}

      <section className="card">
        <Form method="post" encType="multipart/form-data" className="stack" aria-busy={busy}>
          <FileField maxMb={loaderData.maxMb} onPick={setPicked} />
          {busy ? (
            <div className="stack" role="status">
              <progress aria-label={t("import.progress")} />
              <p className="muted">
                {t("import.progress")}
                {sending ? ` ${t("import.chosen", { name: sending.name, size: formatBytes(sending.size, locale) })}` : null}
              </p>
            </div>
          ) : null}
          <div className="row">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("import.submitting") : t("import.submit")}
            </button>
            <a className="button button--secondary" href="/people/import/template.csv" download>
              {t("import.template")}
            </a>
          </div>
          <p className="muted">{t("import.templateHint")}</p>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="import-format">
        <h2 id="import-format">{t("import.formatsTitle")}</h2>
        <ul>
          <li>{t("import.formatCsv")}</li>
          <li>{t("import.formatXlsx")}</li>
          <li>{t("import.formatHeader")}</li>
          <li>{t("import.formatDate")}</li>
          <li>{t("import.formatStatus")}</li>
          <li>{t("import.formatPosition")}</li>
          <li>{t("import.formatPhone")}</li>
          <li>{t("import.formatMissing")}</li>
          <li>{t("import.formatCommitment")}</li>
          <li>{t("import.formatLimits", { rows: n(loaderData.maxRows), mb: loaderData.maxMb })}</li>
        </ul>
        <h3 id="import-columns-h">{t("import.columnsTitle")}</h3>
        <div className="table-wrap" role="region" aria-labelledby="import-columns-h" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("import.colVi")}</th>
                <th scope="col">{t("import.colEn")}</th>
                <th scope="col">{t("import.colRequired")}</th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map((c) => (
                <tr key={c.key}>
                  <td>{translate("vi", `import.column.${c.key}`)}</td>
                  <td>
                    <code>{c.en}</code>
                  </td>
                  <td>{c.required ? <strong>{t("import.yes")}</strong> : t("import.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
