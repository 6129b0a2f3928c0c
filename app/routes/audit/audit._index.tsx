import { Form } from "react-router";
import type { Route } from "./+types/audit._index";
import { DateRangeFilter, FilterSelect, unitTreeOptions } from "~/components/filter-fields.tsx";
import { Pager, pageHref } from "~/components/pager.tsx";
import { ROLES } from "~/domain/access/permissions.ts";
import { AUDIT_ACTIONS, auditActionKey, auditLabelKey } from "~/i18n/audit.ts";
import type { Translate } from "~/i18n/index.ts";
import {
  AUDIT_CSV_MAX_ROWS,
  auditSearchParams,
  auditUnitOptions,
  listAuditEntries,
  parseAuditSearch,
} from "~/services/audit-log.server.ts";
import { requirePermission, requireScope } from "~/utils/auth.server.ts";
import { formatDateTime, formatNumber } from "~/utils/format.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Nhật ký kiểm toán · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { scope } = requireScope(args, "audit:read");
  const { page, ...filters } = parseAuditSearch(new URL(args.request.url).searchParams);
  // A unit typed into the address bar must be one the reader may audit.
  if (filters.unitId != null) await requirePermission(args, "audit:read", filters.unitId);
  const [units, result] = await Promise.all([auditUnitOptions(scope), listAuditEntries({ scope, ...filters, page })]);
  const query = auditSearchParams(filters).toString();
  return {
    units,
    filters,
    query,
    filtered: query !== "",
    badDates: Boolean(filters.from && filters.to && filters.from > filters.to),
    exportMax: AUDIT_CSV_MAX_ROWS,
    ...result,
  };
}

type Loaded = Route.ComponentProps["loaderData"];
type Row = Loaded["rows"][number];

function actionLabel(t: Translate, action: string) {
  const key = auditActionKey(action);
  return key ? t(key) : action;
}

function targetText(t: Translate, row: Row) {
  if (row.targetLabel) return row.targetLabel;
  if (!row.targetType && !row.targetId) return "";
  const key = row.targetType ? auditLabelKey("target", row.targetType) : null;
  const type = key ? t(key) : (row.targetType ?? "");
  return row.targetId ? `${type} #${row.targetId}` : type;
}

function valueText(t: Translate, name: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (name === "role" && typeof value === "string" && (ROLES as readonly string[]).includes(value)) {
    return t(`role.${value}` as Parameters<Translate>[0]);
  }
  if (name === "action" && typeof value === "string") return actionLabel(t, value);
  if (Array.isArray(value)) return value.map((v) => valueText(t, name, v)).join(", ");
  if (typeof value === "object") return `(${summarise(t, value)})`;
  return String(value);
}

/** `data` as "Label: value; ..." with known field names translated. */
function summarise(t: Translate, data: unknown): string {
  if (data === null || data === undefined) return "";
  if (typeof data !== "object" || Array.isArray(data)) return valueText(t, "", data);
  return Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "" && !(typeof v === "object" && Object.keys(v).length === 0))
    .map(([k, v]) => {
      const key = auditLabelKey("data", k);
      return `${key ? t(key) : k}: ${valueText(t, k, v)}`;
    })
    .join("; ");
}

const MAX_DETAILS = 240;

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { units, filters, query, rows, page, pageSize, hasNext } = loaderData;
  const actions: string[] = [...AUDIT_ACTIONS];
  if (filters.action && !actions.includes(filters.action)) actions.push(filters.action);
  const first = (page - 1) * pageSize + 1;
  const [chainBefore, chainAfter] = t("audit.chain", { command: "\u0000" }).split("\u0000");

  return (
    <div className="stack">
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>

      <section className="card" aria-labelledby="audit-filters-h">
        <h2 id="audit-filters-h">{t("audit.filters")}</h2>
        {/* A plain GET form: works without JavaScript, and the URL can be bookmarked. */}
        <Form method="get" action="/audit" className="stack" key={query}>
          <div className="row">
            <FilterSelect
              label={t("audit.filter.unit")}
              name="unit"
              value={filters.unitId}
              allLabel={t("audit.filter.unitAll")}
              options={unitTreeOptions(units)}
              hint={{ id: "audit-unit-hint", text: t("audit.filter.unitHint") }}
            />
            <label className="field">
              <span>{t("audit.filter.actor")}</span>
              <input
                type="search"
                name="actor"
                defaultValue={filters.actor ?? ""}
                maxLength={100}
                autoComplete="off"
                aria-describedby="audit-actor-hint"
              />
              <small id="audit-actor-hint">{t("audit.filter.actorHint")}</small>
            </label>
            <FilterSelect
              label={t("audit.filter.action")}
              name="action"
              value={filters.action}
              allLabel={t("audit.filter.actionAll")}
              options={actions.map((a) => ({ value: a, label: actionLabel(t, a) }))}
            />
          </div>
          <DateRangeFilter
            from={filters.from}
            to={filters.to}
            text={{
              from: t("audit.filter.from"),
              to: t("audit.filter.to"),
              submit: t("audit.filter.submit"),
              reset: t("audit.filter.reset"),
              hint: t("audit.filter.dateHint"),
            }}
            resetTo={loaderData.filtered ? "/audit" : null}
            hintId="audit-date-hint"
          />
        </Form>
      </section>

      <section className="card stack" aria-labelledby="audit-results-h">
        <div className="spread">
          <h2 id="audit-results-h">{t("audit.results")}</h2>
          {/* A document link, not client navigation: the answer is a file download. */}
          <a className="button button--secondary" href={query ? `/audit.csv?${query}` : "/audit.csv"} download>
            {t("audit.export")}
          </a>
        </div>
        <p className="muted">{t("audit.exportHint", { max: formatNumber(loaderData.exportMax, locale) })}</p>
        {loaderData.badDates ? <p className="alert alert--info">{t("audit.filter.badDates")}</p> : null}

        {rows.length === 0 ? (
          <p className="empty">{loaderData.filtered || page > 1 ? t("audit.empty") : t("audit.emptyAll")}</p>
        ) : (
          <div className="table-wrap" role="region" tabIndex={0} aria-labelledby="audit-results-h">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("audit.col.id")}
                  </th>
                  <th scope="col">{t("audit.col.time")}</th>
                  <th scope="col">{t("audit.col.actor")}</th>
                  <th scope="col">{t("audit.col.action")}</th>
                  <th scope="col">{t("audit.col.unit")}</th>
                  <th scope="col">{t("audit.col.target")}</th>
                  <th scope="col">{t("audit.col.details")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const details = summarise(t, r.data);
                  return (
                    <tr key={r.id}>
                      <td className="num muted">{r.id}</td>
                      <td className="nowrap">
                        <time dateTime={new Date(r.at).toISOString()}>{formatDateTime(r.at)}</time>
                      </td>
                      <td>
                        {r.actorName ? (
                          <>
                            {r.actorName}
                            {r.actorCode ? (
                              <div className="muted">
                                <small>{r.actorCode}</small>
                              </div>
                            ) : null}
                          </>
                        ) : r.actorId != null ? (
                          `#${r.actorId}`
                        ) : (
                          // No actor: a failed login by someone unknown, or the system itself (seeding, jobs).
                          <span className="muted">{t(r.action === "auth.login_failed" ? "audit.noActor" : "audit.system")}</span>
                        )}
                      </td>
                      <td>
                        {auditActionKey(r.action) ? <span title={r.action}>{actionLabel(t, r.action)}</span> : <code>{r.action}</code>}
                      </td>
                      <td>{r.unitName ?? <span className="muted">{t("audit.noUnit")}</span>}</td>
                      <td>{targetText(t, r)}</td>
                      <td className="wrap-anywhere">
                        {details.length > MAX_DETAILS ? <span title={details}>{details.slice(0, MAX_DETAILS - 1)}…</span> : details}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}

        <Pager
          page={page}
          hasNext={hasNext}
          hrefFor={(n) => pageHref("/audit", query, n)}
          label={t("audit.pager.label")}
          prev={t("audit.pager.prev")}
          next={t("audit.pager.next")}
          status={rows.length ? t("audit.pager.status", { page, from: first, to: first + rows.length - 1 }) : null}
        />
      </section>

      <p className="muted">
        {chainBefore}
        <code>npm run audit:verify</code>
        {chainAfter}
      </p>
    </div>
  );
}
