import { describe, expect, it } from "vitest";
import { parseFlash } from "~/utils/flash.server.ts";

describe("a flash message read back from its cookie", () => {
  it("is a known message key with short parameters", () => {
    expect(parseFlash(JSON.stringify(["people.saved"]))).toEqual({ key: "people.saved" });
    expect(parseFlash(JSON.stringify(["people.saved", { n: 3, name: "Nguyễn Văn An" }]))).toEqual({
      key: "people.saved",
      params: { n: 3, name: "Nguyễn Văn An" },
    });
  });
  it("refuses anything we did not write: unknown keys, odd shapes, long or nested parameters", () => {
    for (const raw of [
      "people.saved",
      "{}",
      "[]",
      '["no.such.key"]',
      '["people.saved",[1]]',
      '["people.saved",{"a":{"b":1}}]',
      JSON.stringify(["people.saved", { a: "x".repeat(201) }]),
      '["__proto__"]',
    ]) {
      expect(parseFlash(raw), raw).toBeNull();
    }
  });
});
