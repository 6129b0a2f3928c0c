import { data, Link } from "react-router";
import type { Route } from "./+types/trainer.sessions.$sessionId";
import { DecideSession, refusalText, SessionLines, SessionStatusBadge } from "~/components/trainer/pending-sessions.tsx";
import { decideTrainingSession, trainingSession } from "~/services/exams/training-sessions.server.ts";
import { notFound, requireFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formatDate, formatDay } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { user, scope } = requireScope(args, "training:record");
  // Out of the reader's scope is not found, like a missing one (trainingSession answers null for both).
  const session = requireFound(await trainingSession(requireId(args.params.sessionId), user, scope), () => true);
  const t = serverT(args);
  return {
    pageTitle: `${t("training.detail.title", { date: formatDay(session.heldOn) })} · ${t("app.name")}`,
    session,
  };
}

/** A second person confirms the session (issuing its certifications) or rejects it with a reason. */
export async function action(args: Route.ActionArgs) {
  const { user, scope } = requireScope(args, "training:record");
  const id = requireId(args.params.sessionId);
  const form = await args.request.formData();
  const intent = form.get("intent");
  const reason = form.get("reason");
  if (intent !== "confirm" && intent !== "reject") return data({ error: serverT(args)("training.refusal.reason") }, { status: 400 });
  const decision =
    intent === "confirm" ? { kind: "confirm" as const } : { kind: "reject" as const, reason: typeof reason === "string" ? reason : "" };
  const result = await decideTrainingSession(id, decision, user, scope, new Date());
  if (!result.ok) {
    if (result.code === "NOT_FOUND") notFound();
    const t = serverT(args);
    const reasons = result.reasons ?? [];
    return data(
      { error: reasons.map((r) => refusalText(t, r)).join(" ") },
      { status: reasons.includes("reason") && reasons.length === 1 ? 400 : 403 },
    );
  }
  if (result.value.status === "REJECTED") return redirectWithFlash(`/trainer/sessions/${id}`, "training.decide.rejected");
  return redirectWithFlash(`/trainer/sessions/${id}`, "training.decide.confirmed", { count: result.value.certified });
}

export default function TrainingSessionPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { session } = loaderData;
  const toCertify = session.attendance.filter((a) => a.passes).length;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/trainer/sessions">{t("training.backToList")}</Link>
      </p>
      <h1>{t("training.detail.title", { date: formatDay(session.heldOn) })}</h1>
      <section className="card">
        <dl className="facts">
          <dt>{t("training.status")}</dt>
          <dd>
            <SessionStatusBadge status={session.status} />
          </dd>
          <dt>{t("training.type")}</dt>
          <dd>{session.typeName}</dd>
          <dt>{t("training.heldOn")}</dt>
          <dd>{formatDay(session.heldOn)}</dd>
          <dt>{t("training.place")}</dt>
          <dd className="wrap-anywhere">{session.place}</dd>
          <dt>{t("training.passPercent")}</dt>
          <dd>{session.passPercent}</dd>
          <dt>{t("training.trainer")}</dt>
          <dd>
            {session.trainer} · {formatDate(session.createdAt)}
          </dd>
          {session.status !== "PENDING" && session.decidedBy !== null ? (
            <>
              <dt>{t(`training.decidedBy.${session.status}`)}</dt>
              <dd>
                {session.decidedBy} · {session.decidedAt ? formatDate(session.decidedAt) : ""}
              </dd>
            </>
          ) : null}
          {session.rejectReason ? (
            <>
              <dt>{t("training.rejectReason")}</dt>
              <dd className="wrap-anywhere">{session.rejectReason}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card stack" aria-labelledby="attendance-h">
        <h2 id="attendance-h">{t("training.detail.attendance")}</h2>
        <SessionLines lines={session.attendance} pending={session.status === "PENDING"} rejected={session.status === "REJECTED"} />
      </section>
      {session.status === "PENDING" ? <DecideSession count={toCertify} refusals={session.refusals} error={actionData?.error} /> : null}
    </div>
  );
}
