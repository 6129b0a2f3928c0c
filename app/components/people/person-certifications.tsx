import type { ReactNode } from "react";
import { Form } from "react-router";
import { CertificateCard, CertificatePdfLink, type CertificateRow } from "~/components/certificates/certificate-list.tsx";
import { formatDate } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";
import { Field, FormAlert, useBusy, type FieldErrors, type FormValues } from "./form-field.tsx";

export type PersonCertificationView = CertificateRow & { revokedAt: string | null; revokeReason: string | null };

/** A person's certifications; with certifications:revoke, a revoke form under each one still in force. */
export function PersonCertifications(props: {
  certifications: PersonCertificationView[];
  canRevoke: boolean;
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
      {props.certifications.length === 0 ? (
        <p className="empty">{t("cert.people.empty")}</p>
      ) : (
        <ul className="cert-list">
          {props.certifications.map((c) => {
            const failed = props.values?.certificationId === String(c.id) ? props.errors : undefined;
            const revocable = props.canRevoke && (c.status === "VALID" || c.status === "NOT_YET_VALID");
            return (
              <CertificateCard
                key={c.id}
                cert={c}
                label={`${c.typeName} ${c.serial}`}
                facts={
                  c.revokedAt ? (
                    <>
                      <dt>{t("cert.revokedAt")}</dt>
                      <dd>{formatDate(c.revokedAt)}</dd>
                      <dt>{t("cert.revokeReason")}</dt>
                      <dd className="wrap-anywhere">{c.revokeReason}</dd>
                    </>
                  ) : null
                }
              >
                <p className="cert-card__actions">
                  <CertificatePdfLink cert={c} />
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
                      <Field
                        form={`revoke-cert-${c.id}`}
                        name="reason"
                        label={t("cert.revoke.reason")}
                        error={failed?.reason}
                        hint={t("cert.revoke.reasonHint")}
                      >
                        {(control) => (
                          <textarea
                            {...control}
                            rows={3}
                            required
                            minLength={5}
                            maxLength={500}
                            defaultValue={failed ? (props.values?.reason ?? "") : ""}
                          />
                        )}
                      </Field>
                      <div>
                        <button type="submit" className="button button--danger" disabled={busy}>
                          {busy ? t("cert.revoke.submitting") : t("cert.revoke.submit")}
                        </button>
                      </div>
                    </Form>
                  </details>
                ) : null}
              </CertificateCard>
            );
          })}
        </ul>
      )}
    </section>
  );
}
