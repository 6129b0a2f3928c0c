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
// is published whenever someone asks and the newest is a day old or no longer
// carries exactly the revoked set (so after every revocation).

export type SignedList = { kid: string; body: string; signature: string };
type Db = Tx | ReturnType<typeof getDb>;

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

/** Serials of the revoked certifications not yet expired, as of `now`. */
async function revokedSerials(db: Db, now: Date): Promise<string[]> {
  const rows = await db.$queryRaw<{ serial: string }[]>`
    select serial from certifications where revoked_at is not null and valid_until >= (${now}::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date
     order by serial`;
  return rows.map((r) => r.serial);
}

/** Signs and stores a new list of the revoked certifications not yet expired. */
export async function publishRevocationList(db: Db, now: Date, serials?: string[]): Promise<SignedList> {
  const revoked = serials ?? (await revokedSerials(db, now));
  const key = await activeKey(now);
  const body: RevocationBody = { v: 1, issuedAt: now.toISOString(), kid: key.kid, revoked };
  const text = JSON.stringify(body);
  const signature = sign(null, Buffer.from(text), key.privateKey).toString("base64url");
  await db.revocationList.create({ data: { issuedAt: now, kid: key.kid, body: text, signature } });
  return { kid: key.kid, body: text, signature };
}

/**
 * The newest signed list, publishing a new one first when there is none, it is a day old, or
 * the revoked set differs from the one it carries: a revocation shows in the next list anyone
 * asks for (compared by content, not by time, so a revocation committing late is never missed).
 * Not published inside the revocation's own transaction: signing may need the key's first
 * creation, on another connection, which a transaction holding one must not wait for.
 */
export async function currentRevocationList(now = new Date()): Promise<SignedList> {
  const db = getDb();
  const [latest, serials] = await Promise.all([db.revocationList.findFirst({ orderBy: { id: "desc" } }), revokedSerials(db, now)]);
  const carried = latest ? parseRevocationBody(latest.body)?.revoked : undefined;
  const fresh =
    latest && now.getTime() - latest.issuedAt.getTime() < DAY_MS && carried !== undefined && carried.join("\n") === serials.join("\n");
  if (fresh) return { kid: latest.kid, body: latest.body, signature: latest.signature };
  return publishRevocationList(db, now, serials);
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
