import { createHash } from "node:crypto";
import {
  giftError,
  parse,
  serialize,
  type GiftCitation,
  type GiftError,
  type GiftQuestion,
  type SerializableQuestion,
} from "~/domain/exams/gift.ts";
import { citationKey, type ContentRegistry } from "~/domain/content/mdx-rules.ts";
import { keyedOrder } from "~/domain/exams/option-order.ts";
import { getDb } from "~/utils/db.server.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { loadRegistry } from "../content/registry.server.ts";
import { saveQuestion, type QuestionInput, type StoredOption } from "./bank.server.ts";
import { foldDiacritics } from "~/domain/fold.ts";

// GIFT import and export of the question bank. An import is all or nothing:
// every question is checked (format, sizes, citations against the legal
// registry) before anything is written, and then all are saved in one
// transaction, each as a new version only where its content changed. A
// question without `// legal:` lines or `####` explanation — every question of
// a real Moodle file — is imported as needing review (decision 052): stored,
// listed and editable, never drawn in a certifying exam until a trainer adds both.

export const KEY_RE = /^[a-z0-9-]{3,80}$/;
export const TOPIC_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DEFAULT_TOPIC = "chung";
export const DEFAULT_DIFFICULTY = 2;
export const LIMITS = { stem: 2000, option: 500, feedback: 1000, explanation: 4000, options: 10, topic: 60 } as const;

/** ASCII kebab-case of any text ("Mạng KT1 / Đường thư" → "mang-kt1-duong-thu"). */
function slugify(text: string): string {
  return foldDiacritics(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** A stable key for a question without a usable title: the course and a hash of the stem. */
export function generatedKey(courseSlug: string | null, stem: string): string {
  const hash = createHash("sha256").update(stem.normalize("NFC")).digest("hex").slice(0, 10);
  return `${(courseSlug ?? "cau-hoi").slice(0, 60)}-${hash}`;
}

function topicOf(category: string | null): string {
  return (
    slugify(category ?? "")
      .slice(0, LIMITS.topic)
      .replace(/-+$/, "") || DEFAULT_TOPIC
  );
}

/** Whether a citation names a provision (or, without an article, a document) in the registry. */
export function knownCitation(rules: ContentRegistry, c: GiftCitation): boolean {
  return c.article ? rules.provisions.has(citationKey(c)) : rules.documents.has(c.doc);
}

const citationLabel = (c: GiftCitation) => [c.doc, c.article, c.clause, c.point].filter(Boolean).join(" | ");

function tooLong(q: GiftQuestion): GiftError[] {
  const errors: GiftError[] = [];
  const check = (text: string | null | undefined, max: number) => {
    if (text && text.length > max) errors.push(giftError(q.line, "questions.import.tooLong", { max, start: text.slice(0, 40) }));
  };
  check(q.stem, LIMITS.stem);
  check(q.generalFeedback, LIMITS.explanation);
  for (const o of q.options) {
    check(o.text, LIMITS.option);
    check(o.feedback, LIMITS.feedback);
  }
  if (q.options.length > LIMITS.options)
    errors.push(giftError(q.line, "questions.import.tooManyOptions", { count: q.options.length, max: LIMITS.options }));
  return errors;
}

/** How many questions the file added, changed and left as they were; or every error in it. */
export type ImportResult = Result<
  { created: number; updated: number; unchanged: number; total: number; needsReview: number },
  "INVALID",
  GiftError
>;

/** Checks a parsed file against the registry and maps it to bank inputs; all errors, not just the first. */
function prepareImport(questions: GiftQuestion[], course: { id: number; slug: string } | null, rules: ContentRegistry) {
  const errors: GiftError[] = [];
  const inputs: QuestionInput[] = [];
  const seen = new Map<string, number>();
  for (const q of questions) {
    const key = q.title && KEY_RE.test(q.title) ? q.title : generatedKey(course?.slug ?? null, q.stem);
    const before = seen.get(key);
    if (before !== undefined) errors.push(giftError(q.line, "questions.import.duplicateKey", { key, other: before }));
    seen.set(key, q.line);
    errors.push(...tooLong(q));
    for (const c of q.legal) {
      if (!knownCitation(rules, c)) errors.push(giftError(q.line, "questions.import.unknownCitation", { citation: citationLabel(c) }));
    }
    inputs.push({
      key,
      courseId: course?.id ?? null,
      topic: topicOf(q.category),
      type: q.type,
      stem: q.stem,
      options: q.options.map((o) => ({ text: o.text, weight: o.weight, ...(o.feedback ? { feedback: o.feedback } : {}) })),
      answer: q.type === "TRUE_FALSE" ? q.answer : null,
      explanation: q.generalFeedback ?? "",
      difficulty: q.difficulty ?? DEFAULT_DIFFICULTY,
      citations: dedupe(q.legal),
    });
  }
  return { errors: errors.sort((a, b) => a.line - b.line), inputs };
}

function dedupe(list: GiftCitation[]): GiftCitation[] {
  const byKey = new Map(list.map((c) => [citationKey(c), c]));
  return [...byKey.values()];
}

export async function importGift(
  text: string,
  courseId: number | null,
  actorId: number,
  now: Date,
  fileName: string | null = null,
): Promise<ImportResult> {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const db = getDb();
  const course = courseId === null ? null : await db.course.findUnique({ where: { id: courseId }, select: { id: true, slug: true } });
  if (courseId !== null && !course) throw new Error(`course ${courseId} does not exist`);
  const { rules } = await loadRegistry(now);
  const { errors, inputs } = prepareImport(parsed.value, course, rules);
  if (errors.length > 0) return refused("INVALID", errors);

  return auditedTransaction(
    async (tx): Promise<ImportResult> => {
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      const needsReview = inputs.filter((i) => i.citations.length === 0 || !i.explanation.trim()).length;
      for (const input of inputs) {
        // Option order is not content: our own exports list them in a keyed order (see exportGift).
        const version = await saveQuestion(tx, input, actorId, now, { optionsInAnyOrder: true });
        if (!version) unchanged++;
        else if (version.version === 1) created++;
        else updated++;
      }
      const counts = { created, updated, unchanged, total: inputs.length, needsReview };
      await appendAudit(
        tx,
        {
          actorId,
          action: "questions.import",
          targetType: "course",
          targetId: course?.id ?? null,
          data: { ...counts, file: fileName, course: course?.slug ?? null },
        },
        now,
      );
      return ok(counts);
    },
    { timeout: 120_000 },
  );
}

/** The GIFT export as a download: the questions leaving the system are recorded in the audit log first. */
export async function exportGiftAudited(course: { id: number; slug: string } | null, actorId: number, now: Date): Promise<string> {
  const text = await exportGift(course?.id ?? null);
  await auditedTransaction((tx) =>
    appendAudit(
      tx,
      {
        actorId,
        action: "questions.export",
        targetType: course ? "course" : null,
        targetId: course?.id ?? null,
        data: { format: "gift", course: course?.slug ?? null },
      },
      now,
    ),
  );
  return text;
}

/** The latest version of every question in use (of one course, or all), as GIFT. */
export async function exportGift(courseId?: number | null): Promise<string> {
  const questions = await getDb().question.findMany({
    where: { retiredAt: null, ...(courseId != null ? { courseId } : {}) },
    orderBy: [{ course: { position: "asc" } }, { topic: "asc" }, { key: "asc" }],
    select: {
      key: true,
      topic: true,
      versions: { orderBy: { version: "desc" }, take: 1, include: { citations: { orderBy: { id: "asc" } } } },
    },
  });
  const list: SerializableQuestion[] = [];
  for (const q of questions) {
    const v = q.versions[0];
    if (!v) continue;
    list.push({
      title: q.key,
      category: q.topic,
      type: v.type,
      stem: v.stem,
      // Never the stored order (which may put the right answer first): one fixed by the key (decision 052).
      options: keyedOrder(q.key, v.options as StoredOption[]).map((o) => ({
        text: o.text,
        weight: o.weight,
        ...(o.feedback ? { feedback: o.feedback } : {}),
      })),
      answer: v.type === "TRUE_FALSE" ? v.answer : null,
      generalFeedback: v.explanation,
      legal: v.citations.map((c) => ({ doc: c.documentCode, article: c.article, clause: c.clause, point: c.point })),
      difficulty: v.difficulty,
    });
  }
  return serialize(list);
}
