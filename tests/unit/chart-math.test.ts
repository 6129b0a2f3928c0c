import { describe, expect, it } from "vitest";
import { barRows, countTicks, extremes, linearScale, niceCeil, textWidth, wrapLabel } from "~/components/charts/chart-math.ts";

describe("chart math (server-drawn SVG charts)", () => {
  it("maps a domain onto a range, also reversed (SVG y grows downwards)", () => {
    const x = linearScale(0, 100, 240, 600);
    expect([x(0), x(50), x(100)]).toEqual([240, 420, 600]);
    const y = linearScale(0, 10, 236, 20);
    expect([y(0), y(10), y(5)]).toEqual([236, 20, 128]);
    // An empty domain does not divide by zero.
    expect(linearScale(0, 0, 0, 10)(0)).toBe(0);
  });

  it("rounds maxima up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 1.2, 3, 7, 11, 26, 480].map(niceCeil)).toEqual([1, 1, 2, 5, 10, 20, 50, 500]);
  });

  it("counts ticks in whole steps from 0 to a nice maximum covering the data", () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(23)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(countTicks(480)).toEqual([0, 100, 200, 300, 400, 500]);
    for (const max of [1, 9, 13, 99, 101, 1234]) {
      const ticks = countTicks(max);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });

  it("wraps names between words only, never inside one, within the width", () => {
    const lines = wrapLabel("Bưu điện phường Hạc Thành", 120, 13);
    expect(lines.join(" ")).toBe("Bưu điện phường Hạc Thành");
    for (const line of lines) expect(textWidth(line, 13)).toBeLessThanOrEqual(120);
    expect(lines.length).toBeGreaterThan(1);
    // A word longer than the line stands alone, whole.
    expect(wrapLabel("Trung tâm KT1-BƯU-CHÍNH-QUỐC-TẾ", 60, 13)).toEqual(["Trung", "tâm", "KT1-BƯU-CHÍNH-QUỐC-TẾ"]);
    // Decomposed diacritics count as the letters they make.
    expect(textWidth("Hạc".normalize("NFD"), 10)).toBe(textWidth("Hạc", 10));
  });

  it("keeps at most three lines and marks what was left out", () => {
    const lines = wrapLabel("một hai ba bốn năm sáu bảy tám chín mười", 40, 13);
    expect(lines).toHaveLength(3);
    expect(lines[2].endsWith("…")).toBe(true);
  });

  it("stacks bar rows as tall as their wrapped names", () => {
    const { rows, bottom } = barRows(["Ngắn", "Bưu điện phường Hạc Thành tỉnh Thanh Hóa"], {
      labelWidth: 100,
      fontPx: 13,
      lineHeight: 16,
      minHeight: 32,
      start: 8,
    });
    expect(rows[0]).toEqual({ lines: ["Ngắn"], top: 8, height: 32 });
    expect(rows[1].top).toBe(40);
    expect(rows[1].height).toBe(rows[1].lines.length * 16 + 12);
    expect(bottom).toBe(40 + rows[1].height);
  });

  it("finds the highest and lowest rows, skipping rows without a value", () => {
    const rows = [
      { n: "a", v: null },
      { n: "b", v: 40 },
      { n: "c", v: 90 },
      { n: "d", v: 40 },
    ];
    const found = extremes(rows, (r) => r.v);
    expect(found?.highest.n).toBe("c");
    expect(found?.lowest.n).toBe("b");
    expect(extremes([{ v: null }], (r) => r.v)).toBeNull();
  });
});
