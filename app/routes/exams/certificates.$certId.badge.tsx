import QRCode from "qrcode";
import { Link } from "react-router";
import type { Route } from "./+types/certificates.$certId.badge";
import { credentialFor } from "~/services/credentials/credentials.server.ts";
import { certificateFor } from "~/services/exams/certificate-view.server.ts";
import { requireFound, requireId, requireUser } from "~/utils/auth.server.ts";
import { formatDay } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

// GET /certificates/:certId/badge — a printable badge with the signed
// credential's QR code, checked at the duty post offline (decision 068).

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const cert = requireFound(await certificateFor(user, requireId(args.params.certId), new Date()), (c) => c.visible);
  const credential = cert.revokedAt || cert.status === "EXPIRED" ? null : await credentialFor(cert.id);
  if (!credential) throw new Response("Not Found", { status: 404 });
  const t = serverT(args);
  return {
    pageTitle: `${t("cred.badge.title", { serial: cert.serial })} · ${t("app.name")}`,
    cert,
    qr: await QRCode.toDataURL(credential, { errorCorrectionLevel: "M", margin: 1, width: 320 }),
  };
}

export default function BadgePage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { cert, qr } = loaderData;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to={`/certificates/${cert.id}`}>{t("cert.page.title", { serial: cert.serial })}</Link>
      </p>
      <h1 className="no-print">{t("cred.badge.title", { serial: cert.serial })}</h1>
      <p className="muted no-print">{t("cred.badge.hint")}</p>
      <article className="badge-card" aria-label={t("cred.badge.title", { serial: cert.serial })}>
        <p className="badge-card__type">{cert.typeName}</p>
        <p className="badge-card__name">{cert.person.fullName}</p>
        <p>
          <code>{cert.person.employeeCode}</code> · <code>{cert.serial}</code>
        </p>
        <img src={qr} width={220} height={220} alt={t("cred.qrAlt", { name: cert.person.fullName })} />
        <p>{t("cred.badge.validUntil", { date: formatDay(cert.validUntil) })}</p>
      </article>
    </div>
  );
}
