import { describe, expect, it } from "vitest";
import { foldDiacritics } from "~/domain/fold.ts";

describe("foldDiacritics", () => {
  it("reads Vietnamese names as they are typed without diacritics, đ included", () => {
    expect(foldDiacritics("Nguyễn Văn Thịnh")).toBe("nguyen van thinh");
    expect(foldDiacritics("ĐẶNG Đức Hưng")).toBe("dang duc hung");
  });

  it("gives the same text for composed and decomposed input", () => {
    const composed = "Hạc Thành";
    expect(foldDiacritics(composed.normalize("NFD"))).toBe(foldDiacritics(composed));
    expect(foldDiacritics(composed)).toBe("hac thanh");
  });
});
