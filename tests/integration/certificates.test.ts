import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { certificateData, certificatePdf, renderCertificatePdf } from "~/services/exams/certificate-pdf.server.ts";
import { certificationRevokeSchema, revokePersonCertification } from "~/services/exams/certification-revoke.server.ts";
import { issueCertification, revokeCertification, verifyCertificate } from "~/services/exams/certifications.server.ts";
import { decideTrainingSession, recordTrainingSession } from "~/services/exams/training-sessions.server.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { confirmedSessionLine, makePerson, makeUnit } from "../support/factories.ts";
import { sqlAs } from "../support/sql.ts";

const ORIGIN = "https://hocvien.kt1.test";
const uid = () => randomBytes(3).toString("hex").toUpperCase();

let province: { id: number; name: string };
let station: { id: number };
let trainer: { id: number; unitId: number; employeeCode: string };
let typeId: number;

beforeAll(async () => {
  province = await makeUnit({ name: `Tỉnh Thử ${uid()}`, kind: "PROVINCE" });
  station = await makeUnit({ parentId: province.id, name: "Bưu cục KT1 Thử", kind: "STATION" });
  trainer = await makePerson({ unitId: province.id, fullName: "Phạm Giảng Viên", roles: [{ role: "TRAINER", unitId: province.id }] });
  const type = await getDb().certificationType.create({
    data: { code: `KT1-THU-${uid()}`, name: "Nghiệp vụ KT1 — nhân viên bưu điện", validityMonths: 24, renewalWindowDays: 90 },
  });
  typeId = type.id;
  // An in-person session takes its pass mark from the type's exam.
  await getDb().exam.create({ data: { certificationTypeId: typeId, title: "Sát hạch thử", topics: {}, passPercent: 80 } });
});

/** Issues a certification the way a confirmed in-person session does (the evidence row first). */
async function issueFor(personId: number, now = new Date()) {
  const line = await confirmedSessionLine({ personId, certificationTypeId: typeId, heldOn: "2026-11-20", at: now });
  return getDb().$transaction((tx) =>
    issueCertification(
      tx,
      { personId, certificationTypeId: typeId, source: "IN_PERSON", trainingAttendanceId: line.attendanceId },
      line.confirmerId,
      now,
    ),
  );
}

/**
 * The text an uncompressed PDFKit file shows: each TJ/Tj run decoded through the
 * ToUnicode map of the font selected before it.
 */
function pdfText(pdf: Buffer): string {
  const s = pdf.toString("latin1");
  const objects = new Map<string, string>();
  for (const m of s.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(m[1], m[2]);
  const fonts = new Map<string, Map<number, string>>();
  for (const [, name, ref] of s.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(ref) ?? "")?.[1];
    const cmap = new Map<number, string>();
    for (const [, start, list] of (objects.get(toUnicode ?? "") ?? "").matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
      [...list.matchAll(/<([0-9a-f ]+)>/gi)].forEach((u, i) => {
        const units = u[1].split(" ").map((h) => parseInt(h, 16));
        cmap.set(parseInt(start, 16) + i, String.fromCharCode(...units));
      });
    }
    fonts.set(name, cmap);
  }
  const decode = (hex: string, cmap: Map<number, string>) =>
    (hex.match(/.{4}/g) ?? []).map((g) => cmap.get(parseInt(g, 16)) ?? "").join("");
  const out: string[] = [];
  let font = new Map<number, string>();
  for (const m of s.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-f]*)> Tj/gi)) {
    if (m[1]) font = fonts.get(m[1]) ?? new Map();
    else if (m[2] !== undefined) out.push([...m[2].matchAll(/<([0-9a-f]*)>/gi)].map((h) => decode(h[1], font)).join(""));
    else out.push(decode(m[3], font));
  }
  return out.join("\n");
}

describe("certificate PDF", () => {
  it("is an A4 landscape PDF with DejaVu Sans embedded and the certificate's text", async () => {
    const person = await makePerson({ unitId: station.id, fullName: "Nguyễn Thị Hồng Nhung" });
    const cert = await issueFor(person.id);
    const pdf = await certificatePdf(cert.id, { origin: ORIGIN });
    expect(pdf).not.toBeNull();
    expect(pdf!.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf!.includes("/FontFile2")).toBe(true);
    expect(pdf!.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(pdf!.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold/);
    expect(pdf!.toString("latin1")).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);

    const data = await certificateData(cert.id);
    const text = pdfText(await renderCertificatePdf(data!, { origin: ORIGIN, compress: false }));
    expect(text).toContain("GIẤY CHỨNG NHẬN");
    expect(text).toContain(cert.serial);
    expect(text).toContain("Nguyễn Thị Hồng Nhung");
    expect(text).toContain(person.employeeCode);
    expect(text).toContain("Bưu cục KT1 Thử");
    expect(text).toContain(province.name.toLocaleUpperCase("vi"));
    expect(text).toContain("HỌC VIỆN KT1");
    expect(text).toContain("tập huấn trực tiếp");
    expect(text).toContain(`${ORIGIN}/verify/${cert.verificationCode}`);
    expect(text).toMatch(/Có giá trị từ ngày \d{2}\/\d{2}\/\d{4} đến hết ngày \d{2}\/\d{2}\/\d{4}/);
    expect(text).not.toContain("ĐÃ THU HỒI");
  });

  it("carries a revoked watermark once revoked, and is null for an unknown id", async () => {
    const person = await makePerson({ unitId: station.id });
    const cert = await issueFor(person.id);
    await getDb().$transaction((tx) => revokeCertificationFor(tx, cert.id));
    const data = await certificateData(cert.id);
    const text = pdfText(await renderCertificatePdf(data!, { origin: ORIGIN, compress: false }));
    expect(text).toContain("ĐÃ THU HỒI");
    expect(await certificatePdf(2_000_000_000, { origin: ORIGIN })).toBeNull();
  });
});

function revokeCertificationFor(tx: Tx, id: number) {
  return revokeCertification(tx, id, "Gian lận khi kiểm tra", trainer.id, new Date());
}

describe("verification and revocation", () => {
  it("verifyCertificate tells only the status, the number, the name, the type and the dates", async () => {
    const person = await makePerson({ unitId: station.id, fullName: "Lê Văn Kiểm" });
    const cert = await issueFor(person.id);
    const result = await verifyCertificate(cert.verificationCode, new Date());
    expect(result).not.toBeNull();
    expect(Object.keys(result!).sort()).toEqual(["fullName", "revokedOn", "serial", "status", "typeName", "validFrom", "validUntil"]);
    expect(result).toMatchObject({
      status: "VALID",
      fullName: "Lê Văn Kiểm",
      typeName: "Nghiệp vụ KT1 — nhân viên bưu điện",
      revokedOn: null,
      serial: cert.serial,
    });
    const json = JSON.stringify(result);
    expect(json).not.toContain(person.employeeCode);
    expect(await verifyCertificate("a".repeat(32), new Date())).toBeNull();
  });

  it("a manager's revocation turns the public answer to REVOKED, once only", async () => {
    const person = await makePerson({ unitId: station.id });
    const other = await makePerson({ unitId: station.id });
    const manager = await makePerson({ unitId: province.id, roles: [{ role: "MANAGER", unitId: province.id }] });
    const cert = await issueFor(person.id);
    const input = { certificationId: cert.id, reason: "Gian lận khi làm bài kiểm tra" };
    expect(await revokePersonCertification(other.id, input, manager.id, new Date())).toEqual({ ok: false, code: "notFound" });
    expect(await revokePersonCertification(person.id, input, manager.id, new Date())).toMatchObject({ ok: true });
    expect((await verifyCertificate(cert.verificationCode, new Date()))?.status).toBe("REVOKED");
    expect(await revokePersonCertification(person.id, input, manager.id, new Date())).toEqual({ ok: false, code: "already" });
    const audit = await getDb().auditEntry.findMany({ where: { action: "certification.revoke", targetId: String(cert.id) } });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(manager.id);
  });

  it("wants a reason of 5 to 500 characters", () => {
    expect(certificationRevokeSchema.safeParse({ certificationId: "1", reason: "  abc " }).success).toBe(false);
    expect(certificationRevokeSchema.safeParse({ certificationId: "1", reason: "x".repeat(501) }).success).toBe(false);
    expect(certificationRevokeSchema.safeParse({ certificationId: "x", reason: "Lý do đủ dài" }).success).toBe(false);
    expect(certificationRevokeSchema.parse({ certificationId: "7", reason: "  Sai   thông tin  " })).toEqual({
      certificationId: 7,
      reason: "Sai thông tin",
    });
  });

  it("the database refuses to un-revoke, re-revoke, edit or delete a certification", async () => {
    const person = await makePerson({ unitId: station.id });
    const cert = await issueFor(person.id);
    const db = getDb();
    await expect(db.$executeRaw`update certifications set valid_until = valid_until + 365 where id = ${cert.id}`).rejects.toThrow(
      /only be revoked/,
    );
    await db.$transaction((tx) => revokeCertificationFor(tx, cert.id));
    await expect(
      db.$executeRaw`update certifications set revoked_at = now(), revoke_reason = 'lần hai' where id = ${cert.id}`,
    ).rejects.toThrow(/stays revoked/);
    await expect(db.$executeRaw`update certifications set revoked_at = null, revoke_reason = null where id = ${cert.id}`).rejects.toThrow(
      /stays revoked/,
    );
    // The app's role may not delete at all; its owner is stopped by the trigger.
    await expect(db.$executeRaw`delete from certifications where id = ${cert.id}`).rejects.toThrow(/permission denied/);
    await expect(sqlAs("owner", "delete from certifications where id = $1", [cert.id])).rejects.toThrow(/never deleted/);
    expect((await verifyCertificate(cert.verificationCode, new Date()))?.status).toBe("REVOKED");
  });
});

describe("in-person training sessions", () => {
  const actor = () => ({ personId: trainer.id, unitId: trainer.unitId, scope: [province.id] });
  const counts = async () => {
    const db = getDb();
    return {
      sessions: await db.trainingSession.count(),
      attendance: await db.trainingAttendance.count(),
      certifications: await db.certification.count(),
    };
  };

  it("saves nothing when one line is wrong, and lists every bad line with its reason", async () => {
    const a = await makePerson({ unitId: station.id });
    const b = await makePerson({ unitId: station.id });
    const left = await makePerson({ unitId: station.id, status: "LEFT" });
    const outsideUnit = await makeUnit({ name: "Tỉnh Khác", kind: "PROVINCE" });
    const outsider = await makePerson({ unitId: outsideUnit.id });
    const before = await counts();
    const result = await recordTrainingSession(
      {
        certificationTypeId: typeId,
        heldOn: "2026-11-20",
        place: "Hội trường Bưu điện tỉnh",
        attendance: [
          `${a.employeeCode};95`,
          "KHONGCO9;90",
          `${b.employeeCode};101`,
          `${left.employeeCode};90`,
          `${outsider.employeeCode};90`,
          `${a.employeeCode};80`,
          "",
          "sai dòng",
          `${trainer.employeeCode};100`,
        ].join("\n"),
      },
      actor(),
      new Date(),
    );
    expect(result.ok).toBe(false);
    if (result.ok || result.code !== "LINES") throw new Error("expected line problems");
    expect((result.reasons ?? []).map((p) => [p.line, p.reason])).toEqual([
      [2, "unknown"],
      [3, "score"],
      [4, "left"],
      [5, "unknown"],
      [6, "duplicate"],
      [8, "format"],
      [9, "self"],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("once a second trainer confirms, certifies exactly the attendees who were present and reached the type's pass mark", async () => {
    const pass = await makePerson({ unitId: station.id, fullName: "Người Đạt" });
    const exact = await makePerson({ unitId: station.id, fullName: "Vừa Đủ Điểm" });
    const fail = await makePerson({ unitId: station.id, fullName: "Người Trượt" });
    const absent = await makePerson({ unitId: station.id, fullName: "Người Vắng" });
    const result = await recordTrainingSession(
      {
        certificationTypeId: typeId,
        heldOn: "2026-11-21",
        place: "Bưu cục KT1 Thử",
        attendance: `${pass.employeeCode};92\r\n${exact.employeeCode.toLowerCase()}\t80\n${fail.employeeCode};79\n${absent.employeeCode};vắng\n`,
      },
      actor(),
      new Date(),
    );
    expect(result).toMatchObject({ ok: true, value: { toCertify: 2 } });
    if (!result.ok) return;
    const recorded = result.value;
    const db = getDb();
    expect(await db.trainingSession.findUnique({ where: { id: recorded.sessionId } })).toMatchObject({
      status: "PENDING",
      passPercent: 80,
    });
    expect(await db.certification.count({ where: { personId: { in: [pass.id, exact.id] } } })).toBe(0);
    const second = await makePerson({
      unitId: province.id,
      fullName: "Giảng Viên Thứ Hai",
      roles: [{ role: "TRAINER", unitId: province.id }],
    });
    const grants = [{ role: "TRAINER" as const, unitId: province.id }];
    const decided = await decideTrainingSession(
      recorded.sessionId,
      { kind: "confirm" },
      { personId: second.id, unitId: province.id, grants },
      [province.id],
      new Date(),
    );
    expect(decided).toEqual({ ok: true, value: { status: "CONFIRMED", certified: 2 } });
    const rows = await db.trainingAttendance.findMany({ where: { sessionId: recorded.sessionId }, include: { certification: true } });
    expect(rows).toHaveLength(4);
    const byPerson = new Map(rows.map((r) => [r.personId, r]));
    expect(byPerson.get(pass.id)?.certification).toMatchObject({ source: "IN_PERSON", personId: pass.id, certificationTypeId: typeId });
    expect(byPerson.get(exact.id)?.certification).not.toBeNull();
    expect(byPerson.get(fail.id)).toMatchObject({ attended: true, paperScore: 79, certification: null });
    expect(byPerson.get(absent.id)).toMatchObject({ attended: false, paperScore: null, certification: null });
    const audit = await db.auditEntry.findMany({ where: { action: "training.record", targetId: String(recorded.sessionId) } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: trainer.id, targetType: "training_session" });
    expect((audit[0].data as { toCertify: string[] }).toCertify).toHaveLength(2);
    const confirm = await db.auditEntry.findMany({ where: { action: "training.confirm", targetId: String(recorded.sessionId) } });
    expect(confirm).toHaveLength(1);
    expect(confirm[0]).toMatchObject({ actorId: second.id, targetType: "training_session" });
    expect((confirm[0].data as { certified: string[] }).certified).toHaveLength(2);
  });
});
