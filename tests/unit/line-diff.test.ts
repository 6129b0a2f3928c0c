import { describe, expect, it } from "vitest";
import { diffStats, lineDiff, splitLines, type DiffLine } from "~/domain/content/line-diff.ts";

/** Applying the diff must give back both texts. */
function sides(diff: DiffLine[]) {
  return {
    before: diff.filter((d) => d.type !== "added").map((d) => d.text),
    after: diff.filter((d) => d.type !== "removed").map((d) => d.text),
  };
}

describe("splitLines", () => {
  it("splits on any newline and ignores a final one", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a")).toEqual(["a"]);
    expect(splitLines("a\n")).toEqual(["a"]);
    expect(splitLines("a\r\nb\rc\n\n")).toEqual(["a", "b", "c", ""]);
  });
});

describe("lineDiff", () => {
  it("marks identical texts as unchanged", () => {
    expect(lineDiff("a\nb\n", "a\nb\n")).toEqual([
      { type: "same", text: "a" },
      { type: "same", text: "b" },
    ]);
  });

  it("handles empty sides", () => {
    expect(lineDiff("", "")).toEqual([]);
    expect(lineDiff("", "x\ny")).toEqual([
      { type: "added", text: "x" },
      { type: "added", text: "y" },
    ]);
    expect(lineDiff("x", "")).toEqual([{ type: "removed", text: "x" }]);
  });

  it("shows a changed line as removed then added, keeping context", () => {
    expect(lineDiff("# T\nCâu cũ.\nCuối", "# T\nCâu mới.\nCuối")).toEqual([
      { type: "same", text: "# T" },
      { type: "removed", text: "Câu cũ." },
      { type: "added", text: "Câu mới." },
      { type: "same", text: "Cuối" },
    ]);
  });

  it("finds insertions and deletions in the middle", () => {
    const diff = lineDiff("a\nb\nc\nd", "a\nc\nx\nd");
    expect(diff).toEqual([
      { type: "same", text: "a" },
      { type: "removed", text: "b" },
      { type: "same", text: "c" },
      { type: "added", text: "x" },
      { type: "same", text: "d" },
    ]);
    expect(diffStats(diff)).toEqual({ added: 1, removed: 1 });
  });

  it("keeps the longest common subsequence", () => {
    const diff = lineDiff("a\nb\nc\nb\nd\na\nb", "c\nb\na\nb\na\nc");
    expect(diff.filter((d) => d.type === "same")).toHaveLength(4);
    expect(sides(diff)).toEqual({ before: ["a", "b", "c", "b", "d", "a", "b"], after: ["c", "b", "a", "b", "a", "c"] });
  });

  it("ignores the line-ending style", () => {
    expect(lineDiff("a\r\nb\r\n", "a\nb\n").every((d) => d.type === "same")).toBe(true);
  });

  it("reconstructs both sides of random edits", () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 50; round++) {
      const before = Array.from({ length: rand(30) }, () => `line ${rand(6)}`);
      const after = before.flatMap((l) => (rand(4) === 0 ? [] : rand(5) === 0 ? [l, `new ${rand(6)}`] : [l]));
      const diff = lineDiff(before.join("\n"), after.join("\n"));
      expect(sides(diff)).toEqual({ before, after });
    }
  });

  it("is fast enough for a 2,000-line lesson", () => {
    const before = Array.from({ length: 2000 }, (_, i) => `Dòng ${i} của bài học.`);
    const after = before.map((l, i) => (i % 97 === 0 ? `${l} (sửa)` : l)).filter((_, i) => i % 211 !== 5);
    const started = performance.now();
    const diff = lineDiff(before.join("\n"), after.join("\n"));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(sides(diff)).toEqual({ before, after });
  });
});
