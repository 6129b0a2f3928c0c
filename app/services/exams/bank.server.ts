import { randomBytes } from "node:crypto";
import { defaultMultipleWeights, type QuestionType } from "~/domain/exams/grading.ts";
import type { Tx } from "~/utils/db.server.ts";
import { appendAudit } from "../audit.server.ts";

// The question bank. A question is identified by its key; every edit is a new
// immutable version, so an attempt keeps exactly what its learner was asked.

export type OptionInput = { text: string; correct?: boolean; weight?: number; feedback?: string };
export type QuestionInput = {
  key: string;
  courseId: number | null;
  topic: string;
  type: QuestionType;
  stem: string;
  /** SINGLE / MULTIPLE only. Weights default: SINGLE 100/0, MULTIPLE shared (see defaultMultipleWeights). */
  options: OptionInput[];
  /** TRUE_FALSE only. */
  answer: boolean | null;
  explanation: string;
  difficulty: number;
  citations: { doc: string; article?: string; clause?: string; point?: string }[];
  /** Questions of one group ask the same thing; an attempt draws at most one (decision 050). Undefined leaves it as it is. */
  variantGroup?: string | null;
};
export type StoredOption = { id: string; text: string; weight: number; feedback?: string };

/** Option ids are random and opaque, so an id says nothing about its position or correctness. */
const optionId = () => randomBytes(6).toString("base64url");

function storedOptions(input: Pick<QuestionInput, "type" | "options">): StoredOption[] {
  if (input.type === "TRUE_FALSE") return [];
  const weights =
    input.type === "SINGLE"
      ? input.options.map((o) => o.weight ?? (o.correct ? 100 : 0))
      : input.options.some((o) => o.weight !== undefined)
        ? input.options.map((o) => o.weight ?? 0)
        : defaultMultipleWeights(input.options.map((o) => !!o.correct));
  return input.options.map((o, i) => ({
    id: optionId(),
    text: o.text,
    weight: weights[i],
    ...(o.feedback ? { feedback: o.feedback } : {}),
  }));
}

/** Whether the stored version already says exactly this (re-imports then change nothing). */
function sameContent(
  v: {
    type: string;
    stem: string;
    options: unknown;
    answer: boolean | null;
    explanation: string;
    difficulty: number;
    citations: { documentCode: string; article: string; clause: string; point: string }[];
  },
  input: QuestionInput,
  optionsInAnyOrder: boolean,
) {
  const tuples = (list: StoredOption[]) => {
    const rows = list.map((o) => JSON.stringify([o.text, o.weight, o.feedback ?? ""]));
    return optionsInAnyOrder ? rows.sort() : rows;
  };
  const opts = tuples(v.options as StoredOption[]);
  const next = tuples(storedOptions(input));
  const cites = (list: string[]) => JSON.stringify([...list].sort());
  return (
    v.type === input.type &&
    v.stem === input.stem &&
    JSON.stringify(opts) === JSON.stringify(next) &&
    v.answer === (input.type === "TRUE_FALSE" ? input.answer : null) &&
    v.explanation === input.explanation &&
    v.difficulty === input.difficulty &&
    cites(v.citations.map((c) => [c.documentCode, c.article, c.clause, c.point].join("|"))) ===
      cites(input.citations.map((c) => [c.doc, c.article ?? "", c.clause ?? "", c.point ?? ""].join("|")))
  );
}

/**
 * Creates the question or a new version of it; returns null when the latest
 * version already has this content (`optionsInAnyOrder`: the same options in
 * another order count as the same). Validation is the caller's (zod at the edge).
 */
export async function saveQuestion(
  tx: Tx,
  input: QuestionInput,
  actorId: number | null,
  now: Date,
  opts: { optionsInAnyOrder?: boolean } = {},
) {
  // A trainer's regrouping is audited; the content sync (no actor) records its own entry.
  const before = actorId === null ? null : await tx.question.findUnique({ where: { key: input.key }, select: { variantGroup: true } });
  const group = input.variantGroup === undefined ? {} : { variantGroup: input.variantGroup };
  const question = await tx.question.upsert({
    where: { key: input.key },
    create: { key: input.key, courseId: input.courseId, topic: input.topic, createdAt: now, ...group },
    update: { courseId: input.courseId, topic: input.topic, retiredAt: null, ...group },
  });
  if (before && actorId !== null && before.variantGroup !== question.variantGroup) {
    await appendAudit(
      tx,
      {
        actorId,
        action: "question.group",
        targetType: "question",
        targetId: question.id,
        data: { key: input.key, from: before.variantGroup, to: question.variantGroup },
      },
      now,
    );
  }
  const latest = await tx.questionVersion.findFirst({
    where: { questionId: question.id },
    orderBy: { version: "desc" },
    include: { citations: true },
  });
  if (latest && sameContent(latest, input, opts.optionsInAnyOrder ?? false)) return null;
  const version = await tx.questionVersion.create({
    data: {
      questionId: question.id,
      version: (latest?.version ?? 0) + 1,
      type: input.type,
      stem: input.stem,
      options: storedOptions(input),
      answer: input.type === "TRUE_FALSE" ? input.answer : null,
      explanation: input.explanation,
      difficulty: input.difficulty,
      createdAt: now,
      createdBy: actorId,
      citations: {
        create: input.citations.map((c) => ({
          documentCode: c.doc,
          article: c.article ?? "",
          clause: c.clause ?? "",
          point: c.point ?? "",
        })),
      },
    },
  });
  if (actorId !== null) {
    await appendAudit(
      tx,
      {
        actorId,
        action: latest ? "question.update" : "question.create",
        targetType: "question",
        targetId: question.id,
        data: { key: input.key, version: version.version },
      },
      now,
    );
  }
  return version;
}

export async function retireQuestion(tx: Tx, questionId: number, actorId: number, now: Date) {
  const q = await tx.question.update({ where: { id: questionId }, data: { retiredAt: now } });
  await appendAudit(tx, { actorId, action: "question.retire", targetType: "question", targetId: questionId, data: { key: q.key } }, now);
  return q;
}
