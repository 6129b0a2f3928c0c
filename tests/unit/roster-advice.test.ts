import { describe, expect, it } from "vitest";
import { adviseReasons, experienceMetOn } from "~/domain/roster/advice.ts";
import { monthsBetween } from "~/domain/roster/eligibility.ts";
import { addDays } from "~/domain/time/calendar.ts";

describe("what a refusal asks of the person", () => {
  it("gives the first day the experience requirement is met, as the rule counts months, across month ends", () => {
    expect(experienceMetOn("2026-08-03", 6)).toBe("2027-02-03");
    expect(experienceMetOn("2026-01-31", 1)).toBe("2026-03-01"); // not 28/02: the rule needs the 31st or later
    expect(experienceMetOn("2027-08-31", 6)).toBe("2028-03-01"); // leap February, too short for the 31st
    expect(experienceMetOn("2026-12-15", 3)).toBe("2027-03-15"); // across the year end
    for (const [from, months] of [
      ["2026-01-31", 1],
      ["2026-05-31", 9],
      ["2026-03-30", 11],
      ["2026-08-03", 12],
    ] as const) {
      const met = experienceMetOn(from, months);
      expect(monthsBetween(from, met)).toBeGreaterThanOrEqual(months);
      expect(monthsBetween(from, addDays(met, -1))).toBeLessThan(months);
    }
  });

  it("names the certification a reason is about and the day experience suffices", () => {
    const advice = adviseReasons(
      [{ code: "NO_CERTIFICATION", certificationTypeId: 4 }, { code: "INSUFFICIENT_EXPERIENCE" }, { code: "NO_COMMITMENT" }],
      { certificationNames: new Map([[4, "Nghiệp vụ KT1 — khai thác"]]), workStartedOn: "2026-08-03", minExperienceMonths: 6 },
    );
    expect(advice).toEqual([
      { code: "NO_CERTIFICATION", certification: "Nghiệp vụ KT1 — khai thác", experienceMetOn: null },
      { code: "INSUFFICIENT_EXPERIENCE", certification: null, experienceMetOn: "2027-02-03" },
      { code: "NO_COMMITMENT", certification: null, experienceMetOn: null },
    ]);
  });
});
