// The KT1 rule's cases, in ONE table, as plain data: the unit tests of
// app/domain/roster/eligibility.ts run them through checkEligibility, and the
// integration parity test builds each in PostgreSQL and runs it through the
// trigger (assignments_enforce) and assignment_violations. A reason code or a
// boundary added to one copy of the rule is added here, and both copies must
// agree on it. randomCase draws further cases for the randomised parity run.
import type { EligibilityInput, ReasonCode } from "~/domain/roster/eligibility.ts";
import { addDays, DAY_MS, HOUR_MS, type Day } from "~/domain/time/calendar.ts";

export type RuleCase = {
  name: string;
  /** Instants (ISO). */
  duty: { startsAt: string; endsAt: string };
  dutyType: { minExperienceMonths: number; requiresCommitment: boolean; requiresCertification: boolean };
  person: { status: "ACTIVE" | "LEFT"; workStartedOn: Day; commitmentSignedOn: Day | null };
  /** Of the one certification type a duty may require. */
  certifications: { validFrom: Day; validUntil: Day; revokedAt: string | null }[];
  /** The person's other active assignments (instants, ISO). */
  others: { startsAt: string; endsAt: string }[];
};
export type ExpectedCase = RuleCase & { expected: ReasonCode[] };

/** The rule's input for a case; `certificationTypeId` is the required type's id (any number in a unit test). */
export function ruleInputOf(c: RuleCase, certificationTypeId = 1): EligibilityInput {
  return {
    duty: { startsAt: new Date(c.duty.startsAt), endsAt: new Date(c.duty.endsAt) },
    dutyType: {
      requiredCertificationTypeIds: c.dutyType.requiresCertification ? [certificationTypeId] : [],
      minExperienceMonths: c.dutyType.minExperienceMonths,
      requiresCommitment: c.dutyType.requiresCommitment,
    },
    person: c.person,
    certifications: c.certifications.map((x) => ({
      certificationTypeId,
      validFrom: x.validFrom,
      validUntil: x.validUntil,
      revokedAt: x.revokedAt ? new Date(x.revokedAt) : null,
    })),
    otherAssignments: c.others.map((o) => ({ startsAt: new Date(o.startsAt), endsAt: new Date(o.endsAt) })),
  };
}

// A duty from 07:00 to 11:30 on 10/12/2026, Vietnam time (00:00–04:30 UTC).
const DUTY = { startsAt: "2026-12-10T00:00:00.000Z", endsAt: "2026-12-10T04:30:00.000Z" };
const EVENING = { startsAt: "2026-12-10T10:00:00.000Z", endsAt: "2026-12-10T17:00:00.000Z" }; // 17:00–24:00
const NIGHT = { startsAt: "2026-12-10T10:00:00.000Z", endsAt: "2026-12-10T17:00:01.000Z" }; // one second past midnight
const CERT = { validFrom: "2025-06-10", validUntil: "2027-06-09", revokedAt: null };

const qualified: RuleCase = {
  name: "qualified",
  duty: DUTY,
  dutyType: { minExperienceMonths: 6, requiresCommitment: true, requiresCertification: true },
  person: { status: "ACTIVE", workStartedOn: "2020-01-01", commitmentSignedOn: "2020-02-01" },
  certifications: [CERT],
  others: [],
};
const with_ = (name: string, change: Partial<RuleCase>, expected: ReasonCode[]): ExpectedCase => ({
  ...qualified,
  ...change,
  name,
  expected,
});
const person = (change: Partial<RuleCase["person"]>) => ({ person: { ...qualified.person, ...change } });
const certs = (...list: Partial<RuleCase["certifications"][number]>[]) => ({ certifications: list.map((c) => ({ ...CERT, ...c })) });

export const KT1_CASES: ExpectedCase[] = [
  with_("a certified, experienced, committed, free, active person", {}, []),
  with_("a certification ending on the duty's day is valid to its last minute", certs({ validUntil: "2026-12-10" }), []),
  with_("a certification ending the day before has expired", certs({ validUntil: "2026-12-09" }), ["CERTIFICATION_EXPIRES_BEFORE_END"]),
  with_("expiry exactly at the shift's end (midnight) is enough", { duty: EVENING, ...certs({ validUntil: "2026-12-10" }) }, []),
  with_(
    "a shift past midnight is not covered by a certification ending that day",
    { duty: NIGHT, ...certs({ validUntil: "2026-12-10" }) },
    ["CERTIFICATION_EXPIRES_BEFORE_END"],
  ),
  with_("a certification starting the day after the duty is not yet valid", certs({ validFrom: "2026-12-11", validUntil: "2028-12-10" }), [
    "CERTIFICATION_NOT_YET_VALID",
  ]),
  with_("a certification starting on the duty's day is valid from its first minute", certs({ validFrom: "2026-12-10" }), []),
  with_("holding no certification", { certifications: [] }, ["NO_CERTIFICATION"]),
  with_(
    "a duty type requiring no certification",
    { certifications: [], dutyType: { ...qualified.dutyType, requiresCertification: false } },
    [],
  ),
  with_("a certification revoked before the duty", certs({ revokedAt: "2026-12-01T00:00:00.000Z" }), ["CERTIFICATION_REVOKED"]),
  with_("a certification revoked during the duty", certs({ revokedAt: "2026-12-10T02:00:00.000Z" }), ["CERTIFICATION_REVOKED"]),
  with_("a certification revoked after the duty ended was valid for it", certs({ revokedAt: "2026-12-11T00:00:00.000Z" }), []),
  with_("a certification revoked exactly when the duty ended was valid for it", certs({ revokedAt: DUTY.endsAt }), []),
  with_(
    "a revoked certification next to a valid renewal: the renewal carries the duty",
    certs({ revokedAt: "2026-12-01T00:00:00.000Z" }, { validFrom: "2026-11-01" }),
    [],
  ),
  with_(
    "a revoked certification next to one not yet valid",
    certs({ revokedAt: "2026-12-01T00:00:00.000Z" }, { validFrom: "2026-12-11", validUntil: "2028-12-10" }),
    ["CERTIFICATION_NOT_YET_VALID"],
  ),
  with_("a new starter (five whole months)", person({ workStartedOn: "2026-06-11" }), ["INSUFFICIENT_EXPERIENCE"]),
  with_("exactly six months of work", person({ workStartedOn: "2026-06-10" }), []),
  with_("no written commitment", person({ commitmentSignedOn: null }), ["NO_COMMITMENT"]),
  with_("a commitment signed after the duty's day", person({ commitmentSignedOn: "2026-12-11" }), ["NO_COMMITMENT"]),
  with_(
    "no commitment, for a duty type that does not require one",
    { ...person({ commitmentSignedOn: null }), dutyType: { ...qualified.dutyType, requiresCommitment: false } },
    [],
  ),
  with_("a person who has left", person({ status: "LEFT" }), ["PERSON_INACTIVE"]),
  with_("an overlapping duty", { others: [{ startsAt: "2026-12-10T04:00:00.000Z", endsAt: "2026-12-10T08:00:00.000Z" }] }, [
    "OVERLAPPING_ASSIGNMENT",
  ]),
  with_("touching duties do not overlap", { others: [{ startsAt: DUTY.endsAt, endsAt: "2026-12-10T08:00:00.000Z" }] }, []),
  with_(
    "every reason at once",
    {
      person: { status: "LEFT", workStartedOn: "2026-11-01", commitmentSignedOn: null },
      certifications: [],
      others: [{ startsAt: "2026-12-10T04:00:00.000Z", endsAt: "2026-12-10T08:00:00.000Z" }],
    },
    ["PERSON_INACTIVE", "NO_CERTIFICATION", "INSUFFICIENT_EXPERIENCE", "NO_COMMITMENT", "OVERLAPPING_ASSIGNMENT"],
  ),
];

/** A small deterministic random source, so a failing run can be replayed from its seed. */
export function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random case around a duty on 10/12/2026: dates near the duty's edges
 * (the day before, of, after; a minute either side), so the boundaries are hit.
 */
export function randomCase(rnd: () => number, name: string): RuleCase {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const dutyDay: Day = "2026-12-10";
  const startHour = pick([0, 7, 17, 20]); // UTC: 07:00, 14:00, 24:00, 03:00 next day in Vietnam
  const startsAt = Date.parse(`${dutyDay}T00:00:00Z`) + startHour * HOUR_MS;
  const endsAt = startsAt + pick([1, 4, 7, 8, 12]) * HOUR_MS;
  const near = (day: Day) => addDays(day, pick([-400, -31, -1, 0, 1, 31, 400]));
  const certifications = Array.from({ length: pick([0, 1, 1, 2, 3]) }, () => {
    const validFrom = near(dutyDay);
    const validUntil = addDays(validFrom, pick([0, 1, 30, 365, 730]));
    const r = rnd();
    const revokedAt = r < 0.6 ? null : new Date(pick([startsAt - DAY_MS, startsAt, endsAt - 1, endsAt, endsAt + DAY_MS])).toISOString();
    return { validFrom, validUntil, revokedAt };
  });
  const others = Array.from({ length: pick([0, 0, 1]) }, () => {
    const s = startsAt + pick([-8, -4, -1, 0, 2, 4, 8, 12]) * HOUR_MS;
    return { startsAt: new Date(s).toISOString(), endsAt: new Date(s + pick([1, 4]) * HOUR_MS).toISOString() };
  });
  return {
    name,
    duty: { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() },
    dutyType: { minExperienceMonths: pick([0, 6, 12]), requiresCommitment: rnd() < 0.7, requiresCertification: rnd() < 0.85 },
    person: {
      status: rnd() < 0.9 ? "ACTIVE" : "LEFT",
      workStartedOn: near(addDays(dutyDay, -pick([0, 183, 365]))),
      commitmentSignedOn: rnd() < 0.2 ? null : near(dutyDay),
    },
    certifications,
    others,
  };
}
