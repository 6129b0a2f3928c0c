// The exam draw and variant groups (decision 050): an attempt never holds two
// questions of one group, even from two topics, and a draw the bank can fill is
// never refused because of the order topics were filled in.
import { describe, expect, it } from "vitest";
import { drawQuestions, type Candidate } from "~/domain/exams/draw.ts";

function seeded(seed: number) {
  return () => (seed = (seed * 16807) % 2147483647) / 2147483647;
}

const q = (questionId: number, topic: string, group: string | null = null): Candidate => ({
  questionId,
  versionId: 100 + questionId,
  topic,
  optionIds: ["x", "y", "z"],
  group,
});

/** The question ids an attempt drew. */
function drawn(candidates: Candidate[], perTopic: Record<string, number>, seen: number[], seed: number) {
  const result = drawQuestions(candidates, perTopic, new Set(seen), seeded(seed));
  if (!result.ok) throw new Error(`draw refused: ${result.reasons?.join()}`);
  return result.value.map((d) => d.versionId - 100);
}

describe("drawing with variant groups", () => {
  // Two topics; group "g" spans both, "h" has two questions in topic a.
  const bank = [q(1, "a", "g"), q(2, "a", "h"), q(3, "a", "h"), q(4, "a"), q(8, "a"), q(5, "b", "g"), q(6, "b"), q(7, "b", "g"), q(9, "b")];
  const groupOf = new Map(bank.map((c) => [c.questionId, c.group]));

  it("never puts two questions of one group in an attempt, whatever the seed", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const ids = drawn(bank, { a: 3, b: 2 }, [], seed);
      expect(ids).toHaveLength(5);
      const groups = ids.map((id) => groupOf.get(id)).filter(Boolean);
      expect(new Set(groups).size).toBe(groups.length);
    }
  });

  it("fills a draw that a topic-by-topic choice could block", () => {
    // Topic b can only be filled from group g; topic a must then take h.
    const tight = [q(1, "a", "g"), q(2, "a", "h"), q(3, "b", "g")];
    for (let seed = 1; seed <= 100; seed++) {
      const ids = drawn(tight, { a: 1, b: 1 }, [], seed);
      expect(ids.sort()).toEqual([2, 3]);
    }
  });

  it("refuses, naming the topic, when groups make the draw impossible", () => {
    // Within a topic: two questions, one group, two asked for.
    expect(drawQuestions([q(1, "a", "g"), q(2, "a", "g"), q(3, "b")], { a: 2, b: 1 }, new Set(), seeded(7))).toEqual({
      ok: false,
      code: "SHORT_TOPICS",
      reasons: ["a"],
    });
    // Across topics: both topics can only take group g.
    const result = drawQuestions([q(1, "a", "g"), q(2, "b", "g")], { a: 1, b: 1 }, new Set(), seeded(7));
    expect(result).toMatchObject({ ok: false, code: "SHORT_TOPICS" });
    expect(result.ok ? [] : result.reasons).toHaveLength(1);
  });

  it("still prefers what the learner has not seen, within a group too", () => {
    // Group g: 1 seen, 2 unseen; 3 seen. One question from topic a.
    const pool = [q(1, "a", "g"), q(2, "a", "g"), q(3, "a")];
    for (let seed = 1; seed <= 100; seed++) expect(drawn(pool, { a: 1 }, [1, 3], seed)).toEqual([2]);
    // Everything seen: the draw still succeeds.
    expect(drawn(pool, { a: 2 }, [1, 2, 3], 5)).toHaveLength(2);
  });

  it("draws each question of a group in turn across attempts (no member is starved)", () => {
    const pool = [q(1, "a", "g"), q(2, "a", "g"), q(3, "a", "g"), q(4, "a")];
    const seen = new Set<number>();
    for (let seed = 1; seed <= 200; seed++) for (const id of drawn(pool, { a: 2 }, [], seed)) seen.add(id);
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });
});
