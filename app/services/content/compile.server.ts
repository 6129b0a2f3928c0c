import { createHash } from "node:crypto";
import matter from "gray-matter";
import { bundleMDX } from "mdx-bundler";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { LessonFrontmatterSchema, type LessonFrontmatter } from "~/domain/content/frontmatter.ts";
import { checkLessonTree, type Citation, type ContentRegistry, type MdxProblem } from "~/domain/content/mdx-rules.ts";

// Compiling a lesson: parse, check against the rules and the legal registry,
// then bundle with mdx-bundler. Called at seed, sync, preview and publish —
// never on a page view (the counter below lets a test prove it).
let compilations = 0;
export const compilationCount = () => compilations;

export type CompiledLesson = {
  ok: true;
  code: string;
  contentHash: string;
  frontmatter: LessonFrontmatter;
  citations: Citation[];
};
export type CompileResult = CompiledLesson | { ok: false; problems: MdxProblem[] };

const parser = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkMdx);

export function hashSource(source: string) {
  return createHash("sha256").update(source).digest("hex");
}

/** Rules and frontmatter only: fast, for inline validation while typing. */
export function checkLesson(source: string, registry: ContentRegistry) {
  let tree;
  try {
    tree = parser.parse(source);
  } catch (error) {
    const e = error as { line?: number; reason?: string; message?: string };
    const detail = e.reason ?? e.message ?? "";
    // An import/export the parser cannot even read is still an import/export.
    const code = /import\/export/i.test(detail) ? ("IMPORT_EXPORT" as const) : ("SYNTAX" as const);
    return { problems: [{ code, line: e.line ?? null, detail }], citations: [], frontmatter: null };
  }
  const { problems, citations } = checkLessonTree(tree as never, registry);
  let frontmatter: LessonFrontmatter | null = null;
  try {
    const parsed = LessonFrontmatterSchema.safeParse(matter(source).data);
    if (parsed.success) frontmatter = parsed.data;
    else problems.unshift({ code: "FRONTMATTER", line: 1, detail: parsed.error.issues.map((i) => i.path.join(".")).join(", ") });
  } catch (error) {
    problems.unshift({ code: "FRONTMATTER", line: 1, detail: String((error as Error).message).slice(0, 120) });
  }
  return { problems, citations, frontmatter };
}

export async function compileLesson(source: string, registry: ContentRegistry): Promise<CompileResult> {
  const checked = checkLesson(source, registry);
  if (checked.problems.length > 0 || !checked.frontmatter) return { ok: false, problems: checked.problems };
  compilations++;
  try {
    const { code } = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
        return options;
      },
    });
    return { ok: true, code, contentHash: hashSource(source), frontmatter: checked.frontmatter, citations: checked.citations };
  } catch (error) {
    const e = error as { errors?: { text: string; location?: { line: number } }[]; message?: string };
    const first = e.errors?.[0];
    return { ok: false, problems: [{ code: "SYNTAX", line: first?.location?.line ?? null, detail: first?.text ?? e.message ?? "" }] };
  }
}
