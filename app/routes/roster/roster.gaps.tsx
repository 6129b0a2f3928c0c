import { Link } from "react-router";
import type { Route } from "./+types/roster.gaps";
import { DayLabel, ShiftTime } from "~/components/roster/roster-bits.tsx";
import { dayOf } from "~/domain/time/calendar.ts";
import { GAP_DAYS, gapsInScope } from "~/services/roster/overview.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { formatNumber } from "~/utils/format.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Ca thiếu người · Lịch trực KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { scope } = requireScope(args, "roster:read");
  const gaps = await gapsInScope(scope, new Date());
  return { gaps: gaps.map((g) => ({ ...g, day: dayOf(g.startsAt) })), gapDays: GAP_DAYS };
}

export default function Gaps({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { gaps } = loaderData;
  const revoked = gaps.filter((g) => g.revoked > 0).length;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/roster">{t("roster.back")}</Link>
      </p>
      <h1>{t("roster.gaps.title")}</h1>
      <p className="lead">{t("roster.gaps.intro", { days: loaderData.gapDays })}</p>
      {gaps.length ? (
        <p>
          {t("roster.gaps.count", { count: formatNumber(gaps.length, locale) })}
          {revoked ? ` ${t("roster.gaps.revokedCount", { count: formatNumber(revoked, locale) })}` : ""}
        </p>
      ) : null}
      {gaps.length === 0 ? (
        <p className="empty">{t("roster.gaps.none")}</p>
      ) : (
        <div className="table-wrap" role="region" tabIndex={0} aria-labelledby="gaps-caption">
          <table className="roster-table">
            <caption id="gaps-caption" className="visually-hidden">
              {t("roster.gaps.title")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("roster.col.station")}</th>
                <th scope="col">{t("roster.col.day")}</th>
                <th scope="col">{t("roster.col.time")}</th>
                <th scope="col">{t("roster.col.duty")}</th>
                <th scope="col" className="num">
                  {t("roster.col.filled")}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t("roster.col.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {gaps.map((g) => (
                <tr key={g.id} className={g.revoked ? "roster-gap--revoked" : undefined}>
                  <td data-label={t("roster.col.station")}>{g.station}</td>
                  <td data-label={t("roster.col.day")}>
                    <DayLabel day={g.day} />
                  </td>
                  <td data-label={t("roster.col.time")}>
                    <ShiftTime startsAt={g.startsAt} endsAt={g.endsAt} />
                  </td>
                  <td data-label={t("roster.col.duty")}>
                    {g.duty}
                    {g.revoked ? (
                      <>
                        {" "}
                        <span className="badge badge--warn">{t("roster.gaps.revoked")}</span>
                      </>
                    ) : null}
                    {g.pair && !g.pairComplete ? (
                      <>
                        {" "}
                        <span className="badge badge--warn">{t("roster.pair.incomplete")}</span>
                      </>
                    ) : null}
                    {g.uncoveredAt ? (
                      <>
                        {" "}
                        <span className="badge badge--warn">{t("roster.pair.uncovered")}</span>{" "}
                        <span className="muted">{g.uncoveredReason}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t("roster.col.filled")} className="num">
                    {t("roster.fill", { active: g.active, headcount: g.headcount })}
                  </td>
                  <td>
                    <Link to={`/roster/shifts/${g.id}`}>
                      {t("roster.shift.open")}
                      <span className="visually-hidden">: {t("roster.gaps.openLabel", { duty: g.duty, station: g.station })}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
