import { randomInt } from "node:crypto";
import { drawQuestions } from "~/domain/exams/draw.ts";
import { canStartExam, type StartRefusal } from "~/domain/exams/eligibility.ts";
import { gradeAnswer, gradeAttempt } from "~/domain/exams/grading.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { appendAudit } from "../audit.server.ts";
import type { StoredOption } from "./bank.server.ts";
import { issueCertification } from "./certifications.server.ts";

// Exam attempts. Everything that decides a result lives here on the server:
// which questions, in which order, the deadline, the key and the grade. What
// the browser gets while an attempt is open is stems and option texts only.

const asDay = (d: Date) => d.toISOString().slice(0, 10);
const cryptoRandom = () => randomInt(0, 2 ** 32) / 2 ** 32;
// On exam day thousands of attempts start and end within minutes and audited
// writes queue on the audit chain's lock: wait longer than the default rather than fail.
const EXAM_TX = { maxWait: 20_000, timeout: 30_000 };

async function examContext(db: Tx | ReturnType<typeof getDb>, personId: number, examId: number) {
  const exam = await db.exam.findUniqueOrThrow({
    where: { id: examId },
    include: { certificationType: { include: { requiredCourses: { include: { course: { select: { id: true, slug: true, title: true } } } } } } },
  });
  const courseIds = exam.certificationType.requiredCourses.map((r) => r.course.id);
  const [completions, attempts, certifications] = await Promise.all([
    db.courseCompletion.findMany({ where: { personId, courseId: { in: courseIds } }, select: { courseId: true } }),
    db.examAttempt.findMany({ where: { personId, examId }, select: { startedAt: true, submittedAt: true, status: true } }),
    db.certification.findMany({ where: { personId, certificationTypeId: exam.certificationTypeId }, select: { id: true, validFrom: true, validUntil: true, revokedAt: true } }),
  ]);
  const done = new Set(completions.map((c) => c.courseId));
  return {
    exam,
    missingCourses: exam.certificationType.requiredCourses.filter((r) => !done.has(r.course.id)).map((r) => r.course),
    attempts: attempts.map((a) => ({ startedAt: a.startedAt, submittedAt: a.submittedAt, open: a.status === "IN_PROGRESS" })),
    certifications: certifications.map((c) => ({ id: c.id, validFrom: asDay(c.validFrom), validUntil: asDay(c.validUntil), revoked: c.revokedAt !== null })),
  };
}

export function startCheck(ctx: Awaited<ReturnType<typeof examContext>>, now: Date) {
  return canStartExam({
    now,
    rules: { ...ctx.exam, renewalWindowDays: ctx.exam.certificationType.renewalWindowDays },
    missingCourses: ctx.missingCourses.map((c) => c.title),
    attempts: ctx.attempts,
    certifications: ctx.certifications,
  });
}

/** Every certification type's exam as this person sees it: what is required, whether they may start, their open attempt. */
export async function examOverview(personId: number, now: Date) {
  const exams = await getDb().exam.findMany({ orderBy: { id: "asc" }, select: { id: true } });
  const open = await getDb().examAttempt.findMany({ where: { personId, status: "IN_PROGRESS" }, select: { id: true, examId: true, deadlineAt: true } });
  return Promise.all(
    exams.map(async ({ id }) => {
      const ctx = await examContext(getDb(), personId, id);
      return {
        examId: id,
        title: ctx.exam.title,
        certificationType: { id: ctx.exam.certificationType.id, code: ctx.exam.certificationType.code, name: ctx.exam.certificationType.name },
        settings: { passPercent: ctx.exam.passPercent, timeLimitMinutes: ctx.exam.timeLimitMinutes, attemptsPerPeriod: ctx.exam.attemptsPerPeriod, periodDays: ctx.exam.periodDays, cooldownMinutes: ctx.exam.cooldownMinutes },
        requiredCourses: ctx.exam.certificationType.requiredCourses.map((r) => ({ ...r.course, done: !ctx.missingCourses.some((m) => m.id === r.course.id) })),
        check: startCheck(ctx, now),
        openAttempt: open.find((a) => a.examId === id) ?? null,
      };
    }),
  );
}

export type StartResult = { ok: true; attemptId: number } | { ok: false; reasons: StartRefusal[] } | { ok: false; shortTopics: string[] };

/** Starts an attempt: re-checks the rules under a lock on the person, draws and stores the questions. */
export async function startAttempt(personId: number, examId: number, now: Date, random: () => number = cryptoRandom): Promise<StartResult> {
  return getDb().$transaction(async (tx) => {
    // One start at a time per person: two tabs cannot open two attempts.
    await tx.$queryRaw`select id from people where id = ${personId} for update`;
    const ctx = await examContext(tx, personId, examId);
    const check = startCheck(ctx, now);
    if (!check.ok) return check;
    const topics = ctx.exam.topics as Record<string, number>;
    const courseIds = ctx.exam.certificationType.requiredCourses.map((r) => r.course.id);
    const questions = await tx.question.findMany({
      where: { retiredAt: null, courseId: { in: courseIds } },
      select: { id: true, topic: true, course: { select: { slug: true } }, versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, options: true } } },
    });
    const seen = await tx.attemptQuestion.findMany({
      where: { attempt: { personId } },
      select: { questionVersion: { select: { questionId: true } } },
    });
    const drawn = drawQuestions(
      questions.map((q) => ({ questionId: q.id, versionId: q.versions[0].id, topic: `${q.course?.slug}/${q.topic}`, optionIds: (q.versions[0].options as StoredOption[]).map((o) => o.id) })),
      topics,
      new Set(seen.map((s) => s.questionVersion.questionId)),
      random,
    );
    if (!drawn.ok) return drawn;
    const attempt = await tx.examAttempt.create({
      data: {
        examId,
        personId,
        startedAt: now,
        deadlineAt: new Date(now.getTime() + ctx.exam.timeLimitMinutes * 60_000),
        questions: { create: drawn.drawn.map((d, i) => ({ position: i + 1, questionVersionId: d.versionId, optionOrder: d.optionOrder })) },
      },
    });
    await appendAudit(tx, { actorId: personId, action: "exam.start", targetType: "attempt", targetId: attempt.id, data: { exam: ctx.exam.title, questions: drawn.drawn.length } }, now);
    return { ok: true, attemptId: attempt.id };
  }, EXAM_TX);
}

/** An open attempt as the learner sees it: no weights, no answer, no explanation. */
export async function attemptForTaking(attemptId: number, personId: number) {
  const attempt = await getDb().examAttempt.findFirst({
    where: { id: attemptId, personId },
    include: {
      exam: { select: { title: true, timeLimitMinutes: true } },
      questions: { orderBy: { position: "asc" }, include: { questionVersion: { select: { type: true, stem: true, options: true } } } },
    },
  });
  if (!attempt) return null;
  return {
    id: attempt.id,
    title: attempt.exam.title,
    status: attempt.status,
    deadlineAt: attempt.deadlineAt,
    questions: attempt.questions.map((q) => {
      const byId = new Map((q.questionVersion.options as StoredOption[]).map((o) => [o.id, o.text]));
      return {
        position: q.position,
        type: q.questionVersion.type,
        stem: q.questionVersion.stem,
        options: q.questionVersion.type === "TRUE_FALSE" ? [] : q.optionOrder.map((id) => ({ id, text: byId.get(id) ?? "" })),
        answer: q.answer,
      };
    }),
  };
}

export type SaveResult = { ok: true; saved: number } | { ok: false; reason: "NOT_FOUND" | "CLOSED" | "DEADLINE_PASSED" | "INVALID_ANSWER" };

/** Saves answers ({ position: chosen ids or ["true"|"false"] }) before the deadline; anything else changes nothing. */
export async function saveAnswers(attemptId: number, personId: number, answers: Record<number, string[]>, now: Date): Promise<SaveResult> {
  return getDb().$transaction(async (tx) => {
    const [attempt] = await tx.$queryRaw<{ status: string; deadline_at: Date }[]>`
      select status, deadline_at from exam_attempts where id = ${attemptId} and person_id = ${personId} for update`;
    if (!attempt) return { ok: false, reason: "NOT_FOUND" };
    if (attempt.status !== "IN_PROGRESS") return { ok: false, reason: "CLOSED" };
    if (now >= attempt.deadline_at) return { ok: false, reason: "DEADLINE_PASSED" };
    const rows = await tx.attemptQuestion.findMany({ where: { attemptId }, include: { questionVersion: { select: { type: true } } } });
    const byPosition = new Map(rows.map((r) => [r.position, r]));
    for (const [position, chosen] of Object.entries(answers)) {
      const row = byPosition.get(Number(position));
      if (!row) return { ok: false, reason: "INVALID_ANSWER" };
      const allowed = row.questionVersion.type === "TRUE_FALSE" ? ["true", "false"] : row.optionOrder;
      const single = row.questionVersion.type !== "MULTIPLE";
      if (chosen.some((c) => !allowed.includes(c)) || (single && chosen.length > 1) || new Set(chosen).size !== chosen.length) {
        return { ok: false, reason: "INVALID_ANSWER" };
      }
    }
    // One statement for all answers: an exam-day autosave is a single round trip.
    const positions = Object.keys(answers).map(Number);
    const values = positions.map((p) => JSON.stringify(answers[p]));
    if (positions.length > 0) {
      await tx.$executeRaw`
        update attempt_questions q set answer = array(select jsonb_array_elements_text(v.answer::jsonb)), answered_at = ${now}
          from unnest(${positions}::int[], ${values}::text[]) as v(position, answer)
         where q.attempt_id = ${attemptId} and q.position = v.position`;
    }
    return { ok: true, saved: positions.length };
  }, EXAM_TX);
}

/**
 * Submits and grades an attempt exactly once, whoever asks first (the learner,
 * a second tab, or the deadline sweep); a pass issues the certification in the
 * same transaction. Later calls return the stored result.
 */
export async function submitAttempt(attemptId: number, personId: number | null, now: Date, opts: { auto?: boolean } = {}) {
  return getDb().$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ id: number }[]>`
      update exam_attempts set status = 'SUBMITTED', submitted_at = ${now}, auto_submitted = ${opts.auto ?? false}
       where id = ${attemptId} and status = 'IN_PROGRESS' and (${personId}::int is null or person_id = ${personId})
       returning id`;
    if (claimed.length === 0) {
      const existing = await tx.examAttempt.findFirst({ where: { id: attemptId, ...(personId !== null ? { personId } : {}) }, select: { id: true, status: true } });
      return existing ? { ok: true as const, alreadySubmitted: true } : { ok: false as const };
    }
    const attempt = await tx.examAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      include: { exam: { include: { certificationType: true } }, questions: { include: { questionVersion: true } } },
    });
    const scores = attempt.questions.map((q) => {
      const v = q.questionVersion;
      return gradeAnswer({ type: v.type, options: v.options as StoredOption[], answer: v.answer }, q.answer, attempt.exam.multipleScoring);
    });
    await tx.$executeRaw`
      update attempt_questions q set score = v.score
        from unnest(${attempt.questions.map((q) => q.id)}::int[], ${scores}::numeric[]) as v(id, score)
       where q.id = v.id`;
    const result = gradeAttempt(scores, attempt.exam.passPercent);
    await tx.examAttempt.update({ where: { id: attemptId }, data: { score: result.score, maxScore: result.max, percent: result.percent, passed: result.passed } });
    await appendAudit(
      tx,
      { actorId: opts.auto ? null : attempt.personId, action: "exam.submit", targetType: "attempt", targetId: attemptId, data: { exam: attempt.exam.title, percent: result.percent, passed: result.passed, auto: opts.auto ?? false } },
      now,
    );
    const certification = result.passed
      ? await issueCertification(tx, { personId: attempt.personId, certificationTypeId: attempt.exam.certificationTypeId, source: "EXAM", attemptId }, null, now)
      : null;
    return { ok: true as const, alreadySubmitted: false, ...result, certificationId: certification?.id ?? null };
  }, EXAM_TX);
}

/** Submits every attempt whose deadline has passed, with what was saved. Safe in any number of processes. */
export async function sweepExpiredAttempts(now: Date) {
  const due = await getDb().examAttempt.findMany({ where: { status: "IN_PROGRESS", deadlineAt: { lte: now } }, select: { id: true }, take: 500 });
  let submitted = 0;
  for (const { id } of due) {
    const r = await submitAttempt(id, null, now, { auto: true });
    if (r.ok && !r.alreadySubmitted) submitted++;
  }
  return submitted;
}

/** A submitted attempt's result; the review (keys, explanations, citations) only as the exam's policy allows. */
export async function attemptResult(attemptId: number, personId: number) {
  const attempt = await getDb().examAttempt.findFirst({
    where: { id: attemptId, personId, status: "SUBMITTED" },
    include: {
      exam: { select: { title: true, reviewPolicy: true, passPercent: true } },
      certification: { select: { id: true, serial: true, validFrom: true, validUntil: true, verificationCode: true } },
      questions: { orderBy: { position: "asc" }, include: { questionVersion: { include: { citations: true } } } },
    },
  });
  if (!attempt) return null;
  const review =
    attempt.exam.reviewPolicy === "FULL"
      ? attempt.questions.map((q) => {
          const v = q.questionVersion;
          const byId = new Map((v.options as StoredOption[]).map((o) => [o.id, o]));
          return {
            position: q.position,
            type: v.type,
            stem: v.stem,
            options: q.optionOrder.map((id) => ({ id, text: byId.get(id)?.text ?? "", right: (byId.get(id)?.weight ?? 0) > 0, chosen: q.answer.includes(id) })),
            answer: v.answer,
            chosen: q.answer,
            score: Number(q.score ?? 0),
            explanation: v.explanation,
            citations: v.citations.map((c) => ({ doc: c.documentCode, article: c.article, clause: c.clause, point: c.point })),
          };
        })
      : null;
  return {
    id: attempt.id,
    title: attempt.exam.title,
    submittedAt: attempt.submittedAt,
    autoSubmitted: attempt.autoSubmitted,
    score: Number(attempt.score ?? 0),
    maxScore: attempt.maxScore ?? 0,
    percent: Number(attempt.percent ?? 0),
    passPercent: attempt.exam.passPercent,
    passed: attempt.passed ?? false,
    reviewPolicy: attempt.exam.reviewPolicy,
    certification: attempt.certification && { ...attempt.certification, validFrom: asDay(attempt.certification.validFrom), validUntil: asDay(attempt.certification.validUntil) },
    review,
  };
}
