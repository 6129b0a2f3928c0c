// What a refusal asks of the person, beside why: the certification a reason is
// about (by name) and the day the experience requirement will be met. Pure; the
// KT1 rule itself is eligibility.ts.
import { addDays, addMonths, type Day } from "~/domain/time/calendar.ts";
import { monthsBetween, type Reason, type ReasonCode } from "./eligibility.ts";

export type ReasonAdvice = { code: ReasonCode; certification: string | null; experienceMetOn: Day | null };

/** The first day on which `months` whole months of work since `workStartedOn` are complete (as the rule counts them). */
export function experienceMetOn(workStartedOn: Day, months: number): Day {
  let day = addMonths(workStartedOn, months);
  // addMonths keeps a month end inside the shorter month (31/01 + 1 → 28/02); the rule counts 01/03.
  while (monthsBetween(workStartedOn, day) < months) day = addDays(day, 1);
  return day;
}

export function adviseReasons(
  reasons: readonly Reason[],
  ctx: { certificationNames: ReadonlyMap<number, string>; workStartedOn: Day; minExperienceMonths: number },
): ReasonAdvice[] {
  return reasons.map((r) => ({
    code: r.code,
    certification: r.certificationTypeId === undefined ? null : (ctx.certificationNames.get(r.certificationTypeId) ?? null),
    experienceMetOn: r.code === "INSUFFICIENT_EXPERIENCE" ? experienceMetOn(ctx.workStartedOn, ctx.minExperienceMonths) : null,
  }));
}
