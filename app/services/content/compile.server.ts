import { ok, refused, type Result } from "~/domain/result.ts";
import { createHash } from "node:crypto";
import { bundleMDX } from "mdx-bundler";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { readLessonHeader, type LessonFrontmatter } from "~/domain/content/frontmatter.ts";
import { checkLessonTree, type Citation, type ContentRegistry, type KnowledgeCheckKey, type MdxProblem } from "~/domain/content/mdx-rules.ts";

// Compiling a lesson: parse, check against the rules and the legal registry,
// then bundle with mdx-bundler. Called at seed, sync, preview and publish —
// never on a page view (the counter below lets a test prove it). The header is
// read by our own YAML-only loader (domain/content/frontmatter.ts); mdx-bundler
// only ever sees the body, whose header lines are blank, so its own front-matter
// reader (gray-matter, whose engines eval `---js`) finds nothing to read.
let compilations = 0;
export const compilationCount = () => compilations;

export type CompiledLesson = {
  code: string;
  contentHash: string;
  frontmatter: LessonFrontmatter;
  citations: Citation[];
};
/** The compiled lesson, or every problem found in its source. */
export type CompileResult = Result<CompiledLesson, "INVALID", MdxProblem>;

const parser = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkMdx);

export function hashSource(source: string) {
  return createHash("sha256").update(source).digest("hex");
}

/** Rules and frontmatter only: fast, for inline validation while typing. */
export function checkLesson(source: string, registry: ContentRegistry) {
  const header = readLessonHeader(source);
  const headerProblems = header.frontmatter.ok ? [] : (header.frontmatter.reasons ?? []);
  // Without a well-formed header there is no telling where the body starts.
  const body = header.body;
  if (body === null) return { problems: headerProblems, citations: [], frontmatter: null, body: null };
  let tree;
  try {
    tree = parser.parse(body);
  } catch (error) {
    const e = error as { line?: number; reason?: string; message?: string };
    const detail = e.reason ?? e.message ?? "";
    // An import/export the parser cannot even read is still an import/export.
    const code = /import\/export/i.test(detail) ? ("IMPORT_EXPORT" as const) : ("SYNTAX" as const);
    const problems: MdxProblem[] = [{ code, line: e.line ?? null, detail }];
    problems.unshift(...headerProblems);
    return { problems, citations: [], frontmatter: null, body };
  }
  const { problems, citations } = checkLessonTree(tree as never, registry);
  problems.unshift(...headerProblems);
  return { problems, citations, frontmatter: header.frontmatter.ok ? header.frontmatter.value : null, body };
}

const NO_REGISTRY: ContentRegistry = { documents: new Set(), provisions: new Set(), terms: new Set() };

/**
 * The knowledge checks of a (published, hence valid) lesson source, in document
 * order: a parse, never a compile. Their correct options stay on the server side
 * of any answer check.
 */
export function knowledgeChecksOf(source: string): KnowledgeCheckKey[] {
  const header = readLessonHeader(source);
  if (header.body === null) return [];
  return checkLessonTree(parser.parse(header.body) as never, NO_REGISTRY).knowledgeChecks;
}

/** Whatever gray-matter inside mdx-bundler is asked to parse is refused (it never should be: the body has no header). */
const refuse = () => {
  throw new Error("front matter is read before bundling");
};
const NO_ENGINES = { yaml: { parse: refuse }, json: { parse: refuse }, javascript: { parse: refuse }, js: { parse: refuse }, coffee: { parse: refuse }, coffeescript: { parse: refuse }, toml: { parse: refuse } };

export async function compileLesson(source: string, registry: ContentRegistry): Promise<CompileResult> {
  const checked = checkLesson(source, registry);
  if (checked.problems.length > 0 || !checked.frontmatter || checked.body === null) return refused("INVALID", checked.problems);
  compilations++;
  try {
    const { code } = await bundleMDX({
      source: checked.body,
      grayMatterOptions: (options) => ({ ...options, engines: NO_ENGINES }),
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
        return options;
      },
    });
    return ok({ code, contentHash: hashSource(source), frontmatter: checked.frontmatter, citations: checked.citations });
  } catch (error) {
    const e = error as { errors?: { text: string; location?: { line: number } }[]; message?: string };
    const first = e.errors?.[0];
    return refused("INVALID", [{ code: "SYNTAX", line: first?.location?.line ?? null, detail: first?.text ?? e.message ?? "" }]);
  }
}
