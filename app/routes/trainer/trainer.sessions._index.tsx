import { Link } from "react-router";
import type { Route } from "./+types/trainer.sessions._index";
import { PendingSessions, SessionStatusBadge } from "~/components/trainer/pending-sessions.tsx";
import { listTrainingSessions, pendingTrainingSessions } from "~/services/exams/training-sessions.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { formatDay } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "training:record");
  const t = serverT(args);
  return {
    pageTitle: `${t("training.title")} · ${t("app.name")}`,
    pending: await pendingTrainingSessions(user, scope),
    sessions: await listTrainingSessions(user, scope),
  };
}

export default function TrainingSessions({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { sessions, pending } = loaderData;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/trainer">{t("training.backToTrainer")}</Link>
      </p>
      <div className="spread">
        <h1>{t("training.title")}</h1>
        <Link className="button" to="/trainer/sessions/new">
          {t("training.new")}
        </Link>
      </div>
      <p className="lead">{t("training.intro")}</p>
      <PendingSessions sessions={pending} />
      {sessions.length === 0 ? (
        <p className="card empty">{t("training.empty")}</p>
      ) : (
        <div className="table-wrap card">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("training.heldOn")}</th>
                <th scope="col">{t("training.type")}</th>
                <th scope="col">{t("training.place")}</th>
                <th scope="col">{t("training.trainer")}</th>
                <th scope="col">{t("training.status")}</th>
                <th scope="col" className="num">
                  {t("training.attendees")}
                </th>
                <th scope="col" className="num">
                  {t("training.certified")}
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td className="nowrap">
                    <Link to={`/trainer/sessions/${s.id}`}>{formatDay(s.heldOn)}</Link>
                  </td>
                  <td>{s.typeName}</td>
                  <td className="wrap-anywhere">{s.place}</td>
                  <td>{s.trainer}</td>
                  <td>
                    <SessionStatusBadge status={s.status} />
                  </td>
                  <td className="num">{t("training.count", { attended: s.attended, total: s.listed })}</td>
                  <td className="num">{s.certified}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
