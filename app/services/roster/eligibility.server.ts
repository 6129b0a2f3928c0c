import { refused } from "~/domain/result.ts";
import { checkEligibility, type Eligibility, type EligibilityInput } from "~/domain/roster/eligibility.ts";
import type { Tx } from "~/utils/db.server.ts";
import { getDb } from "~/utils/db.server.ts";

/** An active assignment of the person's that overlaps the duty, with where and what it is. */
export type OtherDuty = { startsAt: string; endsAt: string; stationId: number; dutyTypeId: number };

/** What the rule needs, as roster_rule_inputs returns it (JSON: days as YYYY-MM-DD, times as ISO text). */
export type RuleInputsRow = {
  person: { status: "ACTIVE" | "LEFT"; workStartedOn: string; commitmentSignedOn: string | null } | null;
  dutyType: { minExperienceMonths: number; requiresCommitment: boolean; required: number[] } | null;
  certifications: { t: number; from: string; until: string; revokedAt: string | null }[];
  others: OtherDuty[];
};

/** The rule's input from roster_rule_inputs' JSON; null when the person or duty type does not exist. */
export function toEligibilityInput(row: RuleInputsRow, duty: { startsAt: Date; endsAt: Date }): EligibilityInput | null {
  if (!row.person || !row.dutyType) return null;
  return {
    duty,
    dutyType: {
      requiredCertificationTypeIds: row.dutyType.required,
      minExperienceMonths: row.dutyType.minExperienceMonths,
      requiresCommitment: row.dutyType.requiresCommitment,
    },
    person: { status: row.person.status, workStartedOn: row.person.workStartedOn, commitmentSignedOn: row.person.commitmentSignedOn },
    certifications: row.certifications.map((c) => ({
      certificationTypeId: c.t,
      validFrom: c.from,
      validUntil: c.until,
      revokedAt: c.revokedAt ? new Date(c.revokedAt) : null,
    })),
    otherAssignments: row.others.map((o) => ({ startsAt: new Date(o.startsAt), endsAt: new Date(o.endsAt) })),
  };
}

/** Loads what the rule needs and applies it (the database checks the same again on write). */
export async function eligibilityOf(
  input: { personId: number; dutyTypeId: number; startsAt: Date; endsAt: Date; excludeAssignmentId?: number },
  db: Pick<Tx, "$queryRaw"> = getDb(),
): Promise<Eligibility> {
  // One statement: the function (migration 20261203220000) keeps its plans per connection.
  const [{ rule }] = await db.$queryRaw<{ rule: RuleInputsRow }[]>`
    select roster_rule_inputs(${input.personId}::int, ${input.dutyTypeId}::int, ${input.startsAt}::timestamptz, ${input.endsAt}::timestamptz, ${input.excludeAssignmentId ?? null}::int) as rule`;
  const ruleInput = toEligibilityInput(rule, { startsAt: input.startsAt, endsAt: input.endsAt });
  if (!ruleInput) {
    if (!rule.dutyType) throw new Error(`duty type ${input.dutyTypeId} not found`);
    return refused("NOT_ELIGIBLE", [{ code: "PERSON_INACTIVE" }]);
  }
  return checkEligibility(ruleInput);
}
