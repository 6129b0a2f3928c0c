import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

// The two ways the app fingerprints data, one helper each: the audit chain's
// hashes, API idempotency, token and session ids, signed texts and asset names.

/** SHA-256 of the text's UTF-8 bytes, as lowercase hex. */
export function sha256Hex(text: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

/**
 * JSON with object keys sorted at every level and undefined members left out:
 * one text per value, so equal data always hashes the same (key order and
 * spacing do not count). The audit chain hashes exactly this text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
