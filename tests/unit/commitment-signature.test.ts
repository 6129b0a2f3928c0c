import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  checkPaperDate,
  checkScan,
  checkText,
  commitmentStanding,
  currentSignedOn,
  nameMatches,
  SCAN_MAX_BYTES,
  scanTypeOf,
  textHash,
  type SignatureRef,
} from "~/domain/commitment/signature.ts";

const v1 = { id: 11, number: 1, publishedAt: new Date("2025-09-01T01:00:00Z") };
const v2 = { id: 12, number: 2, publishedAt: new Date("2026-12-01T02:00:00Z") };
const signedV1: SignatureRef = { versionId: v1.id, kind: "ELECTRONIC", signedOn: "2025-10-02" };

describe("whether a person holds a valid commitment", () => {
  it("holds one when they signed the current text, in the app or on paper", () => {
    expect(commitmentStanding(v1, [signedV1])).toMatchObject({ status: "SIGNED", signature: signedV1 });
    expect(currentSignedOn(v1, [{ ...signedV1, kind: "PAPER" }])).toBe("2025-10-02");
  });

  it("a new text makes the earlier signature stale: nothing for the roster rule to read", () => {
    expect(commitmentStanding(v2, [signedV1])).toMatchObject({ status: "STALE", current: v2, signature: signedV1 });
    expect(currentSignedOn(v2, [signedV1])).toBeNull();
  });

  it("signing the new text makes it valid again, dated that day", () => {
    const signedV2: SignatureRef = { versionId: v2.id, kind: "ELECTRONIC", signedOn: "2026-12-03" };
    expect(commitmentStanding(v2, [signedV1, signedV2])).toMatchObject({ status: "SIGNED", signature: signedV2 });
    expect(currentSignedOn(v2, [signedV1, signedV2])).toBe("2026-12-03");
  });

  it("without a signature, or before any text is published, there is none", () => {
    expect(commitmentStanding(v1, [])).toEqual({ status: "UNSIGNED", current: v1 });
    expect(commitmentStanding(null, [signedV1])).toEqual({ status: "NO_TEXT" });
    expect(currentSignedOn(null, [])).toBeNull();
  });
});

describe("confirming by typing one's full name", () => {
  const name = "Nguyễn Thị Hồng Nhung";
  it("accepts the name as stored, with surrounding spaces forgiven", () => {
    expect(nameMatches(name, name)).toBe(true);
    expect(nameMatches(`  ${name} `, name)).toBe(true);
    // The same letters composed differently by a keyboard (NFD) are the same name.
    expect(nameMatches(name.normalize("NFD"), name)).toBe(true);
  });
  it("refuses another case, missing diacritics, a partial or an empty name", () => {
    for (const typed of ["nguyễn thị hồng nhung", "Nguyen Thi Hong Nhung", "Nguyễn Thị Hồng", "Nguyễn  Thị Hồng Nhung", "", "   "]) {
      expect(nameMatches(typed, name), typed).toBe(false);
    }
  });
});

describe("the text and its hash", () => {
  it("hashes the UTF-8 bytes with SHA-256, as PostgreSQL's check constraint does", () => {
    const text = "Tôi cam kết bảo vệ bí mật nhà nước.";
    expect(textHash(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    expect(textHash(text)).not.toBe(textHash(`${text} `));
  });
  it("stores a text in NFC with Unix line ends, and refuses an empty, too long or unchanged one", () => {
    expect(checkText("  Dòng 1\r\nDòng 2 \n", null)).toEqual({ ok: true, value: "Dòng 1\nDòng 2" });
    expect(checkText(" \n ", null)).toEqual({ ok: false, code: "EMPTY" });
    expect(checkText("a".repeat(20_001), null)).toEqual({ ok: false, code: "TOO_LONG" });
    expect(checkText("Bản cam kết\r\n", "Bản cam kết")).toEqual({ ok: false, code: "UNCHANGED" });
  });
});

describe("a paper record", () => {
  const bytes = (...b: number[]) => new Uint8Array([...b, 0x00, 0x01, 0x02]);
  it("knows a scan by its first bytes, not its name", () => {
    expect(scanTypeOf(new TextEncoder().encode("%PDF-1.7\n"))).toBe("application/pdf");
    expect(scanTypeOf(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(scanTypeOf(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe("image/png");
    expect(scanTypeOf(new TextEncoder().encode("<html><script>"))).toBeNull();
    expect(scanTypeOf(bytes(0x47, 0x49, 0x46, 0x38))).toBeNull(); // GIF
  });
  it("refuses an empty, oversized or unknown file", () => {
    expect(checkScan(new Uint8Array())).toEqual({ ok: false, code: "NO_SCAN" });
    const big = new Uint8Array(SCAN_MAX_BYTES + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(checkScan(big)).toEqual({ ok: false, code: "SCAN_TOO_LARGE" });
    expect(checkScan(new TextEncoder().encode("MZ executable"))).toEqual({ ok: false, code: "SCAN_TYPE" });
    expect(checkScan(new TextEncoder().encode("%PDF-1.4"))).toEqual({ ok: true, value: "application/pdf" });
  });
  it("dates the paper on a real day, not after today (Vietnam) and not before the text was published", () => {
    const now = new Date("2026-12-04T18:30:00Z"); // 01:30 on 05/12 in Vietnam
    expect(checkPaperDate("2026-12-05", v2, now)).toEqual({ ok: true, value: "2026-12-05" });
    expect(checkPaperDate("2026-12-06", v2, now)).toEqual({ ok: false, code: "FUTURE_DATE" });
    expect(checkPaperDate("2026-11-30", v2, now)).toEqual({ ok: false, code: "BEFORE_TEXT" });
    expect(checkPaperDate("2026-02-30", v2, now)).toEqual({ ok: false, code: "BAD_DATE" });
    expect(checkPaperDate("05/12/2026", v2, now)).toEqual({ ok: true, value: "2026-12-05" });
    expect(checkPaperDate("12/31/2026", v2, now)).toEqual({ ok: false, code: "BAD_DATE" });
  });
});
