import { Form, Link } from "react-router";
import type { DecisionRefusal, SessionStatus } from "~/domain/exams/session-decision.ts";
import { REJECT_REASON_MAX } from "~/domain/exams/session-decision.ts";
import type { Translate } from "~/i18n/index.ts";
import { formatDate, formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

// Training sessions waiting for a second person (decision 029): what a
// confirmer needs to see before certifying anyone — who recorded it, every
// line with its score, and who would be certified.

type Line = { id: number; employeeCode: string; fullName: string; attended: boolean; score: number | null; passes: boolean };
export type PendingSession = {
  id: number;
  heldOn: string;
  place: string;
  typeName: string;
  passPercent: number;
  trainer: string;
  createdAt: string;
  refusals: DecisionRefusal[];
  attendance: Line[];
};

const STATUS_BADGE: Record<SessionStatus, string> = { PENDING: "badge--warn", CONFIRMED: "badge--ok", REJECTED: "badge--error" };

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const t = useT();
  return <span className={`badge ${STATUS_BADGE[status]}`}>{t(`training.status.${status}`)}</span>;
}

export function refusalText(t: Translate, r: DecisionRefusal) {
  return t(`training.refusal.${r}`);
}

/** The "Chờ xác nhận" section: every pending session the viewer can see, or a clear empty state. */
export function PendingSessions({ sessions, headingLevel = 2 }: { sessions: PendingSession[]; headingLevel?: 2 | 3 }) {
  const t = useT();
  const H = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  return (
    <section className="card stack pending-sessions" aria-labelledby="pending-sessions-h">
      <H id="pending-sessions-h">{t("training.pending.title")}</H>
      {sessions.length === 0 ? (
        <p className="empty">{t("training.pending.empty")}</p>
      ) : (
        <>
          <p className="muted">{t("training.pending.intro")}</p>
          {sessions.map((s) => {
            const toCertify = s.attendance.filter((a) => a.passes);
            return (
              <article key={s.id} className="stack" aria-labelledby={`pending-${s.id}`}>
                <Sub id={`pending-${s.id}`}>{t("training.pending.heading", { type: s.typeName, date: formatDay(s.heldOn) })}</Sub>
                <p className="muted wrap-anywhere">
                  {t("training.pending.recordedBy", { name: s.trainer, at: formatDate(s.createdAt), place: s.place, pass: s.passPercent })}
                </p>
                <SessionLines lines={s.attendance} pending />
                <p>
                  {toCertify.length === 0
                    ? t("training.pending.noneToCertify")
                    : t("training.pending.toCertify", {
                        count: toCertify.length,
                        names: toCertify.map((a) => `${a.fullName} (${a.employeeCode})`).join(", "),
                      })}
                </p>
                <p>
                  <Link to={`/trainer/sessions/${s.id}`}>{t("training.pending.open", { date: formatDay(s.heldOn) })}</Link>
                  {s.refusals.length > 0 ? <span className="muted"> · {s.refusals.map((r) => refusalText(t, r)).join(" ")}</span> : null}
                </p>
              </article>
            );
          })}
        </>
      )}
    </section>
  );
}

/** A session's lines: code, name, presence, score and result. */
export function SessionLines({
  lines,
  pending = false,
  rejected = false,
}: {
  lines: (Line & { unitName?: string; certification?: { id: number; serial: string } | null })[];
  pending?: boolean;
  rejected?: boolean;
}) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("people.employeeCode")}</th>
            <th scope="col">{t("people.fullName")}</th>
            {lines.some((l) => l.unitName) ? <th scope="col">{t("people.unit")}</th> : null}
            <th scope="col">{t("training.detail.attended")}</th>
            <th scope="col" className="num">
              {t("training.detail.score")}
            </th>
            <th scope="col">{t("training.detail.result")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((a) => (
            <tr key={a.id}>
              <td>
                <code>{a.employeeCode}</code>
              </td>
              <td>{a.fullName}</td>
              {a.unitName ? <td>{a.unitName}</td> : null}
              <td>{a.attended ? t("training.detail.attended") : t("training.detail.absent")}</td>
              <td className="num">{a.score ?? "—"}</td>
              <td>
                {a.certification ? (
                  <Link to={`/certificates/${a.certification.id}`} className="badge badge--ok">
                    {t("training.detail.certifiedAs", { serial: a.certification.serial })}
                  </Link>
                ) : !a.attended ? (
                  <span className="muted">{t("training.detail.notAttended")}</span>
                ) : !a.passes ? (
                  <span className="badge badge--muted">{t("training.detail.failed")}</span>
                ) : pending ? (
                  <span className="badge badge--warn">{t("training.detail.wouldCertify")}</span>
                ) : rejected ? (
                  <span className="badge badge--muted">{t("training.detail.rejectedLine")}</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Confirm, or reject with a reason; or why the viewer may not. */
export function DecideSession({ count, refusals, error }: { count: number; refusals: DecisionRefusal[]; error?: string }) {
  const t = useT();
  const blocking = refusals.filter((r) => r !== "reason");
  return (
    <section className="card stack" aria-labelledby="decide-h">
      <h2 id="decide-h">{t("training.decide.title")}</h2>
      {blocking.length > 0 ? (
        <div role="alert" className="alert alert--info">
          <p>{t("training.decide.cannot")}</p>
          <ul>
            {blocking.map((r) => (
              <li key={r}>{refusalText(t, r)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <p>{t("training.decide.intro", { count })}</p>
          <Form method="post">
            <button type="submit" name="intent" value="confirm" className="button">
              {t("training.decide.confirm")}
            </button>
          </Form>
          <Form method="post" className="stack" noValidate>
            <div className="field">
              <span>
                <label htmlFor="reject-reason">{t("training.decide.reason")}</label>
              </span>
              <textarea
                id="reject-reason"
                name="reason"
                rows={3}
                maxLength={REJECT_REASON_MAX}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "reject-reason-hint reject-reason-error" : "reject-reason-hint"}
              />
              <small id="reject-reason-hint">{t("training.decide.reasonHint")}</small>
              {error ? (
                <p id="reject-reason-error" className="field-error">
                  {error}
                </p>
              ) : null}
            </div>
            <div>
              <button type="submit" name="intent" value="reject" className="button button--danger">
                {t("training.decide.reject")}
              </button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
