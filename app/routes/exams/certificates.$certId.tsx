import { Link } from "react-router";
import QRCode from "qrcode";
import type { Route } from "./+types/certificates.$certId";
import { CertStatusBadge } from "~/components/certificates/certificate-list.tsx";
import { verificationUrl } from "~/services/exams/certificate-pdf.server.ts";
import { certificateFor } from "~/services/exams/certificate-view.server.ts";
import { credentialFor } from "~/services/credentials/credentials.server.ts";
import { requireFound, requireId, requireUser } from "~/utils/auth.server.ts";
import { formatDate, formatDay } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

// GET /certificates/:certId — the certificate's details, for its holder and for
// those who may read people of the holder's unit.
export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const cert = requireFound(await certificateFor(user, requireId(args.params.certId), new Date()), (c) => c.visible);
  const t = serverT(args);
  const verifyUrl = verificationUrl(new URL(args.request.url).origin, cert.verificationCode);
  // The signed credential for the duty post (decision 068): only while the certification can be valid.
  const credential = cert.revokedAt || cert.status === "EXPIRED" ? null : await credentialFor(cert.id);
  return {
    credential,
    credentialQr: credential ? await QRCode.toDataURL(credential, { errorCorrectionLevel: "M", margin: 1, width: 280 }) : null,
    pageTitle: `${t("cert.page.title", { serial: cert.serial })} · ${t("app.name")}`,
    cert,
    verifyUrl,
    qr: await QRCode.toDataURL(verifyUrl, { errorCorrectionLevel: "M", margin: 1, width: 240 }),
  };
}

export default function CertificatePage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { cert, verifyUrl, qr, credential, credentialQr } = loaderData;
  return (
    <div className="stack">
      <p className="no-print">
        {cert.isHolder ? (
          <Link to="/learn">{t("cert.page.back")}</Link>
        ) : (
          <Link to={`/people/${cert.person.id}`}>{t("cert.page.backToPerson", { name: cert.person.fullName })}</Link>
        )}
      </p>
      <div className="spread">
        <h1>{t("cert.page.title", { serial: cert.serial })}</h1>
        <CertStatusBadge status={cert.status} />
      </div>
      {cert.revokedAt ? (
        <p role="status" className="alert alert--error">
          {t("cert.page.revokedNotice", { date: formatDate(cert.revokedAt) })}
        </p>
      ) : null}
      <section className="card" aria-labelledby="cert-details-h">
        <h2 id="cert-details-h">{t("cert.page.details")}</h2>
        <dl className="facts">
          <dt>{t("cert.type")}</dt>
          <dd>{cert.typeName}</dd>
          <dt>{t("cert.holder")}</dt>
          <dd>{cert.person.fullName}</dd>
          <dt>{t("people.employeeCode")}</dt>
          <dd>
            <code>{cert.person.employeeCode}</code>
          </dd>
          <dt>{t("people.unit")}</dt>
          <dd>{cert.person.unitName}</dd>
          <dt>{t("cert.serial")}</dt>
          <dd>
            <code>{cert.serial}</code>
          </dd>
          <dt>{t("cert.status")}</dt>
          <dd>
            <CertStatusBadge status={cert.status} />
          </dd>
          <dt>{t("cert.validFrom")}</dt>
          <dd>{formatDay(cert.validFrom)}</dd>
          <dt>{t("cert.validUntil")}</dt>
          <dd>{formatDay(cert.validUntil)}</dd>
          <dt>{t("cert.issuedAt")}</dt>
          <dd>{formatDate(cert.issuedAt)}</dd>
          <dt>{t("cert.source")}</dt>
          <dd>{t(`cert.source.${cert.source}`)}</dd>
          {cert.revokedAt ? (
            <>
              <dt>{t("cert.revokedAt")}</dt>
              <dd>{formatDate(cert.revokedAt)}</dd>
              <dt>{t("cert.revokeReason")}</dt>
              <dd className="wrap-anywhere">{cert.revokeReason}</dd>
            </>
          ) : null}
        </dl>
        <p className="cert-card__actions">
          <a className="button" href={`/certificates/${cert.id}.pdf`} download>
            {t("cert.download")}
            <span className="visually-hidden"> {t("cert.downloadLabel", { serial: cert.serial })}</span>
          </a>
        </p>
      </section>
      <section className="card cert-verify" aria-labelledby="cert-verify-h">
        <h2 id="cert-verify-h">{t("cert.verifyLink")}</h2>
        <p className="muted">{t("cert.page.verifyIntro")}</p>
        <div className="cert-verify__body">
          <img className="cert-verify__qr" src={qr} width={160} height={160} alt={t("cert.page.qrAlt")} />
          <a className="wrap-anywhere" href={verifyUrl}>
            {verifyUrl}
          </a>
        </div>
      </section>
      <section className="card cert-verify stack" aria-labelledby="cert-cred-h">
        <h2 id="cert-cred-h">{t("cred.section")}</h2>
        {credential && credentialQr ? (
          <>
            <p className="muted">{t("cred.intro")}</p>
            <div className="cert-verify__body">
              <img
                className="cert-verify__qr"
                src={credentialQr}
                width={200}
                height={200}
                alt={t("cred.qrAlt", { name: cert.person.fullName })}
              />
              <details>
                <summary>{t("cred.text")}</summary>
                <code className="wrap-anywhere cred-text">{credential}</code>
              </details>
            </div>
            <p className="no-print">
              <Link className="button button--secondary" to={`/certificates/${cert.id}/badge`}>
                {t("cred.badge")}
              </Link>
            </p>
          </>
        ) : (
          <p className="empty">{t("cred.none")}</p>
        )}
      </section>
    </div>
  );
}
