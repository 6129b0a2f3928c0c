import { gradeAnswer, gradeAttempt, type MultipleScoring, type QuestionType } from "~/domain/exams/grading.ts";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import type { StoredOption } from "./bank.server.ts";
import { issueCertification } from "./certifications.server.ts";
import { questionVersions } from "./question-versions.server.ts";
import { ok, refused, type Ok, type Refused } from "~/domain/result.ts";

// Exam attempts once started (attempt-start.server.ts starts them). Everything
// that decides a result lives on the server: which questions, in which order,
// the deadline, the key and the grade. What the browser gets while an attempt
// is open is stems and option texts only.

// On exam day thousands of attempts start and end within minutes and audited
// writes queue on the audit chain's lock: wait longer than the default rather than fail.
export const EXAM_TX = { maxWait: 20_000, timeout: 30_000 };

/** An attempt's row as attemptRowSql reads it. */
export type AttemptRow = {
  id: number;
  status: "IN_PROGRESS" | "SUBMITTED";
  deadlineAt: Date | string;
  title: string;
  certifying: boolean;
  questions: { position: number; questionVersionId: number; optionOrder: string[]; answer: string[] }[];
};

/** The attempt `attemptId` if it is `personId`'s (a number or a scalar subquery): one row, its questions as JSON. */
export function attemptRowSql(attemptId: number, personId: number | Prisma.Sql) {
  return Prisma.sql`
    select a.id, a.status::text as "status", a.deadline_at as "deadlineAt", e.title, a.certifying,
           coalesce((select json_agg(json_build_object('position', q.position, 'questionVersionId', q.question_version_id, 'optionOrder', q.option_order, 'answer', coalesce(q.answer, '{}'))
                                     order by q.position)
                       from attempt_questions q where q.attempt_id = a.id), '[]') as questions
      from exam_attempts a join exams e on e.id = a.exam_id
     where a.id = ${attemptId} and a.person_id = ${personId}`;
}

/** An open attempt as the learner sees it: no weights, no answer, no explanation. */
export async function attemptForTaking(attemptId: number, personId: number) {
  // One round trip (it runs on every page view, autosave and submit); the contents come from the version cache.
  const [attempt] = await getDb().$queryRaw<AttemptRow[]>`${attemptRowSql(attemptId, personId)}`;
  return attempt ? takingFrom(attempt) : null;
}

/** An attempt row with its questions' stems and options (in this learner's order) from the version cache. */
export async function takingFrom(attempt: AttemptRow) {
  const versions = await questionVersions(attempt.questions.map((q) => q.questionVersionId));
  return {
    id: attempt.id,
    title: attempt.title,
    status: attempt.status,
    // A Date from a column, an ISO string from a row built as JSON.
    deadlineAt: new Date(attempt.deadlineAt),
    certifying: attempt.certifying,
    questions: attempt.questions.map((q) => {
      const v = versions.get(q.questionVersionId)!;
      const byId = new Map(v.options.map((o) => [o.id, o.text]));
      return {
        position: q.position,
        type: v.type,
        stem: v.stem,
        options: v.type === "TRUE_FALSE" ? [] : q.optionOrder.map((id) => ({ id, text: byId.get(id) ?? "" })),
        answer: q.answer,
      };
    }),
  };
}

/** An open attempt as takingFrom gives it. */
export type TakingAttempt = Awaited<ReturnType<typeof takingFrom>>;

/** How many answers were saved, or why none were. */
export type SaveResult = Ok<{ saved: number }> | Refused<"NOT_FOUND" | "CLOSED" | "DEADLINE_PASSED" | "INVALID_ANSWER">;
/** What an answer to one question may be: its type and its options' ids. */
export type AnswerSlot = { position: number; type: QuestionType; optionIds: readonly string[] };

/** The slots of an attempt taken in attemptForTaking's shape. */
export function answerSlotsOf(attempt: {
  questions: readonly { position: number; type: QuestionType; options: readonly { id: string }[] }[];
}): AnswerSlot[] {
  return attempt.questions.map((q) => ({ position: q.position, type: q.type, optionIds: q.options.map((o) => o.id) }));
}

/**
 * The answers in a form (`q<position>`, several values for checkboxes), only the
 * questions whose answer differs from the one saved: what saveAnswers takes.
 */
export function changedAnswers(
  form: { getAll(name: string): unknown[] },
  questions: readonly { position: number; answer: readonly string[] }[],
) {
  const answers: Record<number, string[]> = {};
  for (const q of questions) {
    const chosen = form.getAll(`q${q.position}`).filter((v): v is string => typeof v === "string");
    const same = chosen.length === q.answer.length && chosen.every((c) => q.answer.includes(c));
    if (!same) answers[q.position] = chosen;
  }
  return answers;
}

/**
 * Saves answers ({ position: chosen ids or ["true"|"false"] }) before the
 * deadline; anything else changes nothing. `slots` (what each question
 * accepts; they never change for an attempt) may come from a read the caller
 * already made. The write is one statement: it locks the attempt row (a
 * submit in flight finishes first, and then nothing is saved) and stores
 * every answer.
 */
export async function saveAnswers(
  attemptId: number,
  personId: number,
  answers: Record<number, string[]>,
  now: Date,
  slots?: readonly AnswerSlot[],
): Promise<SaveResult> {
  const known = slots ?? (await attemptForTaking(attemptId, personId).then((a) => a && answerSlotsOf(a)));
  if (!known) return refused("NOT_FOUND");
  const byPosition = new Map(known.map((r) => [r.position, r]));
  for (const [position, chosen] of Object.entries(answers)) {
    const row = byPosition.get(Number(position));
    if (!row) return refused("INVALID_ANSWER");
    const allowed = row.type === "TRUE_FALSE" ? ["true", "false"] : row.optionIds;
    const single = row.type !== "MULTIPLE";
    if (chosen.some((c) => !allowed.includes(c)) || (single && chosen.length > 1) || new Set(chosen).size !== chosen.length) {
      return refused("INVALID_ANSWER");
    }
  }
  const positions = Object.keys(answers).map(Number);
  const values = positions.map((p) => JSON.stringify(answers[p]));
  const [attempt] = await getDb().$queryRaw<{ status: string; deadline_at: Date }[]>`
    with a as (
      select id, status, deadline_at from exam_attempts where id = ${attemptId} and person_id = ${personId} for update
    ), saved as (
      update attempt_questions q set answer = array(select jsonb_array_elements_text(v.answer::jsonb)), answered_at = ${now}
        from a, unnest(${positions}::int[], ${values}::text[]) as v(position, answer)
       where a.status = 'IN_PROGRESS' and a.deadline_at > ${now} and q.attempt_id = a.id and q.position = v.position
    )
    select status, deadline_at from a`;
  if (!attempt) return refused("NOT_FOUND");
  if (attempt.status !== "IN_PROGRESS") return refused("CLOSED");
  if (now >= attempt.deadline_at) return refused("DEADLINE_PASSED");
  return ok({ saved: positions.length });
}

/**
 * A save from the exam page (its button or the autosave) of the answers in `form`. Past the
 * deadline nothing changes any more: the attempt is handed in with what was saved in time,
 * and the refusal says DEADLINE_PASSED.
 */
export async function saveOrHandIn(attempt: TakingAttempt, personId: number, form: { getAll(name: string): unknown[] }, now: Date) {
  const saved = await saveAnswers(attempt.id, personId, changedAnswers(form, attempt.questions), now, answerSlotsOf(attempt));
  if (!saved.ok && saved.code === "DEADLINE_PASSED") await submitAttempt(attempt.id, personId, now, { auto: true });
  return saved;
}

/**
 * Submits and grades an attempt exactly once, whoever asks first (the learner,
 * a second tab, or the deadline sweep); a pass issues the certification in the
 * same transaction. Later calls return the stored result.
 */
export async function submitAttempt(attemptId: number, personId: number | null, now: Date, opts: { auto?: boolean } = {}) {
  return auditedTransaction(async (tx) => {
    const [claimed] = await tx.$queryRaw<
      {
        person_id: number;
        title: string;
        pass_percent: number;
        multiple_scoring: MultipleScoring;
        certification_type_id: number;
        certifying: boolean;
      }[]
    >`
      with c as (
        update exam_attempts set status = 'SUBMITTED', submitted_at = ${now}, auto_submitted = ${opts.auto ?? false}
         where id = ${attemptId} and status = 'IN_PROGRESS' and (${personId}::int is null or person_id = ${personId})
         returning exam_id, person_id, certifying
      )
      select c.person_id, c.certifying, e.title, e.pass_percent, e.multiple_scoring::text as multiple_scoring, e.certification_type_id
        from c join exams e on e.id = c.exam_id`;
    if (!claimed) {
      const existing = await tx.examAttempt.findFirst({
        where: { id: attemptId, ...(personId !== null ? { personId } : {}) },
        select: { id: true, status: true },
      });
      return existing ? ok({ alreadySubmitted: true as const }) : refused("NOT_FOUND");
    }
    const questions = await tx.attemptQuestion.findMany({
      where: { attemptId },
      select: { id: true, questionVersionId: true, answer: true },
    });
    const versions = await questionVersions(
      questions.map((q) => q.questionVersionId),
      tx,
    );
    const scores = questions.map((q) => {
      const v = versions.get(q.questionVersionId)!;
      return gradeAnswer({ type: v.type, options: v.options, answer: v.answer }, q.answer, claimed.multiple_scoring);
    });
    const result = gradeAttempt(scores, claimed.pass_percent);
    // Every question's score and the attempt's result in one statement.
    await tx.$executeRaw`
      with scored as (
        update attempt_questions q set score = v.score
          from unnest(${questions.map((q) => q.id)}::int[], ${scores}::numeric[]) as v(id, score)
         where q.id = v.id
      )
      update exam_attempts set score = ${result.score}::numeric, max_score = ${result.max}::int, percent = ${result.percent}::numeric, passed = ${result.passed}
       where id = ${attemptId}`;
    await appendAudit(
      tx,
      {
        actorId: opts.auto ? null : claimed.person_id,
        action: "exam.submit",
        targetType: "attempt",
        targetId: attemptId,
        data: {
          exam: claimed.title,
          percent: result.percent,
          passed: result.passed,
          auto: opts.auto ?? false,
          certifying: claimed.certifying,
        },
      },
      now,
    );
    // A practice attempt (the exam failed its quality gate when it started) issues nothing.
    const certification =
      result.passed && claimed.certifying
        ? await issueCertification(
            tx,
            { personId: claimed.person_id, certificationTypeId: claimed.certification_type_id, source: "EXAM", attemptId },
            null,
            now,
          )
        : null;
    return ok({ alreadySubmitted: false as const, ...result, certifying: claimed.certifying, certificationId: certification?.id ?? null });
  }, EXAM_TX);
}

/** Submits every attempt whose deadline has passed, with what was saved. Safe in any number of processes. */
export async function sweepExpiredAttempts(now: Date) {
  const due = await getDb().examAttempt.findMany({
    where: { status: "IN_PROGRESS", deadlineAt: { lte: now } },
    select: { id: true },
    take: 500,
  });
  let submitted = 0;
  for (const { id } of due) {
    const r = await submitAttempt(id, null, now, { auto: true });
    if (r.ok && !r.value.alreadySubmitted) submitted++;
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
            options: q.optionOrder.map((id) => ({
              id,
              text: byId.get(id)?.text ?? "",
              right: (byId.get(id)?.weight ?? 0) > 0,
              chosen: q.answer.includes(id),
            })),
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
    certifying: attempt.certifying,
    reviewPolicy: attempt.exam.reviewPolicy,
    certification: attempt.certification && {
      ...attempt.certification,
      validFrom: fromDateColumn(attempt.certification.validFrom),
      validUntil: fromDateColumn(attempt.certification.validUntil),
    },
    review,
  };
}

export type AttemptResult = NonNullable<Awaited<ReturnType<typeof attemptResult>>>;

/**
 * A learner's attempt as its result page shows it. One not yet submitted is
 * "OPEN" before its deadline; past it, it is submitted now with what was
 * saved. Missing and someone else's are both "NOT_FOUND".
 */
export async function finishedAttempt(
  attemptId: number,
  personId: number,
  now: Date,
): Promise<Ok<AttemptResult> | Refused<"NOT_FOUND" | "OPEN">> {
  const result = await attemptResult(attemptId, personId);
  if (result) return ok(result);
  const open = await getDb().examAttempt.findFirst({ where: { id: attemptId, personId }, select: { deadlineAt: true } });
  if (!open) return refused("NOT_FOUND");
  if (open.deadlineAt > now) return refused("OPEN");
  await submitAttempt(attemptId, personId, now, { auto: true });
  const submitted = await attemptResult(attemptId, personId);
  return submitted ? ok(submitted) : refused("NOT_FOUND");
}
