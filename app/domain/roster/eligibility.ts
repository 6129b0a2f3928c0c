// Who may take a KT1 duty. The same rule is enforced by PostgreSQL
// (assignment_violations in the roster migration); this pure version gives the
// reasons to people before anything is written, and tests hold both to the
// same cases (tests/support/kt1-rule-cases.ts). There is no override. The
// reasons' words are in app/i18n/roster.ts (reasonKey).
import { ok, refused, type Result } from "../result.ts";
import { addDays, dayOf, startOfDay, type Day } from "~/domain/time/calendar.ts";

export const REASON_CODES = [
  "NO_CERTIFICATION",
  "CERTIFICATION_NOT_YET_VALID",
  "CERTIFICATION_EXPIRES_BEFORE_END",
  "CERTIFICATION_REVOKED",
  "INSUFFICIENT_EXPERIENCE",
  "NO_COMMITMENT",
  "PERSON_INACTIVE",
  "OVERLAPPING_ASSIGNMENT",
] as const;
/** Reasons of the two-person rule (./pair.ts), about the shift's people rather than the person alone. */
export const PAIR_REASON_CODES = ["PAIR_NEEDS_SENIOR", "PAIR_WOULD_BREAK"] as const;
/** Every reason a refusal may give, as the refusal log and the API list them. */
export const ALL_REASON_CODES = [...REASON_CODES, ...PAIR_REASON_CODES] as const;
export type ReasonCode = (typeof ALL_REASON_CODES)[number];

export type Reason = { code: ReasonCode; certificationTypeId?: number };

export type EligibilityInput = {
  duty: { startsAt: Date; endsAt: Date };
  dutyType: { requiredCertificationTypeIds: number[]; minExperienceMonths: number; requiresCommitment: boolean };
  /** commitmentSignedOn: the day the CURRENT commitment text was signed (in the app or on paper), null when it was not (decision 044). */
  person: { status: "ACTIVE" | "LEFT"; workStartedOn: Day; commitmentSignedOn: Day | null };
  certifications: { certificationTypeId: number; validFrom: Day; validUntil: Day; revokedAt: Date | null }[];
  /** The person's other active assignments. */
  otherAssignments: { startsAt: Date; endsAt: Date }[];
};

/** Whole months from `from` to `to` (calendar days), as PostgreSQL's age() counts them. */
export function monthsBetween(from: Day, to: Day): number {
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months -= 1;
  return months;
}

/** The rule's answer: eligible, or refused as NOT_ELIGIBLE with every reason. */
export type Eligibility = Result<undefined, "NOT_ELIGIBLE", Reason>;

export function checkEligibility(input: EligibilityInput): Eligibility {
  const { duty, dutyType, person } = input;
  const s = duty.startsAt.getTime();
  const e = duty.endsAt.getTime();
  const reasons: Reason[] = [];
  const add = (r: Reason) => {
    if (!reasons.some((x) => x.code === r.code)) reasons.push(r);
  };
  if (person.status !== "ACTIVE") add({ code: "PERSON_INACTIVE" });
  for (const typeId of [...dutyType.requiredCertificationTypeIds].sort((a, b) => a - b)) {
    const held = input.certifications.filter((c) => c.certificationTypeId === typeId);
    // A certification revoked after the duty ended was valid for that duty.
    const live = held.filter((c) => c.revokedAt === null || c.revokedAt.getTime() >= e);
    const covering = live.some((c) => startOfDay(c.validFrom).getTime() <= s && startOfDay(addDays(c.validUntil, 1)).getTime() >= e);
    if (covering) continue;
    if (held.length === 0) add({ code: "NO_CERTIFICATION", certificationTypeId: typeId });
    else if (live.some((c) => startOfDay(c.validFrom).getTime() > s))
      add({ code: "CERTIFICATION_NOT_YET_VALID", certificationTypeId: typeId });
    else if (live.length > 0) add({ code: "CERTIFICATION_EXPIRES_BEFORE_END", certificationTypeId: typeId });
    else add({ code: "CERTIFICATION_REVOKED", certificationTypeId: typeId });
  }
  const startDay = dayOf(duty.startsAt);
  if (monthsBetween(person.workStartedOn, startDay) < dutyType.minExperienceMonths) add({ code: "INSUFFICIENT_EXPERIENCE" });
  if (dutyType.requiresCommitment && (person.commitmentSignedOn === null || person.commitmentSignedOn > startDay))
    add({ code: "NO_COMMITMENT" });
  if (input.otherAssignments.some((a) => a.startsAt.getTime() < e && a.endsAt.getTime() > s)) add({ code: "OVERLAPPING_ASSIGNMENT" });
  return reasons.length ? refused("NOT_ELIGIBLE", reasons) : ok();
}
