// What authored MDX may contain. Lessons are written in the browser by trainers
// and compiled into code that runs on our server, so the rules are strict:
// Markdown plus a fixed set of components with plain string attributes. No
// imports, exports, expressions, event handlers or raw HTML elements.

export const COMPONENTS = ["Callout", "LegalRef", "Term", "Figure", "Steps", "KnowledgeCheck", "Option", "Explanation", "TrainerNote"] as const;
export type ComponentName = (typeof COMPONENTS)[number];

const ATTRIBUTES: Record<ComponentName, { allowed: string[]; required: string[] }> = {
  Callout: { allowed: ["type"], required: ["type"] },
  LegalRef: { allowed: ["doc", "article", "clause", "point"], required: ["doc"] },
  Term: { allowed: ["id"], required: ["id"] },
  Figure: { allowed: ["src", "alt", "caption"], required: ["src", "alt"] },
  Steps: { allowed: [], required: [] },
  KnowledgeCheck: { allowed: ["question"], required: ["question"] },
  Option: { allowed: ["correct"], required: [] },
  Explanation: { allowed: [], required: [] },
  TrainerNote: { allowed: [], required: [] },
};

const CALLOUT_TYPES = ["info", "warning", "important", "history"] as const;
export type CalloutType = (typeof CALLOUT_TYPES)[number];

export type MdxProblemCode =
  | "IMPORT_EXPORT"
  | "EXPRESSION"
  | "UNKNOWN_COMPONENT"
  | "EXPRESSION_ATTRIBUTE"
  | "UNKNOWN_ATTRIBUTE"
  | "MISSING_ATTRIBUTE"
  | "BAD_ATTRIBUTE_VALUE"
  | "UNKNOWN_CITATION"
  | "UNKNOWN_TERM"
  | "BAD_KNOWLEDGE_CHECK"
  | "OPTION_OUTSIDE_CHECK"
  | "NO_KNOWLEDGE_CHECK"
  | "SYNTAX"
  | "SOURCE_TOO_LONG"
  | "FRONTMATTER_FENCE"
  | "FRONTMATTER_UNCLOSED"
  | "FRONTMATTER_TOO_LONG"
  | "FRONTMATTER_YAML"
  | "FRONTMATTER";

export type MdxProblem = { code: MdxProblemCode; line: number | null; detail: string };
export type Citation = { doc: string; article: string; clause: string; point: string };

/** What the rules need to know: citable provisions and glossary ids. */
export type ContentRegistry = {
  /** document codes */
  documents: ReadonlySet<string>;
  /** "doc|article|clause|point" for each provision ("" for missing parts) */
  provisions: ReadonlySet<string>;
  terms: ReadonlySet<string>;
};

/**
 * A knowledge check as the learner sees it: how many options, which one is right
 * (0-based, in document order, as the KnowledgeCheck component letters them), and
 * whether it sits in a TrainerNote (learners never see those, so they are not asked).
 */
export type KnowledgeCheckKey = { options: number; correct: number; trainerOnly: boolean };

export const citationKey = (c: Citation) => [c.doc, c.article, c.clause, c.point].join("|");

// The few mdast shapes we look at (from remark-mdx); anything else is walked through.
type Node = {
  type: string;
  name?: string | null;
  value?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
  position?: { start: { line: number } };
};

function attr(node: Node, name: string): string | undefined {
  const a = node.attributes?.find((x) => x.type === "mdxJsxAttribute" && x.name === name);
  if (!a) return undefined;
  return a.value == null ? "true" : typeof a.value === "string" ? a.value : undefined;
}

/** Checks a parsed lesson (mdast with MDX nodes); returns every problem and the citations. */
export function checkLessonTree(tree: Node, registry: ContentRegistry) {
  const problems: MdxProblem[] = [];
  const citations: Citation[] = [];
  const knowledgeChecks: KnowledgeCheckKey[] = [];
  const add = (code: MdxProblemCode, node: Node, detail: string) =>
    problems.push({ code, line: node.position?.start.line ?? null, detail });

  const walk = (node: Node, insideCheck: boolean, insideNote = false) => {
    switch (node.type) {
      case "mdxjsEsm":
        add("IMPORT_EXPORT", node, (node.value ?? "").split("\n")[0].slice(0, 80));
        return;
      case "mdxFlowExpression":
      case "mdxTextExpression":
        add("EXPRESSION", node, `{${(node.value ?? "").slice(0, 60)}}`);
        return;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement": {
        const name = node.name ?? "";
        if (!(COMPONENTS as readonly string[]).includes(name)) {
          add("UNKNOWN_COMPONENT", node, name ? `<${name}>` : "<>");
          return;
        }
        checkAttributes(node, name as ComponentName, add);
        if (name === "LegalRef") {
          const c = { doc: attr(node, "doc") ?? "", article: attr(node, "article") ?? "", clause: attr(node, "clause") ?? "", point: attr(node, "point") ?? "" };
          const known = c.article ? registry.provisions.has(citationKey(c)) : registry.documents.has(c.doc);
          if (!known) add("UNKNOWN_CITATION", node, citationKey(c).replace(/\|+$/, ""));
          else citations.push(c);
        }
        if (name === "Term" && !registry.terms.has(attr(node, "id") ?? "")) add("UNKNOWN_TERM", node, attr(node, "id") ?? "");
        if (name === "Callout" && !(CALLOUT_TYPES as readonly string[]).includes(attr(node, "type") ?? "")) add("BAD_ATTRIBUTE_VALUE", node, `type="${attr(node, "type")}"`);
        if ((name === "Option" || name === "Explanation") && !insideCheck) add("OPTION_OUTSIDE_CHECK", node, `<${name}>`);
        if (name === "KnowledgeCheck") {
          const options = descendants(node, "Option");
          const correct = options.filter((c) => attr(c, "correct") === "true").length;
          if (options.length < 2 || correct !== 1) add("BAD_KNOWLEDGE_CHECK", node, `${options.length} options, ${correct} correct`);
          knowledgeChecks.push({ options: options.length, correct: options.findIndex((c) => attr(c, "correct") === "true"), trainerOnly: insideNote });
        }
        for (const child of node.children ?? []) walk(child, insideCheck || name === "KnowledgeCheck", insideNote || name === "TrainerNote");
        return;
      }
      default:
        for (const child of node.children ?? []) walk(child, insideCheck, insideNote);
    }
  };
  walk(tree, false);
  if (knowledgeChecks.length === 0) problems.push({ code: "NO_KNOWLEDGE_CHECK", line: null, detail: "" });
  return { problems, citations, knowledgeChecks };
}

/** Elements named `name` below `node`, looking through paragraphs but not into other components. */
function descendants(node: Node, name: string): Node[] {
  const found: Node[] = [];
  for (const child of node.children ?? []) {
    if (child.type.startsWith("mdxJsx")) {
      if (child.name === name) found.push(child);
    } else {
      found.push(...descendants(child, name));
    }
  }
  return found;
}

function checkAttributes(node: Node, name: ComponentName, add: (c: MdxProblemCode, n: Node, d: string) => void) {
  const rule = ATTRIBUTES[name];
  const present = new Set<string>();
  for (const a of node.attributes ?? []) {
    if (a.type !== "mdxJsxAttribute" || (a.value != null && typeof a.value !== "string")) {
      add("EXPRESSION_ATTRIBUTE", node, `<${name}>`);
      continue;
    }
    const attrName = a.name ?? "";
    present.add(attrName);
    if (!rule.allowed.includes(attrName)) add("UNKNOWN_ATTRIBUTE", node, `<${name} ${attrName}>`);
  }
  for (const r of rule.required) if (!present.has(r)) add("MISSING_ATTRIBUTE", node, `<${name} ${r}>`);
}
