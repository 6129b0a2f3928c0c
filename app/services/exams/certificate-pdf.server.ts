// The printable certificate: one A4 landscape page, DejaVu Sans embedded (it
// covers every Vietnamese letter), a QR code of the public verification URL,
// and a "ĐÃ THU HỒI" watermark once revoked. Pure generation: the caller has
// already decided who may see it and passes the site's origin in.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { translate, type MessageKey, type Params } from "~/i18n/index.ts";
import { getDb } from "~/utils/db.server.ts";
import { formatDate, formatDay } from "~/utils/format.ts";

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const FONT_BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

// The certificate is a Vietnamese document whatever the reader's language.
const vi = (key: MessageKey, params?: Params) => translate("vi", key, params);

export type CertificateData = {
  serial: string;
  verificationCode: string;
  typeName: string;
  source: "EXAM" | "IN_PERSON";
  fullName: string;
  employeeCode: string;
  unitName: string;
  /** The top ancestor of the person's unit, e.g. "Tỉnh Thanh Hóa". */
  issuerName: string;
  issuedAt: Date;
  /** DATE columns: UTC midnight of the day. */
  validFrom: Date;
  validUntil: Date;
  revokedAt: Date | null;
};

/** credential: the signed credential (decision 068), printed as a QR code on a second page. */
export type PdfOptions = { origin: string; compress?: boolean; credential?: string | null };

export function verificationUrl(origin: string, code: string) {
  return `${origin.replace(/\/+$/, "")}/verify/${code}`;
}

/** Everything the certificate prints, or null for an unknown id. */
export async function certificateData(certId: number): Promise<CertificateData | null> {
  const db = getDb();
  const c = await db.certification.findUnique({
    where: { id: certId },
    include: {
      certificationType: { select: { name: true } },
      person: { select: { fullName: true, employeeCode: true, unit: { select: { name: true, path: true } } } },
    },
  });
  if (!c) return null;
  const topId = c.person.unit.path[0];
  const top = topId ? await db.unit.findUnique({ where: { id: topId }, select: { name: true } }) : null;
  return {
    serial: c.serial,
    verificationCode: c.verificationCode,
    typeName: c.certificationType.name,
    source: c.source,
    fullName: c.person.fullName,
    employeeCode: c.person.employeeCode,
    unitName: c.person.unit.name,
    issuerName: top?.name ?? c.person.unit.name,
    issuedAt: c.issuedAt,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    revokedAt: c.revokedAt,
  };
}

/** The certificate as a PDF; null for an unknown id. */
export async function certificatePdf(certId: number, opts: PdfOptions): Promise<Buffer | null> {
  const data = await certificateData(certId);
  return data ? renderCertificatePdf(data, opts) : null;
}

const INK = "#1d2939";
const BRAND = "#9b1c1c"; // the app's own red (styles.css --brand)
const MUTED = "#475467";
const REVOKED = "#b42318";

export async function renderCertificatePdf(c: CertificateData, opts: PdfOptions): Promise<Buffer> {
  const url = verificationUrl(opts.origin, c.verificationCode);
  const qr = await QRCode.toDataURL(url, {
    errorCorrectionLevel: "M",
    margin: 1,
    width: 360,
    color: { dark: "#000000", light: "#ffffff" },
  });
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    font: FONT_REGULAR,
    compress: opts.compress ?? true,
    lang: "vi-VN",
    displayTitle: true,
    info: { Title: vi("cert.pdf.docTitle", { serial: c.serial }), Author: vi("app.name"), Subject: c.typeName, Creator: vi("app.name") },
  });
  doc.registerFont("regular", FONT_REGULAR);
  doc.registerFont("bold", FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const W = doc.page.width; // 841.89
  const H = doc.page.height; // 595.28
  const centred = (text: string, y: number, font: "regular" | "bold", size: number, color = INK, inset = 90) =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, inset, y, { width: W - 2 * inset, align: "center" });

  // Frame.
  doc
    .lineWidth(3)
    .strokeColor(BRAND)
    .rect(22, 22, W - 44, H - 44)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(30, 30, W - 60, H - 60)
    .stroke();

  // Issuers, top left; serial, top right.
  doc.font("bold").fontSize(11).fillColor(INK).text(c.issuerName.toLocaleUpperCase("vi"), 56, 52, { width: 300, align: "center" });
  doc
    .font("bold")
    .fontSize(11)
    .fillColor(BRAND)
    .text(vi("cert.pdf.issuerAcademy"), 56, doc.y + 2, { width: 300, align: "center" });
  const ruleY = doc.y + 4;
  doc.lineWidth(0.8).strokeColor(INK).moveTo(166, ruleY).lineTo(246, ruleY).stroke();
  doc
    .font("regular")
    .fontSize(10)
    .fillColor(MUTED)
    .text(vi("cert.pdf.serial", { serial: c.serial }), W - 356, 52, { width: 300, align: "right" });

  // Body.
  centred(vi("cert.pdf.title"), 118, "bold", 34, BRAND);
  centred(vi("cert.pdf.certifies"), 178, "regular", 13, MUTED);
  centred(c.fullName, 198, "bold", 26);
  centred(
    `${vi("cert.pdf.employee", { code: c.employeeCode })}   ·   ${vi("cert.pdf.unit", { unit: c.unitName })}`,
    238,
    "regular",
    12,
    INK,
  );
  centred(vi(`cert.pdf.passed.${c.source}`), 272, "regular", 13, MUTED);
  centred(c.typeName, 292, "bold", 18, INK, 120);
  centred(
    vi("cert.pdf.validity", { from: formatDay(c.validFrom), until: formatDay(c.validUntil) }),
    Math.max(doc.y + 14, 336),
    "regular",
    13,
  );
  if (c.revokedAt) centred(vi("cert.pdf.revokedOn", { date: formatDate(c.revokedAt) }), doc.y + 8, "bold", 12, REVOKED);

  // Verification, bottom left: the QR code and the same URL in words.
  const qrSize = 104;
  const qrY = H - 56 - qrSize;
  doc.image(qr, 56, qrY, { width: qrSize, height: qrSize });
  doc
    .font("regular")
    .fontSize(9)
    .fillColor(MUTED)
    .text(vi("cert.pdf.verify"), 172, qrY + 58, { width: 300 });
  doc
    .font("regular")
    .fontSize(8)
    .fillColor(BRAND)
    .text(url, 172, doc.y + 2, { width: 330, link: url });

  // Issue, bottom right.
  const right = W - 56 - 260;
  doc
    .font("regular")
    .fontSize(11)
    .fillColor(INK)
    .text(vi("cert.pdf.issued", { date: formatDate(c.issuedAt) }), right, qrY + 8, { width: 260, align: "center" });
  doc
    .font("bold")
    .fontSize(12)
    .fillColor(BRAND)
    .text(vi("cert.pdf.issuerAcademy"), right, doc.y + 6, { width: 260, align: "center" });
  doc
    .font("regular")
    .fontSize(8)
    .fillColor(MUTED)
    .text(vi("cert.pdf.issuedBy"), right, doc.y + 22, { width: 260, align: "center" });

  if (c.revokedAt) {
    doc.save();
    doc.rotate(-24, { origin: [W / 2, H / 2] });
    doc.fillOpacity(0.22).strokeOpacity(0.5).font("bold").fontSize(96).fillColor(REVOKED);
    doc.text(vi("cert.pdf.revoked"), 0, H / 2 - 58, { width: W, align: "center", lineBreak: false });
    doc.restore();
  }

  if (opts.credential) {
    // A second page: the signed credential the duty post checks offline.
    const code = await QRCode.toDataURL(opts.credential, { errorCorrectionLevel: "M", margin: 1, width: 600 });
    doc.addPage();
    doc
      .font("bold")
      .fontSize(18)
      .fillColor(INK)
      .text(vi("cred.section"), 56, 56, { width: W - 112, align: "center" });
    doc.image(code, (W - 300) / 2, 100, { width: 300, height: 300 });
    doc
      .font("regular")
      .fontSize(11)
      .fillColor(MUTED)
      .text(vi("cred.intro"), 120, 420, { width: W - 240, align: "center" });
  }

  doc.end();
  return done;
}
