// The exam quality gate (decision 051) and the review state of questions
// (decision 052): each condition alone, then all of them at once.
import { describe, expect, it } from "vitest";
import {
  awaitsReview,
  canApprove,
  confirmable,
  evaluateGate,
  questionProblems,
  type CitationFacts,
  type GateInput,
  type QuestionFacts,
} from "~/domain/exams/quality-gate.ts";

const NOW = new Date("2026-12-06T03:00:00Z");
const WRITTEN = new Date("2026-11-01T03:00:00Z");
const BEFORE = new Date("2026-10-01T03:00:00Z");
const AFTER = new Date("2026-11-15T03:00:00Z");

const inForce = (label = "49/2010/QH12 | 19"): CitationFacts => ({ label, status: "IN_FORCE", supersededBy: null, changedAt: BEFORE });

let nextId = 1;
function question(topic: string, over: Partial<QuestionFacts> = {}): QuestionFacts {
  const id = nextId++;
  return {
    questionId: id,
    key: `q-${id}`,
    topic,
    versionId: 1000 + id,
    version: 1,
    createdAt: WRITTEN,
    hasExplanation: true,
    citations: [inForce()],
    ...over,
  };
}
const many = (n: number, topic: string, over: Partial<QuestionFacts> = {}) => Array.from({ length: n }, () => question(topic, over));

/** Two topics drawing 2 each, 6 sound questions each, version 3 made by person 7 and approved by person 8. */
function soundExam(over: Partial<GateInput> = {}): GateInput {
  return {
    exam: { revision: 3, revisedById: 7, topics: { "c/a": 2, "c/b": 2 } },
    questions: [...many(6, "c/a"), ...many(6, "c/b")],
    items: [],
    approvals: [{ revision: 3, approvedById: 8, approvedAt: BEFORE }],
    ...over,
  };
}

describe("a question's problems", () => {
  it("a reviewed question citing law in force has none", () => {
    expect(questionProblems(question("c/a"))).toEqual([]);
  });

  it("no citation and no explanation (a Moodle import) wait for review", () => {
    const problems = questionProblems(question("c/a", { citations: [], hasExplanation: false }));
    expect(problems).toEqual([{ code: "NO_CITATION" }, { code: "NO_EXPLANATION" }]);
    expect(awaitsReview(problems)).toBe(true);
    expect(confirmable(problems)).toBe(false);
  });

  it("a cited status that changed after the version was written waits for review; one changed before or at the same time does not", () => {
    const changed = questionProblems(question("c/a", { citations: [{ ...inForce(), changedAt: AFTER }] }));
    expect(changed).toEqual([{ code: "STATUS_CHANGED", citation: "49/2010/QH12 | 19", status: "IN_FORCE", changedAt: AFTER }]);
    expect(awaitsReview(changed)).toBe(true);
    // In force again (say, a mistaken change undone): a trainer's confirmation settles it.
    expect(confirmable(changed)).toBe(true);
    expect(questionProblems(question("c/a", { citations: [{ ...inForce(), changedAt: WRITTEN }] }))).toEqual([]);
  });

  it("superseded, unverified and unknown citations are not in force; superseded after writing also waits for review", () => {
    const superseded: CitationFacts = {
      label: "26/2020/NĐ-CP | 10",
      status: "SUPERSEDED",
      supersededBy: "63/2026/NĐ-CP",
      changedAt: AFTER,
    };
    const unverified: CitationFacts = { label: "282/2025/NĐ-CP", status: "UNVERIFIED", supersededBy: null, changedAt: BEFORE };
    const unknown: CitationFacts = { label: "1/2099/QH99 | 1", status: null, supersededBy: null, changedAt: null };
    const problems = questionProblems(question("c/a", { citations: [superseded, unverified, unknown] }));
    expect(problems.map((p) => [p.code, "citation" in p ? p.citation : ""])).toEqual([
      ["STATUS_CHANGED", "26/2020/NĐ-CP | 10"],
      ["NOT_IN_FORCE", "26/2020/NĐ-CP | 10"],
      ["NOT_IN_FORCE", "282/2025/NĐ-CP"],
      ["NOT_IN_FORCE", "1/2099/QH99 | 1"],
    ]);
    expect(awaitsReview(problems)).toBe(true);
    // A trainer may confirm it as history: it then waits for nobody, but is still not sound.
    expect(confirmable(problems)).toBe(true);
    // Any citation not in force counts, even beside one in force.
    const beside = questionProblems(question("c/a", { citations: [inForce(), { ...superseded, changedAt: BEFORE }] }));
    expect(beside.map((p) => p.code)).toEqual(["NOT_IN_FORCE"]);
    // Written (or confirmed) after the change, still citing old law: a historical question — waiting for nobody, never sound.
    const historical = questionProblems(question("c/a", { citations: [{ ...superseded, changedAt: BEFORE }] }));
    expect(awaitsReview(historical)).toBe(false);
    expect(confirmable(historical)).toBe(false);
    expect(historical).toHaveLength(1);
  });
});

describe("the quality gate", () => {
  it("a sound, deep, approved exam certifies and draws from every sound question", () => {
    const input = soundExam();
    const gate = evaluateGate(input, NOW);
    expect(gate).toMatchObject({ certifying: true, failures: [], held: [], poorItems: [] });
    expect(gate.pool).toHaveLength(12);
    expect(gate.topics).toEqual([
      { topic: "c/a", draw: 2, needed: 6, pool: 6, held: 0 },
      { topic: "c/b", draw: 2, needed: 6, pool: 6, held: 0 },
    ]);
  });

  it("a topic whose pool is under three times its draw fails, naming the topic", () => {
    const input = soundExam({ questions: [...many(6, "c/a"), ...many(5, "c/b")] });
    const gate = evaluateGate(input, NOW);
    expect(gate.certifying).toBe(false);
    expect(gate.failures).toEqual([{ code: "POOL_TOO_SMALL", topic: "c/b", pool: 5, needed: 6 }]);
  });

  it("questions of one variant group count once in a pool; questions of other topics not at all", () => {
    const grouped = [...many(4, "c/b"), ...many(2, "c/b", { variantGroup: "g1" })];
    const gate = evaluateGate(soundExam({ questions: [...many(6, "c/a"), ...grouped, ...many(3, "c/other")] }), NOW);
    expect(gate.failures).toEqual([{ code: "POOL_TOO_SMALL", topic: "c/b", pool: 5, needed: 6 }]);
    expect(gate.pool.some((q) => q.topic === "c/other")).toBe(false);
  });

  it("questions waiting for review are held back from the draw without stopping certification, but no longer count in the pool", () => {
    const waiting = [
      question("c/a", { citations: [], hasExplanation: false }),
      question("c/a", { citations: [{ ...inForce(), changedAt: AFTER }] }),
    ];
    const deep = evaluateGate(soundExam({ questions: [...many(6, "c/a"), ...waiting, ...many(6, "c/b")] }), NOW);
    expect(deep.certifying).toBe(true);
    expect(deep.held.map((h) => h.key)).toEqual(waiting.map((q) => q.key));
    expect(deep.pool.map((q) => q.questionId)).not.toContain(waiting[0].questionId);
    expect(deep.topics[0]).toMatchObject({ pool: 6, held: 2 });
    // With only four sound questions left the pool is too small.
    const shallow = evaluateGate(soundExam({ questions: [...many(4, "c/a"), ...waiting, ...many(6, "c/b")] }), NOW);
    expect(shallow.failures).toEqual([{ code: "POOL_TOO_SMALL", topic: "c/a", pool: 4, needed: 6 }]);
  });

  it("a historical question (citing superseded law) or one citing unverified law is never in the pool a certifying draw takes from", () => {
    const old: CitationFacts = { label: "55/2016/QĐ-TTg | 6", status: "SUPERSEDED", supersededBy: "32/2025/QĐ-TTg", changedAt: BEFORE };
    const historical = question("c/a", { citations: [old] });
    const unverified = question("c/b", {
      citations: [inForce(), { label: "63/2026/NĐ-CP | 4", status: "UNVERIFIED", supersededBy: null, changedAt: BEFORE }],
    });
    const gate = evaluateGate(soundExam({ questions: [...many(6, "c/a"), historical, ...many(6, "c/b"), unverified] }), NOW);
    expect(gate.certifying).toBe(true);
    expect(gate.held.map((h) => [h.key, h.problems.map((p) => p.code)])).toEqual([
      [historical.key, ["NOT_IN_FORCE"]],
      [unverified.key, ["NOT_IN_FORCE"]],
    ]);
    expect(gate.pool.map((q) => q.questionId)).not.toContain(historical.questionId);
    expect(gate.pool.map((q) => q.questionId)).not.toContain(unverified.questionId);
    // Without it a topic of five sound questions is too shallow.
    const shallow = evaluateGate(soundExam({ questions: [...many(5, "c/a"), historical, ...many(6, "c/b")] }), NOW);
    expect(shallow.failures).toEqual([{ code: "POOL_TOO_SMALL", topic: "c/a", pool: 5, needed: 6 }]);
  });

  it("an item with negative discrimination after at least 30 responses fails; fewer responses, zero, or an old version do not", () => {
    const input = soundExam();
    const [a, b, c] = input.questions;
    const items = [
      { versionId: a.versionId, responses: 30, discrimination: -0.05 },
      { versionId: b.versionId, responses: 29, discrimination: -0.5 },
      { versionId: c.versionId, responses: 200, discrimination: 0 },
      { versionId: 99_999, responses: 500, discrimination: -0.9 },
    ];
    const gate = evaluateGate({ ...input, items }, NOW);
    expect(gate.failures).toEqual([
      {
        code: "NEGATIVE_DISCRIMINATION",
        questionId: a.questionId,
        key: a.key,
        versionId: a.versionId,
        responses: 30,
        discrimination: -0.05,
      },
    ]);
  });

  it("needs an approval of the current version by someone other than its maker, recorded by now", () => {
    const refusedWith = (approvals: GateInput["approvals"]) => evaluateGate(soundExam({ approvals }), NOW).failures;
    const missing = [{ code: "NOT_APPROVED", revision: 3 }];
    expect(refusedWith([])).toEqual(missing);
    expect(refusedWith([{ revision: 2, approvedById: 8, approvedAt: BEFORE }])).toEqual(missing);
    expect(refusedWith([{ revision: 3, approvedById: 7, approvedAt: BEFORE }])).toEqual(missing);
    expect(refusedWith([{ revision: 3, approvedById: 8, approvedAt: new Date(NOW.getTime() + 1) }])).toEqual(missing);
    expect(refusedWith([{ revision: 3, approvedById: 8, approvedAt: NOW }])).toEqual([]);
    // A version the content files made (nobody) is approved by any trainer.
    expect(evaluateGate(soundExam({ exam: { revision: 3, revisedById: null, topics: { "c/a": 2, "c/b": 2 } } }), NOW).certifying).toBe(
      true,
    );
  });

  it("returns every failing reason at once", () => {
    const input = soundExam({
      questions: [
        ...many(5, "c/a"),
        question("c/b", { citations: [{ label: "x | 1", status: "UNVERIFIED", supersededBy: null, changedAt: BEFORE }] }),
        ...many(6, "c/b"),
      ],
      approvals: [],
    });
    const items = [{ versionId: input.questions[0].versionId, responses: 40, discrimination: -0.2 }];
    const gate = evaluateGate({ ...input, items }, NOW);
    expect(gate.failures.map((f) => f.code)).toEqual(["POOL_TOO_SMALL", "NEGATIVE_DISCRIMINATION", "NOT_APPROVED"]);
  });
});

describe("who may approve", () => {
  const exam = { revision: 3, revisedById: 7 };
  it("not the maker of the version, not a version already approved, only the version in force", () => {
    expect(canApprove(exam, [], 8, 3)).toBeNull();
    expect(canApprove(exam, [], 7, 3)).toBe("AUTHOR");
    expect(canApprove(exam, [], 8, 2)).toBe("STALE_REVISION");
    expect(canApprove(exam, [{ revision: 3, approvedById: 9, approvedAt: BEFORE }], 8, 3)).toBe("ALREADY_APPROVED");
    expect(canApprove(exam, [{ revision: 2, approvedById: 9, approvedAt: BEFORE }], 8, 3)).toBeNull();
    expect(canApprove({ revision: 1, revisedById: null }, [], 7, 1)).toBeNull();
  });
});
