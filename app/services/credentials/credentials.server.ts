import { createPublicKey, sign, verify } from "node:crypto";
import {
  parseCredential,
  parseRevocationBody,
  signedPart,
  verifyCredential,
  type RevocationBody,
  type VerifyResult,
} from "~/domain/credentials/credential.ts";
import { DAY_MS, fromDateColumn } from "~/domain/time/calendar.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { activeKey, publicKeys } from "./keys.server.ts";

// Signed credentials and signed revocation lists (decision 068). A list holds
// the serials of revoked certifications still inside their validity; a new one
// is published in the transaction of every revocation, and whenever the newest
// is a day old when someone asks for it.

export type SignedList = { kid: string; body: string; signature: string };
type Db = Tx | ReturnType<typeof getDb>;

const signText = async (text: string, now: Date) => {
  const key = await activeKey(now);
  return { kid: key.kid, signature: sign(null, Buffer.from(text), key.privateKey).toString("base64url") };
};

/** The signed credential of a certification (its QR code's text); null when there is none. */
export async function credentialFor(certificationId: number, now = new Date()): Promise<string | null> {
  const cert = await getDb().certification.findUnique({
    where: { id: certificationId },
    select: {
      serial: true,
      validFrom: true,
      validUntil: true,
      person: { select: { employeeCode: true, fullName: true } },
      certificationType: { select: { code: true } },
    },
  });
  if (!cert) return null;
  const key = await activeKey(now);
  const part = signedPart({
    s: cert.serial,
    e: cert.person.employeeCode,
    n: cert.person.fullName,
    t: cert.certificationType.code,
    f: fromDateColumn(cert.validFrom),
    u: fromDateColumn(cert.validUntil),
    k: key.kid,
  });
  return `${part}.${sign(null, Buffer.from(part), key.privateKey).toString("base64url")}`;
}

/** Signs and stores a new list of the revoked certifications not yet expired. */
export async function publishRevocationList(db: Db, now: Date): Promise<SignedList> {
  const rows = await db.$queryRaw<{ serial: string }[]>`
    select serial from certifications where revoked_at is not null and valid_until >= (${now}::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date
     order by serial`;
  const key = await activeKey(now);
  const body: RevocationBody = { v: 1, issuedAt: now.toISOString(), kid: key.kid, revoked: rows.map((r) => r.serial) };
  const text = JSON.stringify(body);
  const { signature } = await signText(text, now);
  await db.revocationList.create({ data: { issuedAt: now, kid: key.kid, body: text, signature } });
  return { kid: key.kid, body: text, signature };
}

/** The newest signed list, publishing one first when there is none, it is a day old, or a revocation came after it. */
export async function currentRevocationList(now = new Date()): Promise<SignedList> {
  const db = getDb();
  const latest = await db.revocationList.findFirst({ orderBy: { issuedAt: "desc" } });
  const [{ last }] = await db.$queryRaw<{ last: Date | null }[]>`select max(revoked_at) as last from certifications`;
  const fresh = latest && now.getTime() - latest.issuedAt.getTime() < DAY_MS && (!last || last <= latest.issuedAt);
  if (fresh) return { kid: latest.kid, body: latest.body, signature: latest.signature };
  return publishRevocationList(db, now);
}

/** Checks a credential as the duty post's page does, on the server (admin tools and tests). */
export async function checkCredential(text: string, now = new Date()): Promise<VerifyResult> {
  const parsed = parseCredential(text);
  const keys = await publicKeys();
  const key = parsed ? keys.find((k) => k.kid === parsed.payload.k) : undefined;
  const list = await currentRevocationList(now);
  const signatureValid = !!(parsed && key && verifyWith(key.publicKey, parsed.message, parsed.signature));
  const listKey = keys.find((k) => k.kid === list.kid);
  const listOk = !!listKey && verifyWith(listKey.publicKey, Buffer.from(list.body), Buffer.from(list.signature, "base64url"));
  return verifyCredential({ parsed, keyKnown: !!key, signatureValid, list: listOk ? parseRevocationBody(list.body) : null }, now);
}

/** Ed25519 verification with a raw public key (base64url, 32 bytes). */
export function verifyWith(publicKey: string, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: publicKey }, format: "jwk" });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}
