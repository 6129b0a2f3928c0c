import { Link, useLocation } from "react-router";
import type { Route } from "./+types/people._index";
import { PeopleFilters, type PeopleFilter } from "~/components/people/people-filters.tsx";
import { Pager, PeopleTable } from "~/components/people/people-table.tsx";
import { can, hasAnywhere } from "~/domain/access/permissions.ts";
import { searchPeople } from "~/services/people-search.server.ts";
import { findUnit, unitsInScope } from "~/services/units.server.ts";
import { forbidden, notFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { formatNumber } from "~/utils/format.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Nhân sự · Học viện KT1" }];

const PAGE_SIZE = 50;

export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "people:read");
  const params = new URL(args.request.url).searchParams;
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  const statusParam = params.get("status") ?? "";
  const status = statusParam === "ACTIVE" || statusParam === "LEFT" ? statusParam : null;
  const unitParam = (params.get("unit") ?? "").trim();
  let unitId: number | null = null;
  if (unitParam !== "") {
    unitId = requireId(unitParam);
    const unit = (await findUnit(unitId)) ?? notFound();
    if (!can(user.grants, "people:read", unit.path)) forbidden();
  }
  const pageParam = Number(params.get("page") ?? "1");
  const [result, units] = await Promise.all([
    searchPeople({
      scope,
      unitId,
      status,
      q,
      page: Number.isSafeInteger(pageParam) && pageParam > 0 ? pageParam : 1,
      pageSize: PAGE_SIZE,
    }),
    unitsInScope(scope),
  ]);
  const filter: PeopleFilter = { q, unit: unitId === null ? "" : String(unitId), status: status ?? "" };
  return {
    ...result,
    filter,
    first: (result.page - 1) * PAGE_SIZE + 1,
    units: units.map(({ id, code, name, depth }) => ({ id, code, name, depth })),
    canCreate: hasAnywhere(user.grants, "people:write"),
    canImport: hasAnywhere(user.grants, "people:import"),
  };
}

export default function People({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const { people, total, page, pages, first, filter } = loaderData;
  const filtered = filter.q !== "" || filter.unit !== "" || filter.status !== "";
  const n = (x: number) => formatNumber(x, locale);
  const caption =
    total === 0 ? t("people.list.none") : t("people.list.range", { from: n(first), to: n(first + people.length - 1), total: n(total) });
  return (
    <div className="stack">
      <div className="spread">
        <h1>{t("people.title")}</h1>
        {loaderData.canCreate || loaderData.canImport ? (
          <div className="row">
            {loaderData.canCreate ? (
              <Link to="/people/new" className="button">
                {t("people.add")}
              </Link>
            ) : null}
            {loaderData.canImport ? (
              <Link to="/people/import" className="button button--secondary">
                {t("people.import")}
              </Link>
            ) : null}
          </div>
        ) : null}
      </div>
      <p className="lead">{t("people.list.intro")}</p>
      <PeopleFilters filter={filter} units={loaderData.units} />
      {people.length === 0 ? (
        <div className="card">
          <p className="empty" role="status">
            {filtered ? t("people.list.emptyFiltered") : t("people.list.empty")}
          </p>
          {filtered ? (
            <p>
              <Link to="/people">{t("people.filter.clear")}</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <section className="card stack" aria-label={t("people.list.heading")}>
          <PeopleTable people={people} caption={caption} />
          <Pager page={page} pages={pages} search={location.search} />
        </section>
      )}
    </div>
  );
}
