// The two-person rule of in-person training sessions (decision 029): whoever
// records a session's results cannot make them certifications alone. A second
// person confirms (or rejects, with a reason) once; only then are the passing
// lines certified. Its SQL twin is training_sessions_guard and
// certifications_origin (migration 20261204100000): the database refuses what
// this refuses, whatever the app sends.
import { ok, refused, type Result } from "../result.ts";
import { can, type Grant } from "~/domain/access/permissions.ts";

export type SessionStatus = "PENDING" | "CONFIRMED" | "REJECTED";

export type DecisionRefusal =
  /** Already confirmed or rejected: a session is decided once. */
  | "decided"
  /** The person who recorded the session. */
  | "recorder"
  /** Listed in the session (present or absent). */
  | "participant"
  /** No TRAINER/ADMIN role over every listed person's unit. */
  | "noRole"
  /** A rejection needs its reason. */
  | "reason";

const REJECT_REASON_MIN = 5;
export const REJECT_REASON_MAX = 500;

export type SessionForDecision = {
  status: SessionStatus;
  recordedById: number;
  /** Every listed person, with the root-to-unit ids of their unit. */
  lines: readonly { personId: number; unitPath: readonly number[] }[];
};

export type Decider = { personId: number; grants: readonly Grant[] };

export type Decision = { kind: "confirm" } | { kind: "reject"; reason: string };

/**
 * Every reason `decider` may not decide on `session` (empty: they may). The
 * role is `training:record`, which only TRAINER and ADMIN hold, over the unit
 * of every person listed: the confirmer vouches for the whole session.
 */
export function decisionRefusals(session: SessionForDecision, decider: Decider): DecisionRefusal[] {
  const reasons: DecisionRefusal[] = [];
  if (session.status !== "PENDING") reasons.push("decided");
  if (decider.personId === session.recordedById) reasons.push("recorder");
  if (session.lines.some((l) => l.personId === decider.personId)) reasons.push("participant");
  if (session.lines.length === 0 || !session.lines.every((l) => can(decider.grants, "training:record", l.unitPath))) reasons.push("noRole");
  return reasons;
}

export type DecisionResult = Result<
  { status: "CONFIRMED" | "REJECTED"; decidedById: number; decidedAt: Date; rejectReason: string | null },
  "REFUSED",
  DecisionRefusal
>;

/** The session's next state when `decider` makes `decision` at `now`, or every reason they may not. */
export function decideSession(session: SessionForDecision, decider: Decider, decision: Decision, now: Date): DecisionResult {
  const reasons = decisionRefusals(session, decider);
  const reason = decision.kind === "reject" ? decision.reason.trim() : null;
  if (reason !== null && (reason.length < REJECT_REASON_MIN || reason.length > REJECT_REASON_MAX)) reasons.push("reason");
  if (reasons.length > 0) return refused("REFUSED", reasons);
  return ok({
    status: decision.kind === "confirm" ? "CONFIRMED" : "REJECTED",
    decidedById: decider.personId,
    decidedAt: now,
    rejectReason: reason,
  });
}
