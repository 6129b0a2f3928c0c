// Signed credentials for the duty post (decision 068): a compact payload signed
// with Ed25519, read from a QR code and checked without a network. Pure and
// browser-safe: the verifier page and the server share this module; the
// signature itself is checked by the caller (node:crypto or @noble/ed25519).
import { dayOf, type Day } from "~/domain/time/calendar.ts";

export const CREDENTIAL_PREFIX = "KT1C1";
/** A revocation list older than this is shown with a warning. */
export const LIST_STALE_MS = 24 * 60 * 60 * 1000;

export type CredentialPayload = {
  /** The certification's serial. */
  s: string;
  /** Employee code and full name of the holder. */
  e: string;
  n: string;
  /** Certification type code. */
  t: string;
  /** First and last valid day, Vietnam time. */
  f: Day;
  u: Day;
  /** The signing key's id. */
  k: string;
};

export type RevocationBody = { v: 1; issuedAt: string; kid: string; revoked: string[] };

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export function toBase64Url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [B64[(n >> 18) & 63], B64[(n >> 12) & 63], B64[(n >> 6) & 63], B64[n & 63]];
    out += chars.slice(0, Math.min(4, bytes.length - i + 1)).join("");
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    const n = [...chunk].reduce((acc, c, j) => acc | (B64.indexOf(c) << (18 - 6 * j)), 0);
    bytes.push((n >> 16) & 255);
    if (chunk.length > 2) bytes.push((n >> 8) & 255);
    if (chunk.length > 3) bytes.push(n & 255);
  }
  return Uint8Array.from(bytes);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The signed part of a credential ("KT1C1.<payload>"); the credential is this plus "." and the signature. */
export function signedPart(payload: CredentialPayload): string {
  const ordered = { s: payload.s, e: payload.e, n: payload.n, t: payload.t, f: payload.f, u: payload.u, k: payload.k };
  return `${CREDENTIAL_PREFIX}.${toBase64Url(utf8(JSON.stringify(ordered)))}`;
}

export type ParsedCredential = { payload: CredentialPayload; message: Uint8Array; signature: Uint8Array };

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_LENGTH = 1200;

/** Reads a credential's text; null when it is not one (any shape error). */
export function parseCredential(text: string): ParsedCredential | null {
  const trimmed = text.trim();
  if (trimmed.length > MAX_LENGTH) return null;
  const parts = trimmed.split(".");
  if (parts.length !== 3 || parts[0] !== CREDENTIAL_PREFIX) return null;
  const json = fromBase64Url(parts[1]);
  const signature = fromBase64Url(parts[2]);
  if (!json || !signature || signature.length !== 64) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json));
  } catch {
    return null;
  }
  if (!value || typeof value !== "object") return null;
  const p = value as Record<string, unknown>;
  const strings = ["s", "e", "n", "t", "f", "u", "k"].every((k) => typeof p[k] === "string" && (p[k] as string).length <= 200);
  if (!strings || !DAY_RE.test(p.f as string) || !DAY_RE.test(p.u as string)) return null;
  return { payload: p as CredentialPayload, message: utf8(`${parts[0]}.${parts[1]}`), signature };
}

export type Verdict = "VALID" | "NOT_YET_VALID" | "EXPIRED" | "REVOKED" | "BAD_SIGNATURE" | "UNKNOWN_KEY" | "MALFORMED";

export type VerifyFacts = {
  parsed: ParsedCredential | null;
  /** Whether the signature's key is one the verifier holds. */
  keyKnown: boolean;
  signatureValid: boolean;
  /** The newest signed revocation list the verifier holds (already checked), if any. */
  list: RevocationBody | null;
};

export type VerifyResult = {
  verdict: Verdict;
  payload: CredentialPayload | null;
  /** How old the revocation list is; null without one. */
  listAgeMs: number | null;
  listStale: boolean;
};

/** What the duty post concludes, as of `now`. */
export function verifyCredential(facts: VerifyFacts, now: Date): VerifyResult {
  const listAgeMs = facts.list ? Math.max(0, now.getTime() - Date.parse(facts.list.issuedAt)) : null;
  const listStale = listAgeMs === null || listAgeMs > LIST_STALE_MS;
  const base = { listAgeMs, listStale };
  if (!facts.parsed) return { verdict: "MALFORMED", payload: null, ...base };
  const { payload } = facts.parsed;
  if (!facts.keyKnown) return { verdict: "UNKNOWN_KEY", payload, ...base };
  if (!facts.signatureValid) return { verdict: "BAD_SIGNATURE", payload, ...base };
  if (facts.list?.revoked.includes(payload.s)) return { verdict: "REVOKED", payload, ...base };
  const today = dayOf(now);
  if (today < payload.f) return { verdict: "NOT_YET_VALID", payload, ...base };
  if (today > payload.u) return { verdict: "EXPIRED", payload, ...base };
  return { verdict: "VALID", payload, ...base };
}

/** Reads a signed list's body; null unless it has the expected shape. */
export function parseRevocationBody(body: string): RevocationBody | null {
  try {
    const v = JSON.parse(body) as Partial<RevocationBody>;
    if (v.v !== 1 || typeof v.issuedAt !== "string" || Number.isNaN(Date.parse(v.issuedAt)) || typeof v.kid !== "string") return null;
    if (!Array.isArray(v.revoked) || !v.revoked.every((s) => typeof s === "string")) return null;
    return v as RevocationBody;
  } catch {
    return null;
  }
}
