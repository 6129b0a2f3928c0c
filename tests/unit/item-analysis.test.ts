import { describe, expect, it } from "vitest";
import { analyseExam, discriminationIndex, scoreDistribution, type AnalysedAttempt } from "~/domain/exams/item-analysis.ts";

const options = [
  { id: "a", label: "A", right: true },
  { id: "b", label: "B", right: false },
  { id: "c", label: "C", right: false },
];

/** Attempts with percents 0, 10, … (n-1)*10; item 1 is answered right by the strongest half, item 2 by everyone. */
function attempts(n: number): AnalysedAttempt[] {
  return Array.from({ length: n }, (_, i) => {
    const strong = i >= n / 2;
    return {
      attemptId: i + 1,
      percent: Math.min(100, i * (100 / (n - 1))),
      passed: i * (100 / (n - 1)) >= 80,
      responses: [
        { versionId: 1, score: strong ? 1 : 0, chosen: strong ? ["a"] : i % 2 ? ["b"] : [] },
        { versionId: 2, score: 1, chosen: ["a"] },
      ],
    };
  });
}

describe("score distribution", () => {
  it("puts percents into ten buckets; 100% goes into the last one", () => {
    const d = scoreDistribution([0, 9.99, 10, 55, 89.9, 90, 100]);
    expect(d).toHaveLength(10);
    expect(d.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 1, 2]);
    expect(d[0]).toMatchObject({ from: 0, to: 10 });
    expect(d[9]).toMatchObject({ from: 90, to: 100 });
  });
});

describe("discrimination index", () => {
  it("is upper 27% mean minus lower 27% mean, ranked by attempt percent", () => {
    // 10 responses: groups of round(2.7) = 3.
    const rows = Array.from({ length: 10 }, (_, i) => ({ attemptId: i, percent: i * 10, score: i >= 7 ? 1 : i === 0 ? 1 : 0 }));
    // upper (90, 80, 70): 1, 1, 1; lower (20, 10, 0): 0, 0, 1.
    expect(discriminationIndex(rows)).toBeCloseTo(1 - 1 / 3, 3);
  });
  it("is negative when weak candidates do better than strong ones, null with fewer than two responses", () => {
    const rows = Array.from({ length: 4 }, (_, i) => ({ attemptId: i, percent: i * 25, score: i < 2 ? 1 : 0 }));
    expect(discriminationIndex(rows)).toBe(-1);
    expect(discriminationIndex([{ attemptId: 1, percent: 50, score: 1 }])).toBeNull();
    expect(discriminationIndex([])).toBeNull();
  });
  it("breaks ties by attempt id, so the result does not depend on input order", () => {
    const rows = Array.from({ length: 8 }, (_, i) => ({ attemptId: i, percent: 50, score: i % 2 }));
    expect(discriminationIndex(rows)).toBe(discriminationIndex([...rows].reverse()));
  });
});

describe("exam analysis", () => {
  it("computes pass rate, facility, discrimination and option frequencies", () => {
    const a = attempts(12);
    const result = analyseExam(a, [
      { versionId: 1, options },
      { versionId: 2, options },
      { versionId: 3, options },
    ]);
    expect(result.attempts).toBe(12);
    expect(result.passed).toBe(a.filter((x) => x.passed).length);
    expect(result.passRate).toBeCloseTo(result.passed / 12, 3);
    expect(result.distribution.reduce((s, b) => s + b.count, 0)).toBe(12);

    const [good, easy, unused] = result.items;
    expect(good).toMatchObject({ versionId: 1, drawn: 12, facility: 0.5, discrimination: 1, poor: false, unanswered: 3 });
    expect(good.options).toEqual([
      { id: "a", label: "A", right: true, count: 6 },
      { id: "b", label: "B", right: false, count: 3 },
      { id: "c", label: "C", right: false, count: 0 },
    ]);
    // Everyone right: no discrimination, flagged once there are 10 responses.
    expect(easy).toMatchObject({ drawn: 12, facility: 1, discrimination: 0, poor: true });
    expect(unused).toMatchObject({ drawn: 0, facility: null, discrimination: null, poor: false });
  });

  it("does not flag a poorly discriminating question with fewer than 10 responses", () => {
    const result = analyseExam(attempts(9), [{ versionId: 2, options }]);
    expect(result.items[0]).toMatchObject({ drawn: 9, discrimination: 0, poor: false });
  });

  it("handles an exam nobody has taken", () => {
    const result = analyseExam([], [{ versionId: 1, options }]);
    expect(result).toMatchObject({ attempts: 0, passed: 0, passRate: null, meanPercent: null });
    expect(result.distribution.every((b) => b.count === 0)).toBe(true);
  });
});
