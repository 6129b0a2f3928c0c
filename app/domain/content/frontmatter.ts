import { ok, refused, type Refused, type Result } from "../result.ts";
import { isMap, parseDocument, type DocumentOptions, type ParseOptions, type SchemaOptions } from "yaml";
import { z } from "zod";
import { MAX_SOURCE_CHARS } from "./authoring.ts";
import type { MdxProblem } from "./mdx-rules.ts";

const LessonFrontmatterSchema = z.object({
  title: z.string().trim().min(3).max(160),
  summary: z.string().trim().min(10).max(400),
  minutes: z.coerce.number().int().min(1).max(180),
});
export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>;

// A lesson opens with a header of plain data between two lines of exactly "---".
// Author text is data, never code: the header is read by a YAML loader that knows
// only the core schema (strings, numbers, booleans, null, lists, maps) — no
// engines (`---js` once ran as JavaScript on the server), no custom tags, no
// aliases — and only after its size is checked. Nothing here keeps a cache.

/** Longest header accepted before parsing (a real one is ~300 characters). */
export const MAX_FRONTMATTER_CHARS = 4_000;
const FENCE = "---";

/** A header's one problem, in the shape every refusal has. */
export type HeaderRefusal = Refused<"INVALID", MdxProblem>;
const headerProblem = (problem: MdxProblem): HeaderRefusal => refused("INVALID", [problem]);

export type FrontmatterSplit = Result<{ yaml: string; body: string }, "INVALID", MdxProblem>;

function lineAt(source: string, from: number) {
  const end = source.indexOf("\n", from);
  const raw = source.slice(from, end === -1 ? source.length : end);
  return { text: raw.endsWith("\r") ? raw.slice(0, -1) : raw, next: end === -1 ? -1 : end + 1 };
}

/**
 * Splits a lesson into its header (YAML text, from line 2) and its body. The body
 * keeps every line where it was (the header's lines become empty), so later
 * problems name the author's own line numbers, and it never starts with a fence,
 * so nothing downstream can find a header in it again.
 */
export function splitFrontmatter(source: string): FrontmatterSplit {
  if (source.length > MAX_SOURCE_CHARS) return headerProblem({ code: "SOURCE_TOO_LONG", line: null, detail: String(MAX_SOURCE_CHARS) });
  const first = lineAt(source, 0);
  if (first.text !== FENCE) return headerProblem({ code: "FRONTMATTER_FENCE", line: 1, detail: first.text.slice(0, 40) });
  const start = first.next;
  let at = start;
  let line = 1;
  while (at !== -1) {
    if (at - start > MAX_FRONTMATTER_CHARS) {
      const closed = /^---\r?$/m.test(source.slice(at));
      return headerProblem({ code: closed ? "FRONTMATTER_TOO_LONG" : "FRONTMATTER_UNCLOSED", line: 1, detail: String(MAX_FRONTMATTER_CHARS) });
    }
    line++;
    const current = lineAt(source, at);
    if (current.text === FENCE) {
      const rest = current.next === -1 ? "" : source.slice(current.next);
      return ok({ yaml: source.slice(start, at), body: "\n".repeat(line) + rest });
    }
    at = current.next;
  }
  return headerProblem({ code: "FRONTMATTER_UNCLOSED", line: 1, detail: "" });
}

const YAML_OPTIONS = { schema: "core", customTags: [], merge: false, uniqueKeys: true, strict: true, version: "1.2" } satisfies ParseOptions & DocumentOptions & SchemaOptions;

/**
 * Reads a header's YAML as plain data: a map of scalars, lists and maps. Any
 * error, any tag the core schema does not know (`!!js/function`, `!foo`) and any
 * alias is a problem, reported on its line (the header starts on line 2).
 */
export function loadFrontmatterYaml(yaml: string): Result<Record<string, unknown>, "INVALID", MdxProblem> {
  const refuse = (detail: string, yamlLine?: number) =>
    headerProblem({ code: "FRONTMATTER_YAML", line: yamlLine ? yamlLine + 1 : 1, detail: detail.split("\n")[0].slice(0, 120) });
  if (yaml.length > MAX_FRONTMATTER_CHARS) return headerProblem({ code: "FRONTMATTER_TOO_LONG", line: 1, detail: String(MAX_FRONTMATTER_CHARS) });
  const doc = parseDocument(yaml, YAML_OPTIONS);
  const issue = doc.errors[0] ?? doc.warnings[0];
  if (issue) return refuse(issue.message, issue.linePos?.[0]?.line);
  if (doc.contents === null) return ok({});
  if (!isMap(doc.contents)) return refuse("not a map of key: value lines", 1);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    return refuse((error as Error).message);
  }
  return ok(data as Record<string, unknown>);
}

/** The header read as front matter (or its one problem), and the body: null when the header could not even be found. */
export type LessonHeader = { frontmatter: Result<LessonFrontmatter, "INVALID", MdxProblem>; body: string | null };

/** Split, load and validate a lesson's header. */
export function readLessonHeader(source: string): LessonHeader {
  const split = splitFrontmatter(source);
  if (!split.ok) return { frontmatter: split, body: null };
  const { yaml, body } = split.value;
  const loaded = loadFrontmatterYaml(yaml);
  if (!loaded.ok) return { frontmatter: loaded, body };
  const parsed = LessonFrontmatterSchema.safeParse(loaded.value);
  if (!parsed.success) return { frontmatter: headerProblem({ code: "FRONTMATTER", line: 1, detail: parsed.error.issues.map((i) => i.path.join(".")).join(", ") }), body };
  return { frontmatter: ok(parsed.data), body };
}

export const CourseFileSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{3,80}$/),
  order: z.number().int().min(0),
  title: z.string().min(3).max(160),
  description: z.string().min(10).max(1000),
  audience: z.array(z.enum(["ALL", "AGENCY_CLERK", "POSTAL_STAFF"])).min(1),
});
export type CourseFile = z.infer<typeof CourseFileSchema>;

export const AUDIENCES = ["ALL", "AGENCY_CLERK", "POSTAL_STAFF"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Which courses a person sees: everyone's, plus their side of the network. */
export function audiencesFor(unitKindPath: readonly string[]): Audience[] {
  const postal = unitKindPath.some((k) => k === "POST_OFFICE" || k === "COMMUNE_POST_OFFICE" || k === "STATION");
  return ["ALL", postal ? "POSTAL_STAFF" : "AGENCY_CLERK"];
}
