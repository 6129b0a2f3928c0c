import { awaitsReview, confirmable, questionProblems, type QuestionProblem } from "~/domain/exams/quality-gate.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { questionFacts } from "./quality-gate.server.ts";

// Questions waiting for a trainer (decision 052): imported without citation or
// explanation, citing a provision whose status changed since they were
// written, or citing law not in force. A review is a new version: an edit, or
// a confirmation that the content still holds (same content, the reviewer as author).

export type ReviewQuestion = { questionId: number; key: string; topic: string; courseTitle: string | null; problems: QuestionProblem[] };

/** Every question in use waiting for a trainer (not the historical ones, which wait for nobody), by key. */
export async function questionsNeedingReview(): Promise<ReviewQuestion[]> {
  const db = getDb();
  const [facts, courses] = await Promise.all([questionFacts(db), db.course.findMany({ select: { id: true, title: true } })]);
  const titles = new Map(courses.map((c) => [c.id, c.title]));
  return facts
    .map((q) => ({
      questionId: q.questionId,
      key: q.key,
      topic: q.topic.replace(/^[^/]*\//, ""),
      courseTitle: q.courseId === null ? null : (titles.get(q.courseId) ?? null),
      problems: questionProblems(q),
    }))
    .filter((q) => awaitsReview(q.problems));
}

/** What is wrong with one question's latest version (empty: nothing); null when it is not in use. */
export async function questionReviewState(questionId: number): Promise<QuestionProblem[] | null> {
  const [facts] = await questionFacts(getDb(), { questionIds: [questionId] });
  return facts ? questionProblems(facts) : null;
}

/** Problems of every question in use, by question id (the bank list marks them). */
export async function reviewProblemsById(): Promise<Map<number, QuestionProblem[]>> {
  const facts = await questionFacts(getDb());
  return new Map(facts.map((q) => [q.questionId, questionProblems(q)]));
}

/**
 * A trainer confirms that a question still holds after a cited status changed:
 * its latest version is saved again as a new version by them (audited). Refused
 * when there is nothing to confirm, or when only an edit can settle it (no
 * citation or explanation). Law no longer in force keeps it out of certifying
 * draws after the confirmation too (a historical question).
 */
export async function confirmQuestionReview(
  questionId: number,
  actorId: number,
  now: Date,
): Promise<Result<{ version: number }, "NOT_FOUND" | "NOTHING_TO_REVIEW" | "NEEDS_EDIT">> {
  return auditedTransaction(async (tx) => {
    const question = await tx.question.findUnique({ where: { id: questionId }, select: { id: true, key: true } });
    if (!question) return refused("NOT_FOUND");
    await tx.$queryRaw`select id from questions where id = ${questionId} for update`;
    const [facts] = await questionFacts(tx, { questionIds: [questionId] });
    if (!facts) return refused("NOT_FOUND");
    const problems = questionProblems(facts);
    if (!awaitsReview(problems)) return refused("NOTHING_TO_REVIEW");
    if (!confirmable(problems)) return refused("NEEDS_EDIT");
    const latest = await tx.questionVersion.findUniqueOrThrow({
      where: { id: facts.versionId },
      include: { citations: { orderBy: { id: "asc" } } },
    });
    const version = latest.version + 1;
    await tx.questionVersion.create({
      data: {
        questionId,
        version,
        type: latest.type,
        stem: latest.stem,
        options: latest.options as object,
        answer: latest.answer,
        explanation: latest.explanation,
        difficulty: latest.difficulty,
        createdAt: now,
        createdBy: actorId,
        citations: {
          create: latest.citations.map((c) => ({ documentCode: c.documentCode, article: c.article, clause: c.clause, point: c.point })),
        },
      },
    });
    await appendAudit(
      tx,
      {
        actorId,
        action: "question.review",
        targetType: "question",
        targetId: questionId,
        data: { key: question.key, version, reviewed: problems.map((p) => (p.code === "STATUS_CHANGED" ? p.citation : p.code)) },
      },
      now,
    );
    return ok({ version });
  });
}
