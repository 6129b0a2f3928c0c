import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCredential, parseRevocationBody } from "~/domain/credentials/credential.ts";
import { checkCredential, credentialFor, currentRevocationList, verifyWith } from "~/services/credentials/credentials.server.ts";
import { publicKeys, rotateKey } from "~/services/credentials/keys.server.ts";
import { issueCertification, lockCertificationForChange, revokeCertification } from "~/services/exams/certifications.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { confirmedSessionLine, makePerson, makeUnit } from "../support/factories.ts";
import { sqlAs } from "../support/sql.ts";

const uid = () => randomBytes(3).toString("hex").toUpperCase();
let typeId: number;
let unitId: number;

beforeAll(async () => {
  unitId = (await makeUnit({ name: `Tỉnh Thử ${uid()}`, kind: "PROVINCE" })).id;
  const type = await getDb().certificationType.create({
    data: { code: `KT1-CRED-${uid()}`, name: "Nghiệp vụ KT1 — nhân viên bưu điện", validityMonths: 24, renewalWindowDays: 90 },
  });
  typeId = type.id;
  await getDb().exam.create({ data: { certificationTypeId: typeId, title: "Sát hạch thử", topics: {}, passPercent: 80 } });
});

async function certified(fullName: string) {
  const person = await makePerson({ unitId, fullName });
  const now = new Date();
  const line = await confirmedSessionLine({ personId: person.id, certificationTypeId: typeId, heldOn: "2026-11-20", at: now });
  return getDb().$transaction((tx) =>
    issueCertification(
      tx,
      { personId: person.id, certificationTypeId: typeId, source: "IN_PERSON", trainingAttendanceId: line.attendanceId },
      line.confirmerId,
      now,
    ),
  );
}

function tamper(credential: string) {
  const [prefix, body, signature] = credential.split(".");
  const payload = JSON.parse(Buffer.from(body, "base64url").toString());
  payload.u = "2099-12-31";
  return [prefix, Buffer.from(JSON.stringify(payload)).toString("base64url"), signature].join(".");
}

describe("signed credentials for the duty post (decision 068)", () => {
  it("verify with the published public key, and fail when any byte of the payload changes", async () => {
    const cert = await certified("Trần Văn Kiểm");
    const credential = (await credentialFor(cert.id))!;
    const parsed = parseCredential(credential)!;
    expect(parsed.payload).toMatchObject({ s: cert.serial, n: "Trần Văn Kiểm", f: cert.validFrom.toISOString().slice(0, 10) });
    const key = (await publicKeys()).find((k) => k.kid === parsed.payload.k)!;
    expect(verifyWith(key.publicKey, parsed.message, parsed.signature)).toBe(true);
    expect((await checkCredential(credential)).verdict).toBe("VALID");

    const forged = tamper(credential);
    const f = parseCredential(forged)!;
    expect(verifyWith(key.publicKey, f.message, f.signature)).toBe(false);
    expect((await checkCredential(forged)).verdict).toBe("BAD_SIGNATURE");
  });

  it("a revocation is in the next signed list, and the credential then checks as revoked", async () => {
    const cert = await certified("Lê Thị Thu Hồi");
    const credential = (await credentialFor(cert.id))!;
    const before = parseRevocationBody((await currentRevocationList()).body)!;
    expect(before.revoked).not.toContain(cert.serial);

    await getDb().$transaction(async (tx) => {
      await lockCertificationForChange(tx, cert.id);
      await revokeCertification(tx, cert.id, "Vi phạm quy định bảo mật", null, new Date());
    });
    const list = await currentRevocationList();
    const body = parseRevocationBody(list.body)!;
    expect(body.revoked).toContain(cert.serial);
    const key = (await publicKeys()).find((k) => k.kid === list.kid)!;
    expect(verifyWith(key.publicKey, Buffer.from(list.body), Buffer.from(list.signature, "base64url"))).toBe(true);
    expect(verifyWith(key.publicKey, Buffer.from(list.body.replace(cert.serial, "X")), Buffer.from(list.signature, "base64url"))).toBe(
      false,
    );
    expect((await checkCredential(credential)).verdict).toBe("REVOKED");
  });

  it("after a key rotation, credentials signed before still verify and new ones use the new key", async () => {
    const cert = await certified("Phạm Văn Xoay");
    const old = (await credentialFor(cert.id))!;
    const kid = await rotateKey(null, new Date());
    const fresh = (await credentialFor(cert.id))!;
    expect(parseCredential(fresh)!.payload.k).toBe(kid);
    expect(parseCredential(old)!.payload.k).not.toBe(kid);
    expect((await checkCredential(old)).verdict).toBe("VALID");
    expect((await checkCredential(fresh)).verdict).toBe("VALID");
    const keys = await publicKeys();
    expect(keys.filter((k) => k.retiredAt === null)).toHaveLength(1);
  });

  it("stores the private key sealed, and the app's role cannot delete or alter a key", async () => {
    await credentialFor((await certified("Đỗ Văn Khóa")).id);
    const { rows } = await sqlAs<{ private_key_sealed: string }>("app", "select private_key_sealed from signing_keys");
    for (const r of rows) expect(r.private_key_sealed).not.toMatch(/PRIVATE KEY|^MC4CAQ/);
    await expect(sqlAs("app", "delete from signing_keys")).rejects.toThrow(/permission denied|never changed or deleted/);
    await expect(sqlAs("app", "update signing_keys set public_key = 'x'")).rejects.toThrow(/never changed or deleted/);
  });
});
