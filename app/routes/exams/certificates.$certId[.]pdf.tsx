import type { Route } from "./+types/certificates.$certId[.]pdf";
import { renderCertificatePdf, certificateData } from "~/services/exams/certificate-pdf.server.ts";
import { certificateFor } from "~/services/exams/certificate-view.server.ts";
import { credentialFor } from "~/services/credentials/credentials.server.ts";
import { notFound, requireFound, requireId, requireUser } from "~/utils/auth.server.ts";

// GET /certificates/:certId.pdf — the printable certificate, for its holder and
// for those who may read people of the holder's unit.
export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const id = requireId(args.params.certId);
  const cert = requireFound(await certificateFor(user, id, new Date()), (c) => c.visible);
  const data = await certificateData(id);
  if (!data) notFound();
  const credential = cert.revokedAt || cert.status === "EXPIRED" ? null : await credentialFor(id);
  const pdf = await renderCertificatePdf(data, { origin: new URL(args.request.url).origin, credential });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="chung-nhan-${cert.serial}.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
    },
  });
}
