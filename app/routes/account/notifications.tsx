import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/notifications";
import { useBusy } from "~/components/people/form-field.tsx";
import { dayOf } from "~/domain/time/calendar.ts";
import { dmy } from "~/domain/reminders/messages.ts";
import { reasonKeyOf, vnDateTime } from "~/domain/roster/duty-notice.ts";
import { daysLeft } from "~/domain/reminders/thresholds.ts";
import type { Translate } from "~/i18n/index.ts";
import { listNotifications, markAllRead, markRead, type NotificationView } from "~/services/notifications.server.ts";
import { notFound, requireUser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { parseId } from "~/utils/ids.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Thông báo · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const { items, total } = await listNotifications(user.personId);
  return { items, total, unread: items.filter((n) => !n.read).length, today: dayOf(new Date()) };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const form = await args.request.formData();
  const now = new Date();
  switch (String(form.get("intent") ?? "")) {
    case "read": {
      const id = parseId(form.get("id")) ?? notFound();
      if (!(await markRead(user.personId, id, now)).ok) notFound();
      break;
    }
    case "readAll":
      await markAllRead(user.personId, now);
      break;
    default:
      throw new Response("Bad Request", { status: 400 });
  }
  return redirect("/notifications");
}

function describe(n: NotificationView, t: Translate, today: string) {
  switch (n.kind) {
    case "CERTIFICATION_EXPIRING": {
      const left = daysLeft(today, n.validUntil);
      const lines = [left > 0 ? t("notif.cert.daysLeft", { days: left }) : left === 0 ? t("notif.cert.lastDay") : t("notif.cert.expired")];
      if (n.requestedBy) lines.push(t("notif.cert.requestedBy", { name: n.requestedBy }));
      return {
        title: t(`notif.cert.${n.role}.title`, { type: n.type, person: n.person, unit: n.unit, date: dmy(n.validUntil) }),
        lines,
        link:
          n.role === "HOLDER"
            ? { to: "/exams", label: t("notif.cert.HOLDER.action") }
            : { to: `/people/${n.personId}`, label: t("notif.cert.MANAGER.action", { person: n.person }) },
      };
    }
    case "ROSTER_SHIFT_SHORT": {
      const lines = [t("notif.roster.body", { person: n.person, startsAt: formatDateTime(n.startsAt) })];
      if (n.reason === "CERTIFICATION_REVOKED") lines.push(t("notif.roster.reason.CERTIFICATION_REVOKED"));
      return { title: t("notif.roster.title", { duty: n.duty, station: n.station }), lines, link: null };
    }
    case "OBLIGATION_DUE":
      return {
        title: t(`notif.obligation.${n.notice}.title`, { type: n.type, date: dmy(n.dueOn) }),
        lines: [],
        link: { to: "/learn", label: t("notif.obligation.person.action") },
      };
    case "OBLIGATION_OVERDUE":
      return {
        title: t("notif.obligation.OVERDUE.title", { person: n.person, unit: n.unit, type: n.type, date: dmy(n.dueOn) }),
        lines: [t(`obligations.status.${n.status}`), t("notif.obligation.OVERDUE.again")],
        link: { to: `/people/${n.personId}`, label: t("notif.obligation.OVERDUE.action", { person: n.person }) },
      };
    case "OBLIGATION_DIGEST": {
      const c = n.counts;
      const lacking = (c.OVERDUE ?? 0) + (c.EXPIRED ?? 0) + (c.REVOKED ?? 0);
      const lines = [
        t("notif.obligation.DIGEST.counts", {
          COMPLIANT: c.COMPLIANT ?? 0,
          EXPIRING: c.EXPIRING ?? 0,
          DUE: c.DUE ?? 0,
          OVERDUE: c.OVERDUE ?? 0,
          EXPIRED: c.EXPIRED ?? 0,
          REVOKED: c.REVOKED ?? 0,
        }),
        ...n.listed.map((l) =>
          t("mail.escalation.DIGEST.line", {
            person: l.person,
            unit: l.unit,
            type: l.type,
            status: t(`obligations.status.${l.status}`),
            date: l.dueOn ? dmy(l.dueOn) : "—",
          }),
        ),
      ];
      if (n.unlisted > 0) lines.push(t("mail.escalation.DIGEST.more", { count: n.unlisted }));
      return {
        title: t("notif.obligation.DIGEST.title", { from: dmy(n.weekOf), lacking, soon: n.dueSoon }),
        lines,
        link: { to: "/dashboard", label: t("notif.obligation.DIGEST.action") },
      };
    }
    case "DUTY_CHANGE": {
      const lines = [t("notif.duty.when", { start: vnDateTime(n.startsAt), end: vnDateTime(n.endsAt) })];
      if (n.change === "CANCELLED" && n.reason) {
        const key = reasonKeyOf(n.reason);
        lines.push(t("notif.duty.reason", { reason: key ? t(key) : n.reason }));
      }
      return {
        title: t(`notif.duty.${n.change}`, { duty: n.duty, station: n.station }),
        lines,
        link: { to: "/duties", label: t("notif.duty.open") },
      };
    }
    default:
      return { title: t("notif.other.title", { kind: n.rawKind }), lines: [], link: null };
  }
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const busyAll = useBusy("readAll");
  const { items, total, unread, today } = loaderData;
  return (
    <div className="stack">
      <div className="spread">
        <h1>{t("notif.title")}</h1>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <button type="submit" className="button button--secondary" disabled={busyAll}>
              {t("notif.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      <p className="lead">{t("notif.intro")}</p>
      {unread > 0 ? <p role="status">{t("notif.unreadCount", { count: unread })}</p> : null}
      {items.length === 0 ? (
        <p className="empty">{t("notif.empty")}</p>
      ) : (
        <ul className="notification-list" aria-label={t("notif.title")}>
          {items.map((n) => {
            const d = describe(n, t, today);
            return (
              <li key={n.id} className={`card stack notification${n.read ? "" : " notification--unread"}`} aria-label={d.title}>
                <div className="spread">
                  <h2>
                    {n.read ? null : <span className="badge badge--warn">{t("notif.unread")}</span>} {d.title}
                  </h2>
                  <time dateTime={n.createdAt} className="muted nowrap">
                    {formatDateTime(n.createdAt)}
                  </time>
                </div>
                {d.lines.map((line) => (
                  <p key={line}>{line}</p>
                ))}
                <div className="row">
                  {d.link ? <Link to={d.link.to}>{d.link.label}</Link> : null}
                  {n.read ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="read" />
                      <input type="hidden" name="id" value={n.id} />
                      <button type="submit" className="button-link" aria-label={t("notif.markReadLabel", { title: d.title })}>
                        {t("notif.markRead")}
                      </button>
                    </Form>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {total > items.length ? <p className="muted">{t("notif.more", { shown: items.length, total })}</p> : null}
    </div>
  );
}
