import { Form, Link } from "react-router";
import type { Route } from "./+types/roster.refusals._index";
import { DateRangeFilter, FilterSelect } from "~/components/filter-fields.tsx";
import { Pager, pageHref } from "~/components/pager.tsx";
import { ReasonList, ShiftTime } from "~/components/roster/roster-bits.tsx";
import { ALL_REASON_CODES } from "~/domain/roster/eligibility.ts";
import { dayOf } from "~/domain/time/calendar.ts";
import { reasonKey } from "~/i18n/roster.ts";
import { refusalPage } from "~/services/roster/refusal-log.server.ts";
import { parseRefusalSearch, REFUSALS_CSV_MAX, REFUSALS_PAGE_SIZE, refusalSearchParams } from "~/services/roster/refusal-search.ts";
import { requireStation } from "~/services/roster/stations.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { formatDateTime, formatDay, formatNumber } from "~/utils/format.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Nhật ký từ chối phân công · Lịch trực KT1" }];

const PATH_KEYS = { PAGE: "roster.path.PAGE", API: "roster.path.API", COPY: "roster.path.COPY" } as const;

export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "roster:read");
  const { page, unreadable, ...filters } = parseRefusalSearch(new URL(args.request.url).searchParams);
  // A station typed into the address bar must be one the reader may see.
  if (filters.stationId != null) await requireStation(user.grants, "roster:read", filters.stationId);
  const { stations, rows } = await refusalPage(scope, filters, (page - 1) * REFUSALS_PAGE_SIZE, REFUSALS_PAGE_SIZE + 1);
  const query = refusalSearchParams(filters).toString();
  return {
    stations,
    filters,
    unreadable,
    query,
    page,
    rows: rows.slice(0, REFUSALS_PAGE_SIZE).map((r) => ({ ...r, day: dayOf(r.startsAt) })),
    hasNext: rows.length > REFUSALS_PAGE_SIZE,
    badDates: Boolean(filters.from && filters.to && filters.from > filters.to),
    pageSize: REFUSALS_PAGE_SIZE,
    exportMax: REFUSALS_CSV_MAX,
  };
}

export default function Refusals({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { stations, filters, query, rows, page, hasNext } = loaderData;
  const first = (page - 1) * loaderData.pageSize + 1;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/roster">{t("roster.back")}</Link>
      </p>
      <h1>{t("roster.refusals.title")}</h1>
      <p className="lead">{t("roster.refusals.intro")}</p>

      <section className="card" aria-labelledby="filters-h">
        <h2 id="filters-h">{t("roster.refusals.filters")}</h2>
        <Form method="get" action="/roster/refusals" className="stack" key={query}>
          <div className="row">
            <FilterSelect
              label={t("roster.col.station")}
              name="station"
              value={filters.stationId}
              allLabel={t("roster.refusals.allStations")}
              options={stations.map((s) => ({ value: s.id, label: s.name }))}
            />
            <FilterSelect
              label={t("roster.col.reasons")}
              name="reason"
              value={filters.reason}
              allLabel={t("roster.refusals.allReasons")}
              options={ALL_REASON_CODES.map((c) => ({ value: c, label: t(reasonKey(c)) }))}
            />
          </div>
          <DateRangeFilter
            from={filters.from}
            to={filters.to}
            text={{
              from: t("roster.refusals.from"),
              to: t("roster.refusals.to"),
              submit: t("roster.refusals.filter"),
              reset: t("roster.refusals.reset"),
              hint: t("roster.refusals.dateHint"),
            }}
            resetTo={query ? "/roster/refusals" : null}
            unreadable={loaderData.unreadable}
          />
        </Form>
      </section>

      <section className="card stack" aria-labelledby="results-h">
        <div className="spread">
          <h2 id="results-h">{t("roster.refusals.results")}</h2>
          <a className="button button--secondary" href={query ? `/roster/refusals.csv?${query}` : "/roster/refusals.csv"} download>
            {t("roster.refusals.export")}
          </a>
        </div>
        <p className="muted">{t("roster.refusals.exportHint", { max: formatNumber(loaderData.exportMax, locale) })}</p>
        {loaderData.badDates ? <p className="alert alert--info">{t("roster.refusals.badDates")}</p> : null}
        {rows.length === 0 ? (
          <p className="empty">{t("roster.refusals.none")}</p>
        ) : (
          <ul className="roster-list roster-refusal-log">
            {rows.map((r) => (
              <li key={r.id} className="roster-person roster-person--refused">
                <div className="roster-person__who">
                  <p>
                    <strong>{r.personName || r.employeeCode}</strong> <span className="muted">({r.employeeCode})</span>
                  </p>
                  <p>
                    {r.duty} · {r.station} · {formatDay(r.day)} <ShiftTime startsAt={r.startsAt} endsAt={r.endsAt} />
                  </p>
                  <ReasonList codes={r.reasons} />
                  <p className="muted">
                    <small>
                      {t("roster.refusals.when", { at: formatDateTime(r.at) })} · {t(PATH_KEYS[r.path])}
                      {r.actorName ? ` · ${t("roster.refusals.by", { name: r.actorName })}` : ""}
                      {r.apiTokenId != null ? ` · ${t("roster.refusals.token", { id: r.apiTokenId })}` : ""}
                    </small>
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
        <Pager
          page={page}
          hasNext={hasNext}
          hrefFor={(n) => pageHref("/roster/refusals", query, n)}
          label={t("roster.refusals.pager")}
          prev={t("roster.refusals.prev")}
          next={t("roster.refusals.next")}
          status={rows.length ? t("roster.refusals.range", { from: first, to: first + rows.length - 1 }) : null}
        />
      </section>
    </div>
  );
}
