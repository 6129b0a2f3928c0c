import { Link } from "react-router";
import type { Route } from "./+types/trainer.sessions.$sessionId";
import { trainingSession } from "~/services/exams/training-sessions.server.ts";
import { notFound, requireScope } from "~/utils/auth.server.ts";
import { formatDate, formatDay } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "training:record");
  const raw = args.params.sessionId;
  const id = Number(raw);
  if (!/^\d{1,10}$/.test(raw ?? "") || id <= 0 || id > 2_147_483_647) notFound();
  const session = await trainingSession(id, user, scope);
  if (!session) notFound();
  const t = serverT(args);
  const saved = new URL(args.request.url).searchParams.get("saved");
  return {
    pageTitle: `${t("training.detail.title", { date: formatDay(session.heldOn) })} · ${t("app.name")}`,
    session,
    saved: saved !== null && /^\d{1,4}$/.test(saved) ? Number(saved) : null,
  };
}

export default function TrainingSessionPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { session, saved } = loaderData;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/trainer/sessions">{t("training.backToList")}</Link>
      </p>
      <h1>{t("training.detail.title", { date: formatDay(session.heldOn) })}</h1>
      {saved !== null ? (
        <p role="status" className="alert alert--ok">
          {t("training.detail.saved", { count: saved })}
        </p>
      ) : null}
      <section className="card">
        <dl className="facts">
          <dt>{t("training.type")}</dt>
          <dd>{session.typeName}</dd>
          <dt>{t("training.heldOn")}</dt>
          <dd>{formatDay(session.heldOn)}</dd>
          <dt>{t("training.place")}</dt>
          <dd className="wrap-anywhere">{session.place}</dd>
          <dt>{t("training.passPercent")}</dt>
          <dd>{session.passPercent}</dd>
          <dt>{t("training.trainer")}</dt>
          <dd>{session.trainer} · {formatDate(session.createdAt)}</dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="attendance-h">
        <h2 id="attendance-h">{t("training.detail.attendance")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("people.employeeCode")}</th>
                <th scope="col">{t("people.fullName")}</th>
                <th scope="col">{t("people.unit")}</th>
                <th scope="col">{t("training.detail.attended")}</th>
                <th scope="col" className="num">{t("training.detail.score")}</th>
                <th scope="col">{t("training.detail.result")}</th>
              </tr>
            </thead>
            <tbody>
              {session.attendance.map((a) => (
                <tr key={a.id}>
                  <td><code>{a.employeeCode}</code></td>
                  <td>{a.fullName}</td>
                  <td>{a.unitName}</td>
                  <td>{a.attended ? t("training.detail.attended") : t("training.detail.absent")}</td>
                  <td className="num">{a.score ?? "—"}</td>
                  <td>
                    {a.certification ? (
                      <Link to={`/certificates/${a.certification.id}`} className="badge badge--ok">
                        {t("training.detail.certifiedAs", { serial: a.certification.serial })}
                      </Link>
                    ) : a.attended ? (
                      <span className="badge badge--muted">{t("training.detail.failed")}</span>
                    ) : (
                      <span className="muted">{t("training.detail.notAttended")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
