import { describe, expect, it } from "vitest";
import { lineRange, positionAt } from "~/components/trainer/source-position.ts";

const text = "---\ntitle: Bài một\n---\n\nĐoạn đầu tiên.";

describe("the editor's line and column", () => {
  it("counts lines and columns from 1, Vietnamese letters as one each", () => {
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, text.indexOf("Bài"))).toEqual({ line: 2, column: 8 });
    expect(positionAt(text, text.length)).toEqual({ line: 5, column: 15 });
  });

  it("finds a line's text to select, and the last line when asked past the end", () => {
    const second = lineRange(text, 2);
    expect(text.slice(second.start, second.end)).toBe("title: Bài một");
    const last = lineRange(text, 99);
    expect(text.slice(last.start, last.end)).toBe("Đoạn đầu tiên.");
  });
});
