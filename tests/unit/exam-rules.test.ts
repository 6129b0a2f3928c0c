import { describe, expect, it } from "vitest";
import { drawQuestions } from "~/domain/exams/draw.ts";
import { defaultMultipleWeights, gradeAnswer, gradeAttempt } from "~/domain/exams/grading.ts";
import { issueDates, statusAt } from "~/domain/exams/validity.ts";

const single = {
  type: "SINGLE" as const,
  options: [
    { id: "a", weight: 0 },
    { id: "b", weight: 100 },
    { id: "c", weight: 0 },
  ],
  answer: null,
};
const multiple = {
  type: "MULTIPLE" as const,
  options: [
    { id: "a", weight: 50 },
    { id: "b", weight: 50 },
    { id: "c", weight: -50 },
    { id: "d", weight: -50 },
  ],
  answer: null,
};
const tf = { type: "TRUE_FALSE" as const, options: [], answer: false };

describe("grading", () => {
  it("single choice: the right option scores 1, anything else 0", () => {
    expect(gradeAnswer(single, ["b"], "PARTIAL")).toBe(1);
    expect(gradeAnswer(single, ["a"], "PARTIAL")).toBe(0);
    expect(gradeAnswer(single, ["a", "b"], "PARTIAL")).toBe(0);
    expect(gradeAnswer(single, [], "PARTIAL")).toBe(0);
    expect(gradeAnswer(single, ["forged-id"], "PARTIAL")).toBe(0);
  });
  it("true/false", () => {
    expect(gradeAnswer(tf, ["false"], "PARTIAL")).toBe(1);
    expect(gradeAnswer(tf, ["true"], "PARTIAL")).toBe(0);
  });
  it("multiple choice, all or nothing", () => {
    expect(gradeAnswer(multiple, ["a", "b"], "ALL_OR_NOTHING")).toBe(1);
    expect(gradeAnswer(multiple, ["a"], "ALL_OR_NOTHING")).toBe(0);
    expect(gradeAnswer(multiple, ["a", "b", "c"], "ALL_OR_NOTHING")).toBe(0);
  });
  it("multiple choice, partial credit with penalties, never below zero", () => {
    expect(gradeAnswer(multiple, ["a"], "PARTIAL")).toBe(0.5);
    expect(gradeAnswer(multiple, ["a", "b"], "PARTIAL")).toBe(1);
    expect(gradeAnswer(multiple, ["a", "c"], "PARTIAL")).toBe(0);
    expect(gradeAnswer(multiple, ["c", "d"], "PARTIAL")).toBe(0);
  });
  it("default weights share 100% among the right options", () => {
    expect(defaultMultipleWeights([true, true, false, false])).toEqual([50, 50, -50, -50]);
    expect(defaultMultipleWeights([true, true, true])).toEqual([33.333, 33.333, 33.333]);
  });
  it("an attempt passes at the pass mark", () => {
    expect(gradeAttempt([1, 1, 1, 0.5, 0], 70)).toEqual({ score: 3.5, max: 5, percent: 70, passed: true });
    expect(gradeAttempt([1, 1, 1, 0.4, 0], 70).passed).toBe(false);
  });
});

describe("certification dates, in Vietnam time", () => {
  it("a pass at 23:30 on 31/12 in Hà Nội (16:30 UTC) is issued on 31/12", () => {
    const now = new Date("2026-12-31T16:30:00Z");
    expect(issueDates(now, 24, 90, [])).toEqual({ validFrom: "2026-12-31", validUntil: "2028-12-30", renewsId: null });
  });
  it("a pass at 00:30 on 1/1 in Hà Nội (17:30 UTC the day before) is issued on 1/1", () => {
    expect(issueDates(new Date("2026-12-31T17:30:00Z"), 24, 90, []).validFrom).toBe("2027-01-01");
  });
  it("is valid through the last minute of its last day and expired at midnight", () => {
    const c = { validFrom: "2026-01-15", validUntil: "2028-01-14", revokedAt: null };
    expect(statusAt(c, new Date("2028-01-14T16:59:59Z"))).toBe("VALID");
    expect(statusAt(c, new Date("2028-01-14T17:00:00Z"))).toBe("EXPIRED");
    expect(statusAt(c, new Date("2026-01-14T16:59:59Z"))).toBe("NOT_YET_VALID");
    expect(statusAt({ ...c, revokedAt: new Date("2027-01-01T00:00:00Z") }, new Date("2027-06-01T00:00:00Z"))).toBe("REVOKED");
  });
  it("renewal inside the window starts the day after the old expiry: early renewal loses nothing", () => {
    const held = [{ id: 7, validFrom: "2025-03-01", validUntil: "2027-02-28", revoked: false }];
    const inWindow = new Date("2027-01-10T03:00:00Z");
    expect(issueDates(inWindow, 24, 90, held)).toEqual({ validFrom: "2027-03-01", validUntil: "2029-02-28", renewsId: 7 });
    // After expiry, a new certification starts today.
    expect(issueDates(new Date("2027-03-05T03:00:00Z"), 24, 90, held)).toMatchObject({ validFrom: "2027-03-05", renewsId: null });
    // A revoked one is never renewed.
    expect(issueDates(inWindow, 24, 90, [{ ...held[0], revoked: true }]).renewsId).toBeNull();
  });
});

describe("drawing questions", () => {
  let seed = 42;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const candidates = Array.from({ length: 10 }, (_, i) => ({
    questionId: i,
    versionId: 100 + i,
    topic: i < 5 ? "a" : "b",
    optionIds: ["x", "y", "z"],
  }));
  it("takes the asked number per topic, unseen questions first", () => {
    const result = drawQuestions(candidates, { a: 2, b: 3 }, new Set([0, 1, 2]), random);
    if (!result.ok) throw new Error("draw failed");
    const ids = result.value.map((d) => d.versionId);
    expect(ids).toHaveLength(5);
    expect(ids.filter((id) => id < 105).every((id) => id >= 103)).toBe(true);
    expect(result.value.every((d) => [...d.optionOrder].sort().join() === "x,y,z")).toBe(true);
  });
  it("reports topics without enough questions", () => {
    expect(drawQuestions(candidates, { a: 6, c: 1 }, new Set(), random)).toEqual({ ok: false, code: "SHORT_TOPICS", reasons: ["a", "c"] });
  });
});
