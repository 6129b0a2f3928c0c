// The commitment as an obligation (issue 13, decision 048): who must have signed
// the current text, by when, and where they stand now. Pure; the caller loads
// the person's position, their obligations, the current text and their
// signatures (app/services/obligations/read.server.ts).
import { commitmentStanding, type SignatureRef, type VersionRef } from "~/domain/commitment/signature.ts";
import { addDays, dayOf, type Day } from "~/domain/time/calendar.ts";

/** Days to sign after taking a position that needs it, or after a new text is published. */
export const COMMITMENT_DUE_DAYS = 30;

export type CommitmentPerson = {
  status: "ACTIVE" | "LEFT";
  /** The position has access to state secrets. */
  secretAccess: boolean;
  /** The person must hold a certification that gates KT1 duties. */
  gatesKt1Duty: boolean;
  positionSince: Day;
};

export type CommitmentObligation = {
  status: "COMPLIANT" | "DUE" | "OVERDUE";
  /** Null while compliant; else the day the current text must be signed by. */
  dueOn: Day | null;
  /** The current text's number. */
  version: number;
  /** The day the current text was signed (COMPLIANT), or the latest older one was (a stale signature). */
  signedOn: Day | null;
  /** An older text was signed, not the current one. */
  stale: boolean;
};

/** Who must sign: whoever may see state secrets or must hold a certification that gates KT1 duties. */
export function mustSign(person: CommitmentPerson): boolean {
  return person.status === "ACTIVE" && (person.secretAccess || person.gatesKt1Duty);
}

/**
 * Null when the person need not sign or there is no text yet. Otherwise
 * COMPLIANT when the current text is signed; without that, DUE until the later
 * of "took the position" and "the text was published" plus COMMITMENT_DUE_DAYS,
 * OVERDUE after it. A new text makes an older signature stale: DUE again, with
 * its own date.
 */
export function commitmentObligation(
  person: CommitmentPerson,
  current: VersionRef | null,
  signatures: readonly SignatureRef[],
  now: Date,
): CommitmentObligation | null {
  if (!current || !mustSign(person)) return null;
  const standing = commitmentStanding(current, [...signatures]);
  if (standing.status === "SIGNED") {
    return { status: "COMPLIANT", dueOn: null, version: current.number, signedOn: standing.signature.signedOn, stale: false };
  }
  const published = dayOf(current.publishedAt);
  const from = person.positionSince > published ? person.positionSince : published;
  const dueOn = addDays(from, COMMITMENT_DUE_DAYS);
  const stale = standing.status === "STALE";
  return {
    status: dayOf(now) <= dueOn ? "DUE" : "OVERDUE",
    dueOn,
    version: current.number,
    signedOn: stale ? standing.signature.signedOn : null,
    stale,
  };
}
