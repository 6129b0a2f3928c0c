import { describe, expect, it } from "vitest";
import { canStartExam } from "~/domain/exams/exam-access.ts";
import { DAY_MS, MINUTE_MS } from "~/domain/time/calendar.ts";

describe("starting an exam", () => {
  const rules = { attemptsPerPeriod: 3, periodDays: 30, cooldownMinutes: 60, renewalWindowDays: 90 };
  const now = new Date("2026-11-28T03:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it("needs the required courses done, and lists them", () => {
    expect(canStartExam({ now, rules, missingCourses: ["Bảo vệ bí mật nhà nước"], attempts: [], certifications: [] })).toEqual({
      ok: false,
      code: "REFUSED",
      reasons: [{ code: "COURSES_INCOMPLETE", courses: ["Bảo vệ bí mật nhà nước"] }],
    });
  });
  it("waits out the cooldown after a failed attempt, to the minute", () => {
    const attempts = [{ startedAt: ago(80 * MINUTE_MS), submittedAt: ago(59 * MINUTE_MS), open: false }];
    expect(canStartExam({ now, rules, missingCourses: [], attempts, certifications: [] })).toEqual({
      ok: false,
      code: "REFUSED",
      reasons: [{ code: "COOLDOWN", until: new Date(now.getTime() + MINUTE_MS) }],
    });
    const later = [{ startedAt: ago(80 * MINUTE_MS), submittedAt: ago(60 * MINUTE_MS), open: false }];
    expect(canStartExam({ now, rules, missingCourses: [], attempts: later, certifications: [] })).toEqual({ ok: true });
  });
  it("limits attempts per period and says when the next one opens", () => {
    const attempts = [ago(29 * DAY_MS), ago(10 * DAY_MS), ago(2 * DAY_MS)].map((t) => ({
      startedAt: t,
      submittedAt: new Date(t.getTime() + 10 * MINUTE_MS),
      open: false,
    }));
    const result = canStartExam({ now, rules, missingCourses: [], attempts, certifications: [] });
    expect(result).toEqual({
      ok: false,
      code: "REFUSED",
      reasons: [{ code: "ATTEMPTS_USED", until: new Date(ago(29 * DAY_MS).getTime() + 30 * DAY_MS) }],
    });
  });
  it("refuses a certified person until the renewal window opens", () => {
    const certifications = [{ id: 1, validFrom: "2026-01-01", validUntil: "2027-12-31", revoked: false }];
    expect(canStartExam({ now, rules, missingCourses: [], attempts: [], certifications })).toEqual({
      ok: false,
      code: "REFUSED",
      reasons: [{ code: "ALREADY_CERTIFIED", renewFrom: "2027-10-02" }],
    });
  });
});
