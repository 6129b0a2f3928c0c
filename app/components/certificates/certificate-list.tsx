import type { ReactNode } from "react";
import { Link } from "react-router";
import type { CertStatus } from "~/domain/exams/validity.ts";
import { formatDate, formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

const BADGE: Record<CertStatus, string> = {
  VALID: "badge--ok",
  NOT_YET_VALID: "badge--warn",
  EXPIRED: "badge--muted",
  REVOKED: "badge--revoked",
};

export function CertStatusBadge({ status }: { status: CertStatus }) {
  const t = useT();
  return <span className={`badge ${BADGE[status]}`}>{t(`cert.status.${status}`)}</span>;
}

export type CertificateRow = {
  id: number;
  serial: string;
  typeName: string;
  source: "EXAM" | "IN_PERSON";
  issuedAt: string;
  validFrom: string;
  validUntil: string;
  status: CertStatus;
};

/**
 * One certification as a card: its type (linked to its page), status, serial,
 * validity and issue; `facts` adds lines to the list, `children` go under it.
 */
export function CertificateCard({
  cert: c,
  label,
  facts,
  children,
}: {
  cert: CertificateRow;
  label?: string;
  facts?: ReactNode;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <li className={`cert-card cert-card--${c.status.toLowerCase().replaceAll("_", "-")}`} aria-label={label}>
      <div className="spread">
        <h3 className="cert-card__title">
          <Link to={`/certificates/${c.id}`}>{c.typeName}</Link>
        </h3>
        <CertStatusBadge status={c.status} />
      </div>
      <dl className="facts cert-card__facts">
        <dt>{t("cert.serial")}</dt>
        <dd>
          <code>{c.serial}</code>
        </dd>
        <dt>{t("cert.validity")}</dt>
        <dd>{t("cert.validRange", { from: formatDay(c.validFrom), until: formatDay(c.validUntil) })}</dd>
        <dt>{t("cert.issuedAt")}</dt>
        <dd>
          {formatDate(c.issuedAt)} · {t(`cert.source.${c.source}`)}
        </dd>
        {facts}
      </dl>
      {children}
    </li>
  );
}

/** The PDF download link of a certification. */
export function CertificatePdfLink({ cert: c }: { cert: CertificateRow }) {
  const t = useT();
  return (
    // The visible words start the link's name (WCAG 2.5.3); the hidden rest says which certification.
    <a href={`/certificates/${c.id}.pdf`} download>
      {t("cert.download")}
      <span className="visually-hidden"> {t("cert.downloadLabel", { serial: c.serial })}</span>
    </a>
  );
}

/** A learner's certifications, each with its page and its PDF. */
export function CertificateList({ certifications }: { certifications: CertificateRow[] }) {
  const t = useT();
  return (
    <ul className="cert-list">
      {certifications.map((c) => (
        <CertificateCard key={c.id} cert={c}>
          <p className="cert-card__actions">
            <Link to={`/certificates/${c.id}`} aria-label={t("cert.viewLabel", { serial: c.serial })}>
              {t("cert.view")}
            </Link>
            <CertificatePdfLink cert={c} />
          </p>
        </CertificateCard>
      ))}
    </ul>
  );
}
