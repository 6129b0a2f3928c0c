import { describe, expect, it } from "vitest";
import { checkLesson } from "~/services/content/compile.server.ts";
import type { ContentRegistry } from "~/domain/content/mdx-rules.ts";

const registry: ContentRegistry = {
  documents: new Set(["117/2025/QH15", "37/2021/QĐ-TTg"]),
  provisions: new Set(["117/2025/QH15|13||", "117/2025/QH15|2|1|"]),
  terms: new Set(["ap-tai"]),
};
const FM = "---\ntitle: Bài thử nghiệm\nsummary: Một bài thử nghiệm ngắn gọn.\nminutes: 5\n---\n";
const CHECK = `<KnowledgeCheck question="Chọn một?">\n<Option correct>Đúng</Option>\n<Option>Sai</Option>\n<Explanation>Vì vậy.</Explanation>\n</KnowledgeCheck>\n`;
const codes = (body: string) => checkLesson(FM + body + "\n" + CHECK, registry).problems.map((p) => p.code);

describe("authored MDX runs no code", () => {
  it("accepts Markdown with the allowed components, and collects the citations", () => {
    const result = checkLesson(
      `${FM}## Mục\n\nVăn bản <Term id="ap-tai">áp tải</Term> <LegalRef doc="117/2025/QH15" article="13" /> và <LegalRef doc="37/2021/QĐ-TTg" />.\n\n<Callout type="history">Cũ</Callout>\n\n${CHECK}`,
      registry,
    );
    expect(result.problems).toEqual([]);
    expect(result.citations.map((c) => c.doc)).toEqual(["117/2025/QH15", "37/2021/QĐ-TTg"]);
    expect(result.frontmatter).toEqual({ title: "Bài thử nghiệm", summary: "Một bài thử nghiệm ngắn gọn.", minutes: 5 });
  });

  it.each([
    ["{process.exit()}", "EXPRESSION"],
    ["export const x = 1", "IMPORT_EXPORT"],
    ["import fs from 'node:fs'", "IMPORT_EXPORT"],
    ["<script>alert(1)</script>", "UNKNOWN_COMPONENT"],
    ['<img src="x" onerror="alert(1)" />', "UNKNOWN_COMPONENT"],
    ['<Callout type="info" onClick="alert(1)">x</Callout>', "UNKNOWN_ATTRIBUTE"],
    ["<Callout type={1}>x</Callout>", "EXPRESSION_ATTRIBUTE"],
    ['<Callout type="info" {...props}>x</Callout>', "EXPRESSION_ATTRIBUTE"],
  ])("refuses %s", (body, code) => {
    expect(codes(body)).toContain(code);
  });

  it("refuses citations and terms that are not in the registry", () => {
    expect(codes('<LegalRef doc="117/2025/QH15" article="99" />')).toContain("UNKNOWN_CITATION");
    expect(codes('<LegalRef doc="1/1999/QH10" />')).toContain("UNKNOWN_CITATION");
    expect(codes('<Term id="khong-co">x</Term>')).toContain("UNKNOWN_TERM");
  });

  it("requires a well-formed knowledge check and valid frontmatter", () => {
    expect(checkLesson(`${FM}Chỉ có văn bản.\n`, registry).problems.map((p) => p.code)).toEqual(["NO_KNOWLEDGE_CHECK"]);
    expect(codes('<KnowledgeCheck question="?">\n<Option>A</Option>\n<Option>B</Option>\n</KnowledgeCheck>')).toContain(
      "BAD_KNOWLEDGE_CHECK",
    );
    expect(checkLesson(`---\ntitle: x\n---\n${CHECK}`, registry).problems.map((p) => p.code)).toContain("FRONTMATTER");
  });

  it("reports the line of each problem", () => {
    const problems = checkLesson(`${FM}\nDòng sáu\n\n{1 + 1}\n${CHECK}`, registry).problems;
    expect(problems).toEqual([{ code: "EXPRESSION", line: 9, detail: "{1 + 1}" }]);
  });
});
