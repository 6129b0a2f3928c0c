import { Form, Link } from "react-router";
import type { Route } from "./+types/roster._index";
import { hasAnywhere } from "~/domain/access/permissions.ts";
import { currentMonday } from "~/domain/roster/week.ts";
import { GAP_DAYS, markNotificationRead, rosterOverview } from "~/services/roster/overview.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { parseId } from "~/utils/ids.ts";
import { formatDateTime, formatDay, formatNumber } from "~/utils/format.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Lịch trực KT1 · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "roster:read");
  const now = new Date();
  const overview = await rosterOverview(scope, user.personId, now);
  return {
    ...overview,
    monday: currentMonday(now),
    gapDays: GAP_DAYS,
    canAdmin: hasAnywhere(user.grants, "roster:admin"),
    canAssign: hasAnywhere(user.grants, "roster:assign"),
  };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "roster:read");
  const form = await args.request.formData();
  const id = parseId(form.get("notificationId"));
  if (form.get("intent") === "readAll") await markNotificationRead(user.personId, "all", new Date());
  else if (id !== null) await markNotificationRead(user.personId, id, new Date());
  return redirectWithFlash("/roster", "roster.notifications.marked");
}

export default function RosterHome({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { stations, notifications, monday, gapDays } = loaderData;
  return (
    <div className="stack">
      <h1>{t("roster.title")}</h1>
      <p className="lead">{t("roster.intro")}</p>
      <nav className="row roster-links" aria-label={t("roster.links")}>
        <Link to="/roster/gaps" className="button button--secondary">
          {t("roster.gaps.title")}
        </Link>
        <Link to="/roster/refusals" className="button button--secondary">
          {t("roster.refusals.title")}
        </Link>
        {loaderData.canAssign ? (
          <Link to="/roster/swaps" className="button button--secondary">
            {t("duties.swaps.title")}
          </Link>
        ) : null}
        {loaderData.canAdmin ? (
          <Link to="/roster/admin" className="button button--secondary">
            {t("roster.admin.title")}
          </Link>
        ) : null}
      </nav>

      <section className="card stack" aria-labelledby="notes-h">
        <div className="spread">
          <h2 id="notes-h">{t("roster.notifications.title")}</h2>
          {notifications.length > 1 ? (
            <Form method="post">
              <button type="submit" name="intent" value="readAll" className="button button--secondary">
                {t("roster.notifications.readAll")}
              </button>
            </Form>
          ) : null}
        </div>
        {notifications.length === 0 ? (
          <p className="empty">{t("roster.notifications.none")}</p>
        ) : (
          <ul className="roster-notes">
            {notifications.map((n) => (
              <li key={n.id} className="roster-note">
                <p>
                  <strong>{t("roster.notifications.short", { station: n.station, duty: n.duty })}</strong>
                </p>
                <p>
                  {t("roster.notifications.body", { person: n.person, when: n.startsAt ? formatDateTime(n.startsAt) : "" })}{" "}
                  {n.reason === "CERTIFICATION_REVOKED" ? t("roster.notifications.revoked") : null}
                </p>
                <p className="muted">
                  <small>{t("roster.notifications.at", { at: formatDateTime(n.createdAt) })}</small>
                </p>
                <div className="row">
                  {n.shiftId ? (
                    <Link to={`/roster/shifts/${n.shiftId}`} className="button">
                      {t("roster.notifications.open")}
                    </Link>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="notificationId" value={n.id} />
                    <button type="submit" name="intent" value="read" className="button button--secondary">
                      {t("roster.notifications.read")}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack" aria-labelledby="stations-h">
        <h2 id="stations-h">{t("roster.stations")}</h2>
        <p className="muted">{t("roster.stations.hint", { from: formatDay(monday), days: gapDays })}</p>
        {stations.length === 0 ? (
          <p className="empty">{t("roster.stations.none")}</p>
        ) : (
          <ul className="roster-cards">
            {stations.map((s) => (
              <li key={s.id} className="card roster-card">
                <h3>
                  <Link to={`/roster/stations/${s.id}`}>{s.name}</Link>
                </h3>
                <p className="muted">
                  <small>
                    {s.code} · {s.unitName}
                  </small>
                </p>
                <dl className="facts">
                  <dt>{t("roster.stations.week")}</dt>
                  <dd>{formatNumber(s.weekShifts, locale)}</dd>
                  <dt>{t("roster.stations.short")}</dt>
                  <dd>
                    {s.shortSoon > 0 ? (
                      <span className="badge badge--warn">{formatNumber(s.shortSoon, locale)}</span>
                    ) : (
                      <span className="badge badge--ok">0</span>
                    )}
                  </dd>
                </dl>
                <p>
                  <Link to={`/roster/stations/${s.id}`} className="button">
                    {t("roster.stations.open")}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
