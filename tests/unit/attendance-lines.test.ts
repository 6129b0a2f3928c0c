import { describe, expect, it } from "vitest";
import { parseAttendanceLines, passes } from "~/domain/exams/attendance-lines.ts";

describe("attendance lines", () => {
  it("reads code;score and code;vắng, with ; , or a tab, skipping blank lines", () => {
    const { lines, problems } = parseAttendanceLines("TH0012;85\r\n\n th0013 , vắng \nTH0014\t100\nTH0015;0\nTH0016;VANG");
    expect(problems).toEqual([]);
    expect(lines.map(({ line, code, attended, score }) => [line, code, attended, score])).toEqual([
      [1, "TH0012", true, 85],
      [3, "TH0013", false, null],
      [4, "TH0014", true, 100],
      [5, "TH0015", true, 0],
      [6, "TH0016", false, null],
    ]);
  });

  it("names every bad line and why", () => {
    const { lines, problems } = parseAttendanceLines("TH0012;85\nTH0012;90\nTH0013\nTH0014;101\nTH0015;8,5\nmã sai;80\nTH0016;80;thừa");
    expect(lines).toHaveLength(1);
    expect(problems).toEqual([
      { line: 2, raw: "TH0012;90", reason: "duplicate", code: "TH0012", first: 1 },
      { line: 3, raw: "TH0013", reason: "noScore" },
      { line: 4, raw: "TH0014;101", reason: "score", score: "101" },
      { line: 5, raw: "TH0015;8,5", reason: "format" },
      { line: 6, raw: "mã sai;80", reason: "format" },
      { line: 7, raw: "TH0016;80;thừa", reason: "format" },
    ]);
  });

  it("passes those present at or above the pass mark", () => {
    expect(passes({ attended: true, score: 80 }, 80)).toBe(true);
    expect(passes({ attended: true, score: 79 }, 80)).toBe(false);
    expect(passes({ attended: false, score: null }, 0)).toBe(false);
  });
});
