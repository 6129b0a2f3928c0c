// The lesson header: split at two lines of exactly "---", read as plain YAML data
// (core schema, no engines, no custom tags, no aliases), size-checked first.
import { describe, expect, it } from "vitest";
import { MAX_SOURCE_CHARS } from "~/domain/content/authoring.ts";
import { loadFrontmatterYaml, MAX_FRONTMATTER_CHARS, readLessonHeader, splitFrontmatter } from "~/domain/content/frontmatter.ts";

const HEADER = "title: Bài thử\nsummary: Một bài thử nghiệm ngắn gọn.\nminutes: 5\n";

describe("splitFrontmatter", () => {
  it("splits a header and keeps the body's lines where they were, with no fence left at its start", () => {
    const split = splitFrontmatter(`---\n${HEADER}---\n\n## Mục một\n`);
    expect(split).toEqual({ ok: true, value: { yaml: HEADER, body: "\n\n\n\n\n\n## Mục một\n" } });
    expect(splitFrontmatter(`---\r\n${HEADER}---\r\nBody`)).toMatchObject({ ok: true, value: { body: "\n\n\n\n\nBody" } });
  });

  it("refuses any first line other than exactly ---, on line 1", () => {
    for (const first of [
      "---js",
      "---javascript",
      "---coffee",
      "--- js",
      "--- coffee",
      "---yaml",
      "---json",
      " ---",
      "----",
      "# Bài",
      "",
    ]) {
      expect(splitFrontmatter(`${first}\n${HEADER}---\nBody`)).toEqual({
        ok: false,
        code: "INVALID",
        reasons: [{ code: "FRONTMATTER_FENCE", line: 1, detail: first }],
      });
    }
  });

  it("refuses a header that is not closed, or too long, before reading it", () => {
    expect(splitFrontmatter(`---\n${HEADER}Body without a closing line`)).toMatchObject({
      ok: false,
      reasons: [{ code: "FRONTMATTER_UNCLOSED", line: 1 }],
    });
    expect(splitFrontmatter(`---\n${HEADER}---js\nBody`)).toMatchObject({ ok: false, reasons: [{ code: "FRONTMATTER_UNCLOSED" }] });
    const long = `---\n${"a: b\n".repeat(MAX_FRONTMATTER_CHARS / 4)}---\nBody`;
    expect(splitFrontmatter(long)).toMatchObject({ ok: false, reasons: [{ code: "FRONTMATTER_TOO_LONG", line: 1 }] });
    expect(splitFrontmatter(`---\n${HEADER}---\n${"x".repeat(MAX_SOURCE_CHARS)}`)).toMatchObject({
      ok: false,
      reasons: [{ code: "SOURCE_TOO_LONG" }],
    });
  });
});

describe("loadFrontmatterYaml", () => {
  it("reads plain data", () => {
    expect(loadFrontmatterYaml(HEADER)).toEqual({
      ok: true,
      value: { title: "Bài thử", summary: "Một bài thử nghiệm ngắn gọn.", minutes: 5 },
    });
    expect(loadFrontmatterYaml("")).toEqual({ ok: true, value: {} });
  });

  it("refuses tags outside the core schema, aliases, duplicate keys and non-maps, naming the line", () => {
    const fn = loadFrontmatterYaml(`title: Bài thử\nsummary: !!js/function "function () { globalThis.ran = true }"\n`);
    expect(fn).toMatchObject({ ok: false, reasons: [{ code: "FRONTMATTER_YAML", line: 3 }] });
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
    expect(loadFrontmatterYaml(`title: !!js/undefined ""`)).toMatchObject({ ok: false, reasons: [{ code: "FRONTMATTER_YAML" }] });
    expect(loadFrontmatterYaml(`title: !custom x`)).toMatchObject({ ok: false, reasons: [{ code: "FRONTMATTER_YAML" }] });
    expect(loadFrontmatterYaml(`a: &x [1, 2]\nb: *x\n`)).toMatchObject({ ok: false, reasons: [{ code: "FRONTMATTER_YAML" }] });
    expect(loadFrontmatterYaml(`title: a\ntitle: b\n`)).toMatchObject({ ok: false, reasons: [{ code: "FRONTMATTER_YAML" }] });
    expect(loadFrontmatterYaml(`- title\n- summary\n`)).toMatchObject({ ok: false, reasons: [{ code: "FRONTMATTER_YAML" }] });
    expect(loadFrontmatterYaml(`title: [unclosed\n`)).toMatchObject({ ok: false, reasons: [{ code: "FRONTMATTER_YAML" }] });
    expect(loadFrontmatterYaml("a: b\n".repeat(MAX_FRONTMATTER_CHARS))).toMatchObject({
      ok: false,
      reasons: [{ code: "FRONTMATTER_TOO_LONG" }],
    });
  });
});

describe("readLessonHeader", () => {
  it("validates the fields, keeping the body for the rules", () => {
    expect(readLessonHeader(`---\n${HEADER}---\nBody`)).toEqual({
      frontmatter: { ok: true, value: { title: "Bài thử", summary: "Một bài thử nghiệm ngắn gọn.", minutes: 5 } },
      body: "\n\n\n\n\nBody",
    });
    expect(readLessonHeader(`---\ntitle: x\n---\nBody`)).toEqual({
      frontmatter: { ok: false, code: "INVALID", reasons: [{ code: "FRONTMATTER", line: 1, detail: "title, summary, minutes" }] },
      body: "\n\n\nBody",
    });
    expect(readLessonHeader(`---js\nrequire("fs")\n---\nBody`)).toMatchObject({
      frontmatter: { ok: false, reasons: [{ code: "FRONTMATTER_FENCE", line: 1 }] },
      body: null,
    });
  });
});
