import { Link } from "react-router";
import type { CommitmentObligation } from "~/domain/obligations/commitment.ts";
import type { ObligationStatus } from "~/domain/obligations/status.ts";
import { formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

export type RequiredItem = {
  certificationType: string;
  typeName: string;
  status: ObligationStatus;
  dueOn: string | null;
  validUntil: string | null;
  next: { kind: "course"; slug: string; title: string } | { kind: "exam"; examId: number; title: string } | null;
};

const BADGE: Record<ObligationStatus, string> = {
  COMPLIANT: "badge--ok",
  EXPIRING: "badge--warn",
  DUE: "badge--warn",
  OVERDUE: "badge--error",
  EXPIRED: "badge--error",
  REVOKED: "badge--revoked",
};

function DateLine({ item }: { item: RequiredItem }) {
  const t = useT();
  const date = formatDay(item.dueOn);
  switch (item.status) {
    case "COMPLIANT":
      return <>{t("obligations.learn.validUntil", { date: formatDay(item.validUntil) })}</>;
    case "EXPIRING":
      return <>{t("obligations.learn.renewBy", { date })}</>;
    case "DUE":
      return <>{t("obligations.learn.dueOn", { date })}</>;
    case "REVOKED":
      return <>{t("obligations.learn.revokedOn", { date })}</>;
    default:
      return <>{t("obligations.learn.dueWas", { date })}</>;
  }
}

/** The signed commitment, when the person must have signed the current text. */
function CommitmentItem({ item }: { item: CommitmentObligation }) {
  const t = useT();
  return (
    <li className="required-item" data-status={item.status}>
      <p className="required-item__title">
        <strong>{t("obligations.commitment.title", { version: item.version })}</strong>{" "}
        <span className={`badge ${BADGE[item.status]}`}>{t(`obligations.status.${item.status}`)}</span>
      </p>
      <p className="required-item__date">
        {item.status === "COMPLIANT"
          ? t("obligations.commitment.signedOn", { date: formatDay(item.signedOn) })
          : t(item.status === "DUE" ? "obligations.learn.dueOn" : "obligations.learn.dueWas", { date: formatDay(item.dueOn) })}
      </p>
      {item.stale ? (
        <p className="muted">{t("obligations.commitment.stale", { date: formatDay(item.signedOn), version: item.version })}</p>
      ) : null}
      <p className="required-item__next">
        {item.status === "COMPLIANT" ? (
          <span className="muted">{t("obligations.learn.done")}</span>
        ) : (
          <Link to="/account/commitment">{t("obligations.commitment.sign")}</Link>
        )}
      </p>
    </li>
  );
}

/** "Bắt buộc với bạn": the commitment and each required certification, its status, its date and what to do next. */
export function RequiredCertifications({ items, commitment }: { items: RequiredItem[]; commitment: CommitmentObligation | null }) {
  const t = useT();
  return (
    <section aria-labelledby="required-h" className="card stack required">
      <h2 id="required-h">{t("obligations.learn.title")}</h2>
      {items.length === 0 && !commitment ? (
        <p className="empty">{t("obligations.learn.none")}</p>
      ) : (
        <>
          <p className="muted">{t("obligations.learn.intro")}</p>
          <ul className="required-list">
            {commitment ? <CommitmentItem item={commitment} /> : null}
            {items.map((o) => (
              <li key={o.certificationType} className="required-item" data-status={o.status}>
                <p className="required-item__title">
                  <strong>{o.typeName}</strong> <span className={`badge ${BADGE[o.status]}`}>{t(`obligations.status.${o.status}`)}</span>
                </p>
                <p className="required-item__date">
                  <DateLine item={o} />
                </p>
                <p className="required-item__next">
                  {o.next === null ? (
                    <span className="muted">{t("obligations.learn.done")}</span>
                  ) : o.next.kind === "course" ? (
                    <Link to={`/learn/${o.next.slug}`}>{t("obligations.learn.nextCourse", { course: o.next.title })}</Link>
                  ) : (
                    <Link to={`/exams#exam-${o.next.examId}`}>{t("obligations.learn.nextExam", { exam: o.next.title })}</Link>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
