// The commitment to protect state secrets (decision 044): a versioned text,
// signed in the app (the person types their full name) or recorded by an admin
// as signed on paper, with a scan. Only a signature of the current (highest-
// numbered) text counts; a newer text makes older signatures stale. The roster
// rule reads the day the current text was signed (currentSignedOn here, and
// current_commitment_signed_on in migration 20261205100000).
import { sha256Hex } from "~/domain/hashing.ts";
import { refused, ok, type Result } from "../result.ts";
import { dayOf, type Day } from "../time/calendar.ts";
import { parseTypedDay } from "../time/typed-day.ts";

export type VersionRef = { id: number; number: number; publishedAt: Date };
export type SignatureRef = { versionId: number; kind: "ELECTRONIC" | "PAPER"; signedOn: Day };

export type CommitmentStanding =
  | { status: "NO_TEXT" }
  | { status: "UNSIGNED"; current: VersionRef }
  | { status: "STALE"; current: VersionRef; signature: SignatureRef }
  | { status: "SIGNED"; current: VersionRef; signature: SignatureRef };

/** Where a person stands against the current text, given every signature of theirs. */
export function commitmentStanding(current: VersionRef | null, signatures: SignatureRef[]): CommitmentStanding {
  if (!current) return { status: "NO_TEXT" };
  const signed = signatures.find((s) => s.versionId === current.id);
  if (signed) return { status: "SIGNED", current, signature: signed };
  const latest = [...signatures].sort((a, b) => (a.signedOn < b.signedOn ? 1 : a.signedOn > b.signedOn ? -1 : 0))[0];
  return latest ? { status: "STALE", current, signature: latest } : { status: "UNSIGNED", current };
}

/** The day the current text was signed, as the roster rule reads it; null when it was not. */
export function currentSignedOn(current: VersionRef | null, signatures: SignatureRef[]): Day | null {
  const standing = commitmentStanding(current, signatures);
  return standing.status === "SIGNED" ? standing.signature.signedOn : null;
}

/** SHA-256 of the text's UTF-8 bytes, hex: what a signature records as the text signed. */
export function textHash(text: string): string {
  return sha256Hex(text);
}

export const TEXT_MAX_LENGTH = 20_000;

/** A text as it is stored: NFC, Unix line ends, no surrounding blank space. */
export function checkText(raw: string, currentText: string | null): Result<string, "EMPTY" | "TOO_LONG" | "UNCHANGED"> {
  const text = raw.normalize("NFC").replace(/\r\n?/g, "\n").trim();
  if (text === "") return refused("EMPTY");
  if (text.length > TEXT_MAX_LENGTH) return refused("TOO_LONG");
  if (text === currentText) return refused("UNCHANGED");
  return ok(text);
}

/**
 * The confirmation typed before signing: the person's full name as stored,
 * same case and diacritics; only surrounding spaces are forgiven (and the
 * Unicode form, since keyboards compose Vietnamese letters differently).
 */
export function nameMatches(typed: string, fullName: string): boolean {
  return typed.normalize("NFC").trim() === fullName.normalize("NFC").trim() && typed.trim() !== "";
}

// ---------------------------------------------------------------------------
// Paper records
// ---------------------------------------------------------------------------

export const SCAN_MAX_BYTES = 5 * 1024 * 1024;
export const SCAN_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type ScanType = (typeof SCAN_TYPES)[number];

const MAGIC: [ScanType, number[]][] = [
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
];

/** What the file is by its first bytes (never by its name or the browser's word). */
export function scanTypeOf(bytes: Uint8Array): ScanType | null {
  for (const [type, magic] of MAGIC) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

export type ScanProblem = "NO_SCAN" | "SCAN_TOO_LARGE" | "SCAN_TYPE";
export type DateProblem = "BAD_DATE" | "FUTURE_DATE" | "BEFORE_TEXT";

export function checkScan(bytes: Uint8Array): Result<ScanType, ScanProblem> {
  if (bytes.length === 0) return refused("NO_SCAN");
  if (bytes.length > SCAN_MAX_BYTES) return refused("SCAN_TOO_LARGE");
  const type = scanTypeOf(bytes);
  return type ? ok(type) : refused("SCAN_TYPE");
}

/** The date written on the paper (typed dd/mm/yyyy): a real day, not after today, not before the text was published. */
export function checkPaperDate(raw: string, current: VersionRef, now: Date): Result<Day, DateProblem> {
  const typed = parseTypedDay(raw);
  if (!typed.ok || typed.value === null) return refused("BAD_DATE");
  const day = typed.value;
  if (day > dayOf(now)) return refused("FUTURE_DATE");
  if (day < dayOf(current.publishedAt)) return refused("BEFORE_TEXT");
  return ok(day);
}
