import { addDays, DAY_MS, dayOf, MINUTE_MS } from "~/domain/time/calendar.ts";
import { inRenewalWindow, latestValid, type HeldCertification } from "./validity.ts";

// Whether a learner may start an exam attempt now, and if not, why — every reason.
import { ok, refused, type Result } from "../result.ts";
export type ExamRules = { attemptsPerPeriod: number; periodDays: number; cooldownMinutes: number; renewalWindowDays: number };
export type PastAttempt = { startedAt: Date; submittedAt: Date | null; open: boolean };

export type StartRefusal =
  | { code: "COURSES_INCOMPLETE"; courses: string[] }
  | { code: "ATTEMPT_OPEN" }
  | { code: "COOLDOWN"; until: Date }
  | { code: "ATTEMPTS_USED"; until: Date }
  | { code: "ALREADY_CERTIFIED"; renewFrom: string };

export function canStartExam(input: {
  now: Date;
  rules: ExamRules;
  missingCourses: string[];
  attempts: readonly PastAttempt[];
  certifications: readonly HeldCertification[];
}): Result<undefined, "REFUSED", StartRefusal> {
  const { now, rules } = input;
  const reasons: StartRefusal[] = [];
  if (input.missingCourses.length) reasons.push({ code: "COURSES_INCOMPLETE", courses: input.missingCourses });
  if (input.attempts.some((a) => a.open)) reasons.push({ code: "ATTEMPT_OPEN" });
  const lastEnd = input.attempts
    .filter((a) => a.submittedAt)
    .map((a) => a.submittedAt!.getTime())
    .sort((a, b) => b - a)[0];
  if (lastEnd !== undefined && rules.cooldownMinutes > 0) {
    const until = new Date(lastEnd + rules.cooldownMinutes * MINUTE_MS);
    if (until > now) reasons.push({ code: "COOLDOWN", until });
  }
  const periodStart = now.getTime() - rules.periodDays * DAY_MS;
  const inPeriod = input.attempts
    .filter((a) => a.startedAt.getTime() > periodStart)
    .map((a) => a.startedAt.getTime())
    .sort((a, b) => a - b);
  if (inPeriod.length >= rules.attemptsPerPeriod) {
    // The oldest counted attempt leaves the period first.
    reasons.push({
      code: "ATTEMPTS_USED",
      until: new Date(inPeriod[inPeriod.length - rules.attemptsPerPeriod] + rules.periodDays * DAY_MS),
    });
  }
  const today = dayOf(now);
  const current = latestValid(input.certifications, today);
  if (current && !inRenewalWindow(current, today, rules.renewalWindowDays)) {
    reasons.push({ code: "ALREADY_CERTIFIED", renewFrom: addDays(current.validUntil, -rules.renewalWindowDays) });
  }
  return reasons.length ? refused("REFUSED", reasons) : ok();
}
