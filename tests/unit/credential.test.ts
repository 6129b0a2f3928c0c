import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  fromBase64Url,
  parseCredential,
  signedPart,
  toBase64Url,
  verifyCredential,
  type CredentialPayload,
} from "~/domain/credentials/credential.ts";

const payload: CredentialPayload = {
  s: "KT1-2026-000123",
  e: "TH0001",
  n: "Lê Thị Thu Trang",
  t: "KT1-VAN-THU",
  f: "2026-01-10",
  u: "2028-01-09",
  k: "k1",
};
const { privateKey } = generateKeyPairSync("ed25519");
const credential = (p = payload) => `${signedPart(p)}.${sign(null, Buffer.from(signedPart(p)), privateKey).toString("base64url")}`;
const at = (iso: string) => new Date(iso);
const list = (issuedAt: string, revoked: string[] = []) => ({ v: 1 as const, issuedAt, kid: "k1", revoked });

describe("signed credentials (decision 068)", () => {
  it("base64url round-trips every length and matches Node's encoding", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) % 256);
      expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString("base64url"));
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
    expect(fromBase64Url("a+b/")).toBeNull();
  });

  it("reads a credential back, Vietnamese name included, and refuses anything else", () => {
    const parsed = parseCredential(credential());
    expect(parsed?.payload).toEqual(payload);
    expect(new TextDecoder().decode(parsed!.message)).toBe(signedPart(payload));
    for (const bad of [
      "",
      "KT1C1",
      "KT1C1.abc.def",
      "https://kt1.example/verify/abc",
      `X${credential()}`,
      credential().slice(0, -3),
      "KT1C1." + "a".repeat(2000) + ".b",
    ]) {
      expect(parseCredential(bad)).toBeNull();
    }
  });

  it("is valid from its first to its last day in Vietnam time, and not outside them", () => {
    const facts = { parsed: parseCredential(credential()), keyKnown: true, signatureValid: true, list: list("2026-06-01T00:00:00Z") };
    expect(verifyCredential(facts, at("2026-01-09T16:59:59Z")).verdict).toBe("NOT_YET_VALID");
    expect(verifyCredential(facts, at("2026-01-09T17:00:00Z")).verdict).toBe("VALID");
    expect(verifyCredential(facts, at("2028-01-09T16:59:59Z")).verdict).toBe("VALID");
    expect(verifyCredential(facts, at("2028-01-09T17:00:00Z")).verdict).toBe("EXPIRED");
  });

  it("says revoked when the signed list names it, bad signature or unknown key before anything else", () => {
    const parsed = parseCredential(credential());
    const now = at("2026-06-01T08:00:00Z");
    const revoked = list("2026-06-01T07:00:00Z", [payload.s]);
    expect(verifyCredential({ parsed, keyKnown: true, signatureValid: true, list: revoked }, now).verdict).toBe("REVOKED");
    expect(verifyCredential({ parsed, keyKnown: true, signatureValid: false, list: revoked }, now).verdict).toBe("BAD_SIGNATURE");
    expect(verifyCredential({ parsed, keyKnown: false, signatureValid: false, list: revoked }, now).verdict).toBe("UNKNOWN_KEY");
    expect(verifyCredential({ parsed: null, keyKnown: false, signatureValid: false, list: revoked }, now).verdict).toBe("MALFORMED");
  });

  it("warns when the revocation list is more than 24 hours old or missing", () => {
    const parsed = parseCredential(credential());
    const now = at("2026-06-02T08:00:00Z");
    expect(verifyCredential({ parsed, keyKnown: true, signatureValid: true, list: list("2026-06-01T08:00:00Z") }, now).listStale).toBe(
      false,
    );
    const old = verifyCredential({ parsed, keyKnown: true, signatureValid: true, list: list("2026-06-01T07:59:59Z") }, now);
    expect(old.listStale).toBe(true);
    expect(old.verdict).toBe("VALID");
    expect(verifyCredential({ parsed, keyKnown: true, signatureValid: true, list: null }, now)).toMatchObject({
      listStale: true,
      listAgeMs: null,
    });
  });
});
