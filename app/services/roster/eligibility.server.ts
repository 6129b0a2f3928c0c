import { Prisma } from "~/generated/prisma/client.ts";
import { checkEligibility, type EligibilityInput, type Reason } from "~/domain/roster/eligibility.ts";
import type { Tx } from "~/utils/db.server.ts";
import { getDb } from "~/utils/db.server.ts";

/** An active assignment of the person's that overlaps the duty, with where and what it is. */
export type OtherDuty = { startsAt: string; endsAt: string; stationId: number; dutyTypeId: number };

/** What the rule needs, as ruleInputsSql returns it (JSON: days as YYYY-MM-DD, times as ISO text). */
export type RuleInputsRow = {
  person: { status: "ACTIVE" | "LEFT"; workStartedOn: string; commitmentSignedOn: string | null } | null;
  dutyType: { minExperienceMonths: number; requiresCommitment: boolean; required: number[] } | null;
  certifications: { t: number; from: string; until: string; revokedAt: string | null }[];
  others: OtherDuty[];
};

/**
 * One SQL expression (a JSON object) with everything the rule reads about a
 * person and a duty type: one round trip instead of four queries. `person`
 * and `dutyType` are SQL (a parameter or a lookup by code).
 */
export function ruleInputsSql(person: Prisma.Sql, dutyType: Prisma.Sql, startsAt: Date, endsAt: Date, excludeAssignmentId: number | null = null) {
  return Prisma.sql`json_build_object(
    'person', (select json_build_object('status', p.status, 'workStartedOn', p.work_started_on, 'commitmentSignedOn', p.commitment_signed_on)
               from people p where p.id = ${person}),
    'dutyType', (select json_build_object('minExperienceMonths', d.min_experience_months, 'requiresCommitment', d.requires_commitment,
                   'required', array(select r.certification_type_id from duty_type_certifications r where r.duty_type_id = d.id order by 1))
                 from duty_types d where d.id = ${dutyType}),
    'certifications', array(select json_build_object('t', c.certification_type_id, 'from', c.valid_from, 'until', c.valid_until, 'revokedAt', c.revoked_at)
                            from certifications c where c.person_id = ${person}),
    'others', array(select json_build_object('startsAt', sh.starts_at, 'endsAt', sh.ends_at, 'stationId', sh.station_id, 'dutyTypeId', sh.duty_type_id)
                    from assignments a join shifts sh on sh.id = a.shift_id
                    where a.person_id = ${person} and a.status = 'ACTIVE' and a.id is distinct from ${excludeAssignmentId}::int
                      and sh.starts_at < ${endsAt} and sh.ends_at > ${startsAt}))`;
}

/** The rule's input from ruleInputsSql's row; null when the person or duty type does not exist. */
export function toEligibilityInput(row: RuleInputsRow, duty: { startsAt: Date; endsAt: Date }): EligibilityInput | null {
  if (!row.person || !row.dutyType) return null;
  return {
    duty,
    dutyType: { requiredCertificationTypeIds: row.dutyType.required, minExperienceMonths: row.dutyType.minExperienceMonths, requiresCommitment: row.dutyType.requiresCommitment },
    person: { status: row.person.status, workStartedOn: row.person.workStartedOn, commitmentSignedOn: row.person.commitmentSignedOn },
    certifications: row.certifications.map((c) => ({ certificationTypeId: c.t, validFrom: c.from, validUntil: c.until, revokedAt: c.revokedAt ? new Date(c.revokedAt) : null })),
    otherAssignments: row.others.map((o) => ({ startsAt: new Date(o.startsAt), endsAt: new Date(o.endsAt) })),
  };
}

/** Loads what the rule needs and applies it (the database checks the same again on write). */
export async function eligibilityOf(
  input: { personId: number; dutyTypeId: number; startsAt: Date; endsAt: Date; excludeAssignmentId?: number },
  db: Pick<Tx, "$queryRaw"> = getDb(),
): Promise<{ ok: true } | { ok: false; reasons: Reason[] }> {
  const [{ rule }] = await db.$queryRaw<{ rule: RuleInputsRow }[]>`
    select ${ruleInputsSql(Prisma.sql`${input.personId}::int`, Prisma.sql`${input.dutyTypeId}::int`, input.startsAt, input.endsAt, input.excludeAssignmentId ?? null)} as rule`;
  const ruleInput = toEligibilityInput(rule, { startsAt: input.startsAt, endsAt: input.endsAt });
  if (!ruleInput) {
    if (!rule.dutyType) throw new Error(`duty type ${input.dutyTypeId} not found`);
    return { ok: false, reasons: [{ code: "PERSON_INACTIVE" }] };
  }
  return checkEligibility(ruleInput);
}
