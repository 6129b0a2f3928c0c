import { describe, expect, it } from "vitest";
import { formatPercent, formatPercentNumber } from "~/utils/format.ts";

// Issue 15: one page said "5.56%", another "62,2%". One rule: Vietnamese
// decimal comma, at most one decimal.
describe("percentages", () => {
  it("are written the Vietnamese way with at most one decimal", () => {
    expect(formatPercent(5.5555, "vi")).toBe("5,6%");
    expect(formatPercent(62.2222, "vi")).toBe("62,2%");
    expect(formatPercent(80, "vi")).toBe("80%");
    expect(formatPercentNumber(5.5555, "vi")).toBe("5,6");
    expect(formatPercent(5.5555, "en")).toBe("5.6%");
  });
});
