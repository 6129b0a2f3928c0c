import { z } from "zod";
import { defaultMultipleWeights, QUESTION_TYPES } from "~/domain/exams/grading.ts";
import type { ContentRegistry } from "~/domain/content/mdx-rules.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import type { Tx } from "~/utils/db.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseId } from "~/utils/ids.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { personNames } from "../content/authoring.server.ts";
import { loadRegistry } from "../content/registry.server.ts";
import { retireQuestion, saveQuestion, type QuestionInput, type StoredOption } from "./bank.server.ts";
import { DEFAULT_DIFFICULTY, generatedKey, KEY_RE, knownCitation, LIMITS, TOPIC_RE } from "./gift-import.server.ts";

// The question editor's form: what it shows, and how a posted form becomes a
// bank input. Rows of options and citations come as numbered fields, so the
// form works without JavaScript; blank rows are ignored.

const OPTION_ROWS = 6;
const CITATION_ROWS = 3;
const MAX_ROWS = 20;

export type OptionRow = { text: string; weight: string; feedback: string; correct: boolean };
export type CitationRow = { doc: string; article: string; clause: string; point: string };
/** The editor's fields, as strings (what the form shows and posts back). */
export type QuestionFormValues = {
  key: string;
  course: string;
  topic: string;
  /** The variant group (decision 050); "" for none. */
  variantGroup: string;
  type: string;
  difficulty: string;
  stem: string;
  explanation: string;
  answer: string;
  options: OptionRow[];
  citations: CitationRow[];
};
export type QuestionFormErrors = Record<string, MessageKey>;

const str = (v: FormDataEntryValue | null) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : "");

/** Pads the rows so there is always room for more (without JavaScript there is no "add" button). */
export function withBlankRows(values: QuestionFormValues): QuestionFormValues {
  const options = [...values.options];
  while (options.length < OPTION_ROWS) options.push({ text: "", weight: "", feedback: "", correct: false });
  const citations = [...values.citations];
  while (citations.length < Math.max(CITATION_ROWS, values.citations.filter((c) => c.doc).length + 1))
    citations.push({ doc: "", article: "", clause: "", point: "" });
  return { ...values, options, citations };
}

export function blankForm(courseId: number | null): QuestionFormValues {
  return withBlankRows({
    key: "",
    course: courseId === null ? "" : String(courseId),
    topic: "",
    variantGroup: "",
    type: "SINGLE",
    difficulty: String(DEFAULT_DIFFICULTY),
    stem: "",
    explanation: "",
    answer: "",
    options: [],
    citations: [],
  });
}

/** The form for the latest version of a question. Weights show only when they are not the defaults. */
export function formFromVersion(
  question: { key: string; courseId: number | null; topic: string; variantGroup: string | null },
  v: {
    type: string;
    stem: string;
    options: unknown;
    answer: boolean | null;
    explanation: string;
    difficulty: number;
    citations: { documentCode: string; article: string; clause: string; point: string }[];
  },
): QuestionFormValues {
  const stored = v.options as StoredOption[];
  const correct = stored.map((o) => o.weight > 0);
  const defaults = defaultMultipleWeights(correct);
  const custom = v.type === "MULTIPLE" && stored.some((o, i) => Math.abs(o.weight - defaults[i]) > 0.001);
  return withBlankRows({
    key: question.key,
    course: question.courseId === null ? "" : String(question.courseId),
    topic: question.topic,
    variantGroup: question.variantGroup ?? "",
    type: v.type,
    difficulty: String(v.difficulty),
    stem: v.stem,
    explanation: v.explanation,
    answer: v.answer === null ? "" : String(v.answer),
    options: stored.map((o, i) => ({
      text: o.text,
      weight: custom ? String(o.weight) : "",
      feedback: o.feedback ?? "",
      correct: correct[i],
    })),
    citations: v.citations.map((c) => ({ doc: c.documentCode, article: c.article, clause: c.clause, point: c.point })),
  });
}

export function readQuestionForm(form: FormData): QuestionFormValues {
  const correct = new Set(form.getAll("correct").map(String));
  const options: OptionRow[] = [];
  const citations: CitationRow[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    if (form.has(`option-${i}-text`)) {
      options.push({
        text: str(form.get(`option-${i}-text`)),
        weight: str(form.get(`option-${i}-weight`)),
        feedback: str(form.get(`option-${i}-feedback`)),
        correct: correct.has(String(i)),
      });
    }
    if (form.has(`cite-${i}-doc`)) {
      citations.push({
        doc: str(form.get(`cite-${i}-doc`)),
        article: str(form.get(`cite-${i}-article`)),
        clause: str(form.get(`cite-${i}-clause`)),
        point: str(form.get(`cite-${i}-point`)),
      });
    }
  }
  return {
    key: str(form.get("key")).trim(),
    course: str(form.get("course")),
    topic: str(form.get("topic")).trim(),
    variantGroup: str(form.get("variantGroup")).trim(),
    type: str(form.get("type")),
    difficulty: str(form.get("difficulty")),
    stem: str(form.get("stem")),
    explanation: str(form.get("explanation")),
    answer: str(form.get("answer")),
    options,
    citations,
  };
}

const k = (key: MessageKey) => key;
const text = (max: number) => z.string().trim().min(1, k("form.required")).max(max, k("questions.error.tooLong"));
const WEIGHT_RE = /^-?\d{1,3}([.,]\d{1,3})?$/;
const VARIANT_GROUP_RE = /^[a-z0-9-]{2,60}$/;

function schema(courseIds: ReadonlySet<number>, rules: ContentRegistry) {
  const option = z.object({
    text: z.string().trim().max(LIMITS.option, k("questions.error.tooLong")),
    weight: z.string().trim(),
    feedback: z.string().trim().max(LIMITS.feedback, k("questions.error.tooLong")),
    correct: z.boolean(),
  });
  const citation = z.object({
    doc: z.string().trim(),
    article: z.string().trim().max(20),
    clause: z.string().trim().max(20),
    point: z.string().trim().max(20),
  });
  return z
    .object({
      key: z.string().refine((s) => s === "" || KEY_RE.test(s), k("questions.error.key")),
      course: z.string().refine((s) => s === "" || courseIds.has(parseId(s) ?? 0), k("questions.error.course")),
      topic: z
        .string()
        .min(1, k("form.required"))
        .max(LIMITS.topic, k("questions.error.topic"))
        .regex(TOPIC_RE, k("questions.error.topic")),
      variantGroup: z.string().refine((s) => s === "" || VARIANT_GROUP_RE.test(s), k("questions.error.variantGroup")),
      type: z.enum(QUESTION_TYPES, { error: k("questions.error.type") }),
      difficulty: z.enum(["1", "2", "3"], { error: k("questions.error.difficulty") }),
      stem: text(LIMITS.stem),
      explanation: text(LIMITS.explanation),
      answer: z.string(),
      options: z.array(option),
      citations: z.array(citation),
    })
    .superRefine((v, ctx) => {
      const issue = (path: (string | number)[], message: MessageKey) => ctx.addIssue({ code: "custom", path, message });
      if (v.type === "TRUE_FALSE") {
        if (v.answer !== "true" && v.answer !== "false") issue(["answer"], "questions.error.answer");
      } else {
        const rows = v.options
          .map((o, i) => ({ ...o, i }))
          .filter((o) => o.text !== "" || o.weight !== "" || o.feedback !== "" || o.correct);
        for (const o of rows) if (o.text === "") issue(["options", o.i], "questions.error.optionText");
        if (rows.length < 2 || rows.length > LIMITS.options) issue(["options"], "questions.error.optionCount");
        const right = rows.filter((o) => o.correct).length;
        if (v.type === "SINGLE" && right !== 1) issue(["options"], "questions.error.singleCorrect");
        if (v.type === "MULTIPLE") {
          if (rows.some((o) => o.weight !== "")) {
            let bad = false;
            for (const o of rows) {
              const w = o.weight === "" ? 0 : Number(o.weight.replace(",", "."));
              if (o.weight !== "" && (!WEIGHT_RE.test(o.weight) || Math.abs(w) > 100)) {
                issue(["options", o.i], "questions.error.weight");
                bad = true;
              } else if (o.correct !== w > 0) {
                issue(["options", o.i], "questions.error.weightSign");
                bad = true;
              }
            }
            const sum = rows.reduce((s, o) => s + Math.max(0, Number(o.weight.replace(",", ".")) || 0), 0);
            if (!bad && Math.abs(sum - 100) > 1) issue(["options"], "questions.error.weightSum");
          } else if (right < 2) {
            issue(["options"], "questions.error.multipleCorrect");
          }
        }
      }
      const cites = v.citations
        .map((c, i) => ({ ...c, i }))
        .filter((c) => c.doc !== "" || c.article !== "" || c.clause !== "" || c.point !== "");
      if (cites.length === 0) issue(["citations"], "questions.error.citationRequired");
      for (const c of cites) {
        if (!knownCitation(rules, c)) issue(["citations", c.i], "questions.error.citationUnknown");
      }
    });
}

/** Validates a posted form; on success the bank input (the key is generated when left blank). */
export function parseQuestionForm(
  values: QuestionFormValues,
  ctx: { courses: { id: number; slug: string }[]; rules: ContentRegistry; key?: string },
): { ok: true; input: QuestionInput } | { ok: false; errors: QuestionFormErrors } {
  const parsed = schema(new Set(ctx.courses.map((c) => c.id)), ctx.rules).safeParse(values);
  if (!parsed.success) {
    const errors: QuestionFormErrors = {};
    for (const issue of parsed.error.issues) {
      const [field, row] = issue.path;
      const name =
        field === "options" && typeof row === "number"
          ? `option-${row}`
          : field === "citations" && typeof row === "number"
            ? `cite-${row}`
            : String(field ?? "_form");
      errors[name] ??= issue.message as MessageKey;
    }
    return { ok: false, errors };
  }
  const v = parsed.data;
  const courseId = v.course === "" ? null : Number(v.course);
  const courseSlug = ctx.courses.find((c) => c.id === courseId)?.slug ?? null;
  const rows = v.options.filter((o) => o.text !== "");
  const weighted = v.type === "MULTIPLE" && rows.some((o) => o.weight !== "");
  const stem = v.stem.trim();
  const seen = new Set<string>();
  return {
    ok: true,
    input: {
      key: ctx.key ?? (v.key || generatedKey(courseSlug, stem)),
      courseId,
      topic: v.topic,
      variantGroup: v.variantGroup || null,
      type: v.type,
      stem,
      options:
        v.type === "TRUE_FALSE"
          ? []
          : rows.map((o) => ({
              text: o.text,
              correct: o.correct,
              ...(weighted ? { weight: o.weight === "" ? 0 : Number(o.weight.replace(",", ".")) } : {}),
              ...(o.feedback ? { feedback: o.feedback } : {}),
            })),
      answer: v.type === "TRUE_FALSE" ? v.answer === "true" : null,
      explanation: v.explanation.trim(),
      difficulty: Number(v.difficulty),
      citations: v.citations
        .filter((c) => c.doc !== "")
        .filter((c) => {
          const id = [c.doc, c.article, c.clause, c.point].join("|");
          return !seen.has(id) && seen.add(id);
        }),
    },
  };
}

export async function unretireQuestion(tx: Tx, questionId: number, actorId: number, now: Date) {
  const q = await tx.question.update({ where: { id: questionId }, data: { retiredAt: null } });
  await appendAudit(tx, { actorId, action: "question.unretire", targetType: "question", targetId: questionId, data: { key: q.key } }, now);
  return q;
}

/** A question as its editor shows it: every version (newest first) with its author's name; null when unknown or without versions. */
export async function questionForEditor(questionId: number) {
  const question = await getDb().question.findUnique({
    where: { id: questionId },
    select: {
      id: true,
      key: true,
      courseId: true,
      topic: true,
      variantGroup: true,
      retiredAt: true,
      course: { select: { title: true } },
      versions: { orderBy: { version: "desc" }, include: { citations: { orderBy: { id: "asc" } } } },
    },
  });
  if (!question || question.versions.length === 0) return null;
  const names = await personNames(question.versions.map((v) => v.createdBy));
  return { ...question, authorNames: names };
}

/** Takes a question out of use (new attempts no longer draw it), or back into use; audited. */
export async function setQuestionRetired(questionId: number, retired: boolean, actorId: number, now: Date) {
  await auditedTransaction((tx) =>
    retired ? retireQuestion(tx, questionId, actorId, now) : unretireQuestion(tx, questionId, actorId, now),
  );
}

/** Saves the editor's input as the question's next version; null when it says what the latest already says. */
export async function saveQuestionVersion(input: QuestionInput, actorId: number, now: Date) {
  return auditedTransaction((tx) => saveQuestion(tx, input, actorId, now));
}

/** Adds a new question; "EXISTS" when its key is taken or the same question is in the bank already (never overwrites one). */
export async function createQuestion(input: QuestionInput, actorId: number, now: Date): Promise<Result<{ questionId: number }, "EXISTS">> {
  const id = await auditedTransaction(async (tx) => {
    if (await tx.question.findUnique({ where: { key: input.key }, select: { id: true } })) return null;
    const version = await saveQuestion(tx, input, actorId, now);
    return version?.questionId ?? null;
  });
  return id === null ? refused("EXISTS") : ok({ questionId: id });
}

// ---------------------------------------------------------------------------
// What the editor offers
// ---------------------------------------------------------------------------

export async function editorChoices(now: Date) {
  const db = getDb();
  const [courses, topics, registry] = await Promise.all([
    db.course.findMany({ orderBy: { position: "asc" }, select: { id: true, slug: true, title: true } }),
    db.question.findMany({ distinct: ["topic"], orderBy: { topic: "asc" }, select: { topic: true } }),
    loadRegistry(now),
  ]);
  return {
    courses,
    topics: topics.map((t) => t.topic),
    documents: [...registry.documents.values()].map((d) => ({ code: d.code, title: d.title })),
    rules: registry.rules,
  };
}
