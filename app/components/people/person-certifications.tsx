import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import { CertStatusBadge, type CertificateRow } from "~/components/certificates/certificate-list.tsx";
import { formatDate, formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";
import { Field, FormAlert, useBusy, type FieldErrors, type FormValues } from "./form-field.tsx";

export type PersonCertificationView = CertificateRow & { revokedAt: string | null; revokeReason: string | null };

/** A person's certifications; with certifications:revoke, a revoke form under each one still in force. */
export function PersonCertifications(props: {
  certifications: PersonCertificationView[];
  canRevoke: boolean;
  revoked: boolean;
  errors?: FieldErrors;
  values?: FormValues;
  /** Extra controls under a certification (e.g. the renewal reminder form). */
  renderActions?: (c: PersonCertificationView) => ReactNode;
}) {
  const t = useT();
  const busy = useBusy("revokeCertification");
  return (
    <section className="card stack" aria-labelledby="person-certs-h">
      <h2 id="person-certs-h">{t("cert.people.title")}</h2>
      {props.revoked ? (
        <p role="status" className="alert alert--ok">
          {t("cert.people.revoked")}
        </p>
      ) : null}
      {props.certifications.length === 0 ? (
        <p className="empty">{t("cert.people.empty")}</p>
      ) : (
        <ul className="cert-list">
          {props.certifications.map((c) => {
            const failed = props.values?.certificationId === String(c.id) ? props.errors : undefined;
            const revocable = props.canRevoke && (c.status === "VALID" || c.status === "NOT_YET_VALID");
            return (
              <li key={c.id} className={`cert-card cert-card--${c.status.toLowerCase().replaceAll("_", "-")}`} aria-label={`${c.typeName} ${c.serial}`}>
                <div className="spread">
                  <h3 className="cert-card__title">
                    <Link to={`/certificates/${c.id}`}>{c.typeName}</Link>
                  </h3>
                  <CertStatusBadge status={c.status} />
                </div>
                <dl className="facts cert-card__facts">
                  <dt>{t("cert.serial")}</dt>
                  <dd><code>{c.serial}</code></dd>
                  <dt>{t("cert.validity")}</dt>
                  <dd>{t("cert.validRange", { from: formatDay(c.validFrom), until: formatDay(c.validUntil) })}</dd>
                  <dt>{t("cert.issuedAt")}</dt>
                  <dd>{formatDate(c.issuedAt)} · {t(`cert.source.${c.source}`)}</dd>
                  {c.revokedAt ? (
                    <>
                      <dt>{t("cert.revokedAt")}</dt>
                      <dd>{formatDate(c.revokedAt)}</dd>
                      <dt>{t("cert.revokeReason")}</dt>
                      <dd className="wrap-anywhere">{c.revokeReason}</dd>
                    </>
                  ) : null}
                </dl>
                <p className="cert-card__actions">
                  <a href={`/certificates/${c.id}.pdf`} download aria-label={t("cert.downloadLabel", { serial: c.serial })}>
                    {t("cert.download")}
                  </a>
                </p>
                {props.renderActions?.(c)}
                {revocable ? (
                  <details className="cert-revoke" open={failed ? true : undefined}>
                    <summary aria-label={t("cert.revoke.summaryLabel", { serial: c.serial })}>{t("cert.revoke.summary")}</summary>
                    <Form method="post" className="stack" noValidate>
                      <input type="hidden" name="intent" value="revokeCertification" />
                      <input type="hidden" name="certificationId" value={c.id} />
                      <p className="muted">{t("cert.revoke.warning")}</p>
                      <FormAlert errors={failed} message={t("form.errors")} />
                      <Field form={`revoke-cert-${c.id}`} name="reason" label={t("cert.revoke.reason")} error={failed?.reason} hint={t("cert.revoke.reasonHint")}>
                        {(control) => <textarea {...control} rows={3} required minLength={5} maxLength={500} defaultValue={failed ? (props.values?.reason ?? "") : ""} />}
                      </Field>
                      <div>
                        <button type="submit" className="button button--danger" disabled={busy}>
                          {busy ? t("cert.revoke.submitting") : t("cert.revoke.submit")}
                        </button>
                      </div>
                    </Form>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
