// The refusal shown on the shift page names what to do: the certification
// required and the day the experience requirement will be met (app/domain/roster/advice.ts).
import { adviseReasons, type ReasonAdvice } from "~/domain/roster/advice.ts";
import type { Reason } from "~/domain/roster/eligibility.ts";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";

export async function refusalAdvice(
  personId: number,
  dutyType: { minExperienceMonths: number; requiredCertifications: { certificationTypeId: number; certificationType: { name: string } }[] },
  reasons: readonly Reason[],
): Promise<ReasonAdvice[]> {
  const person = await getDb().person.findUniqueOrThrow({ where: { id: personId }, select: { workStartedOn: true } });
  return adviseReasons(reasons, {
    certificationNames: new Map(dutyType.requiredCertifications.map((r) => [r.certificationTypeId, r.certificationType.name])),
    workStartedOn: fromDateColumn(person.workStartedOn),
    minExperienceMonths: dutyType.minExperienceMonths,
  });
}
