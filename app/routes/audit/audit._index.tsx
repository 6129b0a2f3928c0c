import { Form, Link } from "react-router";
import type { Route } from "./+types/audit._index";
import { DateRangeFilter, FilterSelect, unitTreeOptions } from "~/components/filter-fields.tsx";
import { auditSentence, type SentencePart } from "~/domain/audit/sentences.ts";
import { AUDIT_ACTION_GROUPS, auditActionKey, type AuditActionGroup } from "~/i18n/audit.ts";
import { translate, type Locale, type Translate } from "~/i18n/index.ts";
import {
  AUDIT_CSV_MAX_ROWS,
  auditSearchParams,
  auditUnitOptions,
  listAuditEntries,
  parseAuditSearch,
} from "~/services/audit-log.server.ts";
import { auditRefs } from "~/services/audit-refs.server.ts";
import { requirePermission, requireScope } from "~/utils/auth.server.ts";
import { localeContext } from "~/utils/context.server.ts";
import { formatDateTime, formatNumber, formatsFor } from "~/utils/format.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Nhật ký kiểm toán · Học viện KT1" }];

function actionLabel(locale: Locale, action: string) {
  const key = auditActionKey(action);
  return key ? translate(locale, key) : action;
}

export async function loader(args: Route.LoaderArgs) {
  const { scope } = requireScope(args, "audit:read");
  const locale = args.context.get(localeContext);
  const { before, after, unreadable, ...filters } = parseAuditSearch(new URL(args.request.url).searchParams);
  // A unit typed into the address bar must be one the reader may audit.
  if (filters.unitId != null) await requirePermission(args, "audit:read", filters.unitId);
  const [units, result] = await Promise.all([auditUnitOptions(scope), listAuditEntries({ scope, ...filters, before, after })]);
  const refs = await auditRefs(result.rows, locale);
  const query = auditSearchParams(filters).toString();
  const format = formatsFor(locale);
  return {
    units,
    filters,
    unreadable,
    query,
    filtered: query !== "",
    paged: Boolean(before || after),
    badDates: Boolean(filters.from && filters.to && filters.from > filters.to),
    exportMax: AUDIT_CSV_MAX_ROWS,
    older: result.older,
    newer: result.newer,
    // Sentences are written on the server: the page needs no dictionary of them.
    rows: result.rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      unitName: r.unitName,
      sentence: auditSentence(r, refs, locale, actionLabel(locale, r.action), format),
      raw: JSON.stringify({ action: r.action, actorId: r.actorId, targetType: r.targetType, targetId: r.targetId, data: r.data }, null, 2),
    })),
  };
}

function Sentence({ parts }: { parts: readonly SentencePart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        typeof p === "string" ? (
          p
        ) : p.href ? (
          <Link key={i} to={p.href}>
            {p.text}
          </Link>
        ) : (
          <strong key={i}>{p.text}</strong>
        ),
      )}
    </>
  );
}

/** The action filter: every action, grouped by area; one outside the groups (an old link) kept at the end. */
function ActionSelect({ t, locale, value }: { t: Translate; locale: Locale; value: string | null }) {
  const known = Object.values(AUDIT_ACTION_GROUPS).flat() as string[];
  return (
    <label className="field">
      <span>{t("audit.filter.action")}</span>
      <select name="action" defaultValue={value ?? ""}>
        <option value="">{t("audit.filter.actionAll")}</option>
        {(Object.entries(AUDIT_ACTION_GROUPS) as [AuditActionGroup, readonly string[]][]).map(([group, actions]) => (
          <optgroup key={group} label={t(`audit.group.${group}`)}>
            {actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(locale, a)}
              </option>
            ))}
          </optgroup>
        ))}
        {value && !known.includes(value) ? (
          <optgroup label={t("audit.group.other")}>
            <option value={value}>{actionLabel(locale, value)}</option>
          </optgroup>
        ) : null}
      </select>
    </label>
  );
}

function cursorHref(query: string, key: "before" | "after", id: string) {
  const p = new URLSearchParams(query);
  p.set(key, id);
  return `/audit?${p}`;
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { units, filters, query, rows, older, newer } = loaderData;
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
            <ActionSelect t={t} locale={locale} value={filters.action} />
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
            unreadable={loaderData.unreadable}
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
          <p className="empty">{loaderData.filtered || loaderData.paged ? t("audit.empty") : t("audit.emptyAll")}</p>
        ) : (
          <div className="table-wrap" role="region" tabIndex={0} aria-labelledby="audit-results-h">
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("audit.col.id")}
                  </th>
                  <th scope="col">{t("audit.col.time")}</th>
                  <th scope="col">{t("audit.col.details")}</th>
                  <th scope="col">{t("audit.col.unit")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="num muted">{r.id}</td>
                    <td className="nowrap">
                      <time dateTime={new Date(r.at).toISOString()}>{formatDateTime(r.at)}</time>
                    </td>
                    <td>
                      <p className="audit-sentence" data-action={r.action}>
                        <Sentence parts={r.sentence} />
                      </p>
                      <details className="audit-raw">
                        <summary>{t("audit.raw")}</summary>
                        <pre>{r.raw}</pre>
                      </details>
                    </td>
                    <td>{r.unitName ?? <span className="muted">{t("audit.noUnit")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {older || newer ? (
          <nav className="pager" aria-label={t("audit.pager.label")}>
            {newer ? (
              <Link to={cursorHref(query, "after", newer)} rel="prev">
                {t("audit.pager.newer")}
              </Link>
            ) : loaderData.paged ? (
              <Link to={query ? `/audit?${query}` : "/audit"}>{t("audit.pager.newest")}</Link>
            ) : (
              <span />
            )}
            <span className="muted">
              {rows.length ? t("audit.pager.range", { newest: rows[0].id, oldest: rows[rows.length - 1].id }) : null}
            </span>
            {older ? (
              <Link to={cursorHref(query, "before", older)} rel="next">
                {t("audit.pager.older")}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>

      <p className="muted">
        {chainBefore}
        <code>npm run audit:verify</code>
        {chainAfter}
      </p>
    </div>
  );
}
