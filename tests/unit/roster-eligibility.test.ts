import { describe, expect, it } from "vitest";
import { checkEligibility, monthsBetween, REASON_CODES, type EligibilityInput } from "~/domain/roster/eligibility.ts";
import { KT1_CASES, ruleInputOf } from "../support/kt1-rule-cases.ts";

// A duty from 07:00 to 11:30 on 10/12/2026, Vietnam time (00:00–04:30 UTC).
const duty = { startsAt: new Date("2026-12-10T00:00:00Z"), endsAt: new Date("2026-12-10T04:30:00Z") };
const CERT = 1;
const base: EligibilityInput = {
  duty,
  dutyType: { requiredCertificationTypeIds: [CERT], minExperienceMonths: 6, requiresCommitment: true },
  person: { status: "ACTIVE", workStartedOn: "2020-01-01", commitmentSignedOn: "2020-02-01" },
  certifications: [{ certificationTypeId: CERT, validFrom: "2025-06-10", validUntil: "2027-06-09", revokedAt: null }],
  otherAssignments: [],
};
const codes = (input: Partial<EligibilityInput>) => {
  const r = checkEligibility({ ...base, ...input });
  return r.ok ? [] : (r.reasons ?? []).map((x) => x.code);
};

// The table the SQL parity test (tests/integration/roster-rule.test.ts) runs through the trigger too.
describe("the KT1 rule's table of cases", () => {
  it("covers every reason code", () => {
    expect(new Set(KT1_CASES.flatMap((c) => c.expected))).toEqual(new Set(REASON_CODES));
  });
  for (const c of KT1_CASES) {
    it(c.name, () => {
      const r = checkEligibility(ruleInputOf(c));
      expect(r.ok ? [] : (r.reasons ?? []).map((x) => x.code)).toEqual(c.expected);
    });
  }
});

describe("KT1 duty eligibility", () => {
  it("accepts a certified, experienced, committed, free, active person", () => {
    expect(checkEligibility(base)).toEqual({ ok: true, value: undefined });
  });
  it("gives every reason at once", () => {
    expect(
      codes({
        person: { status: "LEFT", workStartedOn: "2026-11-01", commitmentSignedOn: null },
        certifications: [],
        otherAssignments: [{ startsAt: new Date("2026-12-10T04:00:00Z"), endsAt: new Date("2026-12-10T08:00:00Z") }],
      }),
    ).toEqual(["PERSON_INACTIVE", "NO_CERTIFICATION", "INSUFFICIENT_EXPERIENCE", "NO_COMMITMENT", "OVERLAPPING_ASSIGNMENT"]);
  });
  it("a certification ending on the duty's day is valid to its last minute; one ending the day before is not", () => {
    expect(codes({ certifications: [{ ...base.certifications[0], validUntil: "2026-12-10" }] })).toEqual([]);
    expect(codes({ certifications: [{ ...base.certifications[0], validUntil: "2026-12-09" }] })).toEqual([
      "CERTIFICATION_EXPIRES_BEFORE_END",
    ]);
  });
  it("expiry exactly at the shift's end (midnight) is enough; a shift past midnight is not covered", () => {
    const evening = { startsAt: new Date("2026-12-10T10:00:00Z"), endsAt: new Date("2026-12-10T17:00:00Z") }; // 17:00–24:00
    const night = { startsAt: new Date("2026-12-10T10:00:00Z"), endsAt: new Date("2026-12-10T17:00:01Z") };
    const cert = [{ ...base.certifications[0], validUntil: "2026-12-10" }];
    expect(codes({ duty: evening, certifications: cert })).toEqual([]);
    expect(codes({ duty: night, certifications: cert })).toEqual(["CERTIFICATION_EXPIRES_BEFORE_END"]);
  });
  it("a certification starting the day after the duty is not yet valid", () => {
    expect(codes({ certifications: [{ ...base.certifications[0], validFrom: "2026-12-11", validUntil: "2028-12-10" }] })).toEqual([
      "CERTIFICATION_NOT_YET_VALID",
    ]);
  });
  it("a revoked certification does not count; one revoked after the duty ended did", () => {
    const revokedBefore = [{ ...base.certifications[0], revokedAt: new Date("2026-12-01T00:00:00Z") }];
    expect(codes({ certifications: revokedBefore })).toEqual(["CERTIFICATION_REVOKED"]);
    const revokedAfter = [{ ...base.certifications[0], revokedAt: new Date("2026-12-11T00:00:00Z") }];
    expect(codes({ certifications: revokedAfter })).toEqual([]);
    // A revoked one next to a valid renewal: the valid one carries the duty.
    expect(codes({ certifications: [...revokedBefore, { ...base.certifications[0], validFrom: "2026-11-01" }] })).toEqual([]);
  });
  it("counts experience in whole months on the duty's start date (Vietnam day)", () => {
    expect(monthsBetween("2026-06-10", "2026-12-10")).toBe(6);
    expect(monthsBetween("2026-06-11", "2026-12-10")).toBe(5);
    expect(codes({ person: { ...base.person, workStartedOn: "2026-06-10" } })).toEqual([]);
    expect(codes({ person: { ...base.person, workStartedOn: "2026-06-11" } })).toEqual(["INSUFFICIENT_EXPERIENCE"]);
  });
  it("needs the commitment signed by the duty's day, when the duty type requires it", () => {
    expect(codes({ person: { ...base.person, commitmentSignedOn: "2026-12-11" } })).toEqual(["NO_COMMITMENT"]);
    expect(
      codes({ person: { ...base.person, commitmentSignedOn: null }, dutyType: { ...base.dutyType, requiresCommitment: false } }),
    ).toEqual([]);
  });
  it("touching shifts do not overlap", () => {
    expect(codes({ otherAssignments: [{ startsAt: duty.endsAt, endsAt: new Date("2026-12-10T08:00:00Z") }] })).toEqual([]);
  });
});
