import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Prisma } from "~/generated/prisma/client.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";

// The Ed25519 keys that sign credentials and revocation lists (decision 068).
// The private key lives in the database sealed with AES-256-GCM under a key the
// database never sees (CREDENTIAL_KEY or its file); the opened key is cached in
// memory only. Rotation retires the signing key; its public half stays published.

export type ActiveKey = { kid: string; privateKey: KeyObject; publicKey: string };
export type PublicKeyRow = { kid: string; publicKey: string; createdAt: string; retiredAt: string | null };

let sealingKey: Buffer | undefined;
let active: ActiveKey | undefined;

function readSealingKey(): Buffer {
  if (sealingKey) return sealingKey;
  const env = getEnv();
  if (env.CREDENTIAL_KEY) return (sealingKey = Buffer.from(env.CREDENTIAL_KEY, "base64"));
  const file = path.resolve(env.CREDENTIAL_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== 32) throw new Error(`${file} must hold 32 bytes in base64 (the credential sealing key, decision 068)`);
  return (sealingKey = key);
}

function seal(der: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", readSealingKey(), iv);
  const body = Buffer.concat([cipher.update(der), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

function open(sealed: string, kid: string): KeyObject {
  const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  try {
    const decipher = createDecipheriv("aes-256-gcm", readSealingKey(), iv);
    decipher.setAuthTag(tag);
    return createPrivateKey({ key: Buffer.concat([decipher.update(body), decipher.final()]), format: "der", type: "pkcs8" });
  } catch {
    throw new Error(
      `The credential signing key ${kid} cannot be opened with this CREDENTIAL_KEY: every host needs the key the database was sealed with (decision 068).`,
    );
  }
}

const rawPublicKey = (key: KeyObject) => createPublicKey(key).export({ format: "jwk" }).x as string;

async function createKey(tx: Tx, now: Date) {
  const { privateKey } = generateKeyPairSync("ed25519");
  const kid = `${now.toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(3).toString("hex")}`;
  const der = privateKey.export({ format: "der", type: "pkcs8" });
  await tx.signingKey.create({ data: { kid, publicKey: rawPublicKey(privateKey), privateKeySealed: seal(der), createdAt: now } });
  return { kid, privateKey, publicKey: rawPublicKey(privateKey) };
}

/** The key that signs now, created on first use (two hosts racing: the unique index picks one). */
export async function activeKey(now = new Date()): Promise<ActiveKey> {
  const row = await getDb().signingKey.findFirst({ where: { retiredAt: null } });
  if (active && row?.kid === active.kid) return active;
  if (row) return (active = { kid: row.kid, privateKey: open(row.privateKeySealed, row.kid), publicKey: row.publicKey });
  try {
    active = await getDb().$transaction((tx) => createKey(tx, now));
    return active;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return activeKey(now);
    throw error;
  }
}

/** Every key ever used, newest first: verifiers keep old ones for credentials signed before a rotation. */
export async function publicKeys(): Promise<PublicKeyRow[]> {
  const rows = await getDb().signingKey.findMany({ orderBy: { id: "desc" } });
  return rows.map((r) => ({
    kid: r.kid,
    publicKey: r.publicKey,
    createdAt: r.createdAt.toISOString(),
    retiredAt: r.retiredAt?.toISOString() ?? null,
  }));
}

/** Retires the signing key and makes a new one, audited. Credentials signed before stay verifiable. */
export async function rotateKey(actorId: number | null, now: Date) {
  const made = await auditedTransaction(async (tx) => {
    const old = await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now } });
    const key = await createKey(tx, now);
    await appendAudit(
      tx,
      { actorId, action: "credential.key.rotate", targetType: "signing_key", targetId: key.kid, data: { retired: old.count } },
      now,
    );
    return key;
  });
  active = made;
  return made.kid;
}
