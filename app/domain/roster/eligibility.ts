// Who may take a KT1 duty. The same rule is enforced by PostgreSQL
// (assignment_violations in the roster migration); this pure version gives the
// reasons to people before anything is written, and tests hold both to the
// same cases. There is no override.
import { addDays, dayOf, startOfDay, type Day } from "../exams/validity.ts";

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
export type ReasonCode = (typeof REASON_CODES)[number];

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

export function checkEligibility(input: EligibilityInput): { ok: true } | { ok: false; reasons: Reason[] } {
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
    else if (live.some((c) => startOfDay(c.validFrom).getTime() > s)) add({ code: "CERTIFICATION_NOT_YET_VALID", certificationTypeId: typeId });
    else if (live.length > 0) add({ code: "CERTIFICATION_EXPIRES_BEFORE_END", certificationTypeId: typeId });
    else add({ code: "CERTIFICATION_REVOKED", certificationTypeId: typeId });
  }
  const startDay = dayOf(duty.startsAt);
  if (monthsBetween(person.workStartedOn, startDay) < dutyType.minExperienceMonths) add({ code: "INSUFFICIENT_EXPERIENCE" });
  if (dutyType.requiresCommitment && (person.commitmentSignedOn === null || person.commitmentSignedOn > startDay)) add({ code: "NO_COMMITMENT" });
  if (input.otherAssignments.some((a) => a.startsAt.getTime() < e && a.endsAt.getTime() > s)) add({ code: "OVERLAPPING_ASSIGNMENT" });
  return reasons.length ? { ok: false, reasons } : { ok: true };
}

export const REASON_MESSAGES: Record<ReasonCode, { vi: string; en: string }> = {
  NO_CERTIFICATION: { vi: "Chưa có chứng nhận bắt buộc cho nhiệm vụ này.", en: "Holds no certification this duty requires." },
  CERTIFICATION_NOT_YET_VALID: { vi: "Chứng nhận chưa có hiệu lực khi ca trực bắt đầu.", en: "The certification is not yet valid when the duty starts." },
  CERTIFICATION_EXPIRES_BEFORE_END: { vi: "Chứng nhận hết hạn trước khi ca trực kết thúc.", en: "The certification expires before the duty ends." },
  CERTIFICATION_REVOKED: { vi: "Chứng nhận đã bị thu hồi.", en: "The certification has been revoked." },
  INSUFFICIENT_EXPERIENCE: { vi: "Chưa đủ thời gian công tác tối thiểu cho nhiệm vụ này.", en: "Too little work experience for this duty." },
  NO_COMMITMENT: { vi: "Chưa có bản cam kết bảo vệ bí mật nhà nước trong hồ sơ.", en: "No written commitment to protect state secrets on file." },
  PERSON_INACTIVE: { vi: "Người này không còn làm việc.", en: "This person is no longer active." },
  OVERLAPPING_ASSIGNMENT: { vi: "Đã được phân công một ca trùng thời gian.", en: "Already assigned to an overlapping duty." },
};

export function reasonMessage(code: ReasonCode, locale: "vi" | "en") {
  return REASON_MESSAGES[code][locale];
}
