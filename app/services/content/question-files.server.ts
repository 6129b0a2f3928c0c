// The question files in content/questions/ (format: content/questions/FORMAT.md):
// each entry a question or a retired key, and the bank-wide rules content:check
// applies to them.
import { z } from "zod";
import {
  citationStatusProblems,
  keyBalanceProblems,
  loneGroups,
  MAX_KEY_LONGEST_SHARE,
  MAX_KEY_POSITION_SHARE,
  nearDuplicates,
  type BankQuestion,
} from "~/domain/content/question-bank.ts";
import type { ContentFiles } from "./files.server.ts";

const CitationSchema = z.object({ doc: z.string(), article: z.string().optional(), clause: z.string().optional(), point: z.string().optional() });
const QuestionSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{3,80}$/),
    topic: z.string().regex(/^[a-z0-9-]{2,60}$/),
    difficulty: z.number().int().min(1).max(3),
    type: z.enum(["SINGLE", "MULTIPLE", "TRUE_FALSE"]),
    stem: z.string().min(10),
    options: z.array(z.object({ text: z.string().min(1), correct: z.boolean().optional(), weight: z.number().optional() })).optional(),
    answer: z.boolean().optional(),
    explanation: z.string().min(10),
    citations: z.array(CitationSchema).min(1),
    /** Questions of one group ask the same thing: an attempt draws at most one of them (decision 050). */
    variantGroup: z
      .string()
      .regex(/^[a-z0-9-]{2,60}$/)
      .optional(),
    /** About a superseded rule, and the stem says so (content:check). */
    historical: z.literal(true).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const options = q.options ?? [];
    const right = options.filter((o) => o.correct).length;
    if (q.type === "TRUE_FALSE" && (q.answer === undefined || options.length > 0)) ctx.addIssue({ code: "custom", message: "TRUE_FALSE needs `answer` and no options" });
    if (q.type === "SINGLE" && (right !== 1 || options.length < 3 || options.length > 5)) ctx.addIssue({ code: "custom", message: "SINGLE needs 3-5 options, exactly one correct" });
    if (q.type === "MULTIPLE" && (right < 2 || options.length < 4 || options.length > 6)) ctx.addIssue({ code: "custom", message: "MULTIPLE needs 4-6 options, at least two correct" });
  });
export type QuestionFile = z.infer<typeof QuestionSchema>;

/** A question taken out of the bank: the key stays reserved, content:sync retires it in the database. */
const RetiredSchema = z.object({ key: z.string().regex(/^[a-z0-9-]{3,80}$/), retired: z.string().min(10).max(500) }).strict();
export type RetiredQuestionFile = z.infer<typeof RetiredSchema>;

/** Each entry of a question file, read on its own so a problem names its position. */
export function parseQuestionFile(raw: unknown): { questions: QuestionFile[]; retired: RetiredQuestionFile[]; problems: string[] } {
  const out = { questions: [] as QuestionFile[], retired: [] as RetiredQuestionFile[], problems: [] as string[] };
  if (!Array.isArray(raw)) return { ...out, problems: ["the file must hold an array"] };
  raw.forEach((entry, i) => {
    const tombstone = !!entry && typeof entry === "object" && "retired" in entry;
    const parsed = (tombstone ? RetiredSchema : QuestionSchema).safeParse(entry);
    if (!parsed.success) out.problems.push(...parsed.error.issues.map((issue) => `[${[i, ...issue.path].join(".")}] ${issue.message}`));
    else if (tombstone) out.retired.push(parsed.data as RetiredQuestionFile);
    else out.questions.push(parsed.data as QuestionFile);
  });
  return out;
}

/**
 * The bank-wide rules of content:check (decision 050): near-duplicate stems that
 * one exam could draw together share a variant group; keys are not given away
 * by position or length; citations point at law in force unless the question
 * is explicitly historical.
 */
export function questionBankProblems(files: ContentFiles): string[] {
  const problems: string[] = [];
  const bank: BankQuestion[] = files.courses.flatMap((c) => c.questions.map((q) => ({ ...q, course: c.slug })));
  const file = new Map(bank.map((q) => [q.key, `questions/${q.course}.json`]));
  const together = (a: string, b: string) => files.certificationTypes.some((t) => t.requiredCourses.includes(a) && t.requiredCourses.includes(b));
  for (const d of nearDuplicates(bank, together)) {
    problems.push(`${file.get(d.a)}: ${d.a} and ${d.b} have near-identical stems (${d.score.toFixed(2)}); merge them or give both one "variantGroup"`);
  }
  for (const group of loneGroups(bank)) problems.push(`questions: variant group "${group}" has only one question`);
  for (const p of keyBalanceProblems(bank)) {
    problems.push(
      p.code === "KEY_POSITION"
        ? `questions: the key is option ${p.position + 1} in ${p.count} of ${p.total} single-answer questions (at most ${Math.round(MAX_KEY_POSITION_SHARE * 100)}% per position); run npm run content:balance`
        : `questions: the key is the longest option in ${p.count} of ${p.total} single-answer questions (at most ${Math.round(MAX_KEY_LONGEST_SHARE * 100)}%); even out the options`,
    );
  }
  for (const p of citationStatusProblems(bank, files.documents)) {
    const where = `${file.get(p.key)}: ${p.key}`;
    if (p.code === "NOT_IN_FORCE") problems.push(`${where} cites ${p.citation}, which is ${p.status ?? "not in the registry"}; cite the rule in force or mark the question "historical"`);
    else if (p.code === "UNVERIFIED") problems.push(`${where} cites ${p.citation}, which is unverified; a question never asks what is not verified`);
    else if (p.code === "NOT_HISTORICAL") problems.push(`${where} is marked "historical" but cites nothing superseded`);
    else problems.push(`${where} is marked "historical" but its stem does not name the superseded text it cites`);
  }
  return problems;
}

/**
 * A question file as the repository keeps it (what Prettier makes of it at
 * printWidth 140): one entry per block, each option on its own line, a single
 * citation inline and several one per line.
 */
export function formatQuestionFile(entries: readonly Record<string, unknown>[]): string {
  const inline = (value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")} }`
      : JSON.stringify(value);
  const field = ([k, v]: [string, unknown]) => {
    if (k === "options" && Array.isArray(v)) return `    "options": [\n${v.map((o) => `      ${inline(o)}`).join(",\n")}\n    ]`;
    if (k === "citations" && Array.isArray(v) && v.length > 1) return `    "citations": [\n${v.map((c) => `      ${inline(c)}`).join(",\n")}\n    ]`;
    if (k === "citations" && Array.isArray(v)) return `    "citations": [${v.map(inline).join(", ")}]`;
    return `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`;
  };
  return `[\n${entries.map((e) => `  {\n${Object.entries(e).map(field).join(",\n")}\n  }`).join(",\n")}\n]\n`;
}
