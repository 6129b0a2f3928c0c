import { randomInt } from "node:crypto";
import { drawQuestions } from "~/domain/exams/draw.ts";
import { canStartExam, type StartRefusal } from "~/domain/exams/exam-access.ts";
import { ok, refused, type Ok, type Refused } from "~/domain/result.ts";
import { MINUTE_MS } from "~/domain/time/calendar.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { EXAM_TX } from "./attempts.server.ts";
import { questionVersions } from "./question-versions.server.ts";
import { examGate, gateOf } from "./quality-gate.server.ts";

// Starting an exam: who may, which questions (drawn under the quality gate), in
// which order, and the deadline, in one audited transaction. The rest of an
// attempt's life is attempts.server.ts.

const cryptoRandom = () => randomInt(0, 2 ** 32) / 2 ** 32;

type ExamContextRow = {
  id: number;
  title: string;
  topics: Record<string, number>;
  passPercent: number;
  timeLimitMinutes: number;
  attemptsPerPeriod: number;
  periodDays: number;
  cooldownMinutes: number;
  revision: number;
  revisedById: number | null;
  revisedAt: Date;
  gateFactsVersion: string;
  certificationType: { id: number; code: string; name: string; renewalWindowDays: number };
  courses: { id: number; slug: string; title: string; done: boolean }[];
  approvals: { revision: number; approvedById: number; approvedAt: string }[];
  attempts: { startedAt: string; submittedAt: string | null; open: boolean }[];
  certifications: { id: number; validFrom: string; validUntil: string; revoked: boolean }[];
};

/**
 * The exam, its required courses and approvals, and this person's completions,
 * attempts and certifications, in one statement.
 */
async function examContext(db: Tx | ReturnType<typeof getDb>, personId: number, examId: number) {
  const [row] = await db.$queryRaw<ExamContextRow[]>`
    select e.id, e.title, e.topics, e.pass_percent as "passPercent", e.time_limit_minutes as "timeLimitMinutes",
           e.attempts_per_period as "attemptsPerPeriod", e.period_days as "periodDays", e.cooldown_minutes as "cooldownMinutes",
           e.revision, e.revised_by_id as "revisedById", e.revised_at as "revisedAt",
           (select g.version::text from gate_facts_state g where g.id = 1) as "gateFactsVersion",
           json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'renewalWindowDays', t.renewal_window_days) as "certificationType",
           coalesce((select json_agg(json_build_object('id', c.id, 'slug', c.slug, 'title', c.title,
                                     'done', exists (select 1 from course_completions cc where cc.person_id = p.id and cc.course_id = c.id))
                                     order by r.course_id)
                       from certification_type_courses r join courses c on c.id = r.course_id
                      where r.certification_type_id = t.id), '[]') as courses,
           coalesce((select json_agg(json_build_object('revision', ap.revision, 'approvedById', ap.approved_by_id, 'approvedAt', ap.approved_at)
                                     order by ap.revision desc)
                       from exam_approvals ap where ap.exam_id = e.id), '[]') as approvals,
           coalesce((select json_agg(json_build_object('startedAt', a.started_at, 'submittedAt', a.submitted_at, 'open', a.status = 'IN_PROGRESS')
                                     order by a.started_at)
                       from exam_attempts a where a.person_id = p.id and a.exam_id = e.id), '[]') as attempts,
           coalesce((select json_agg(json_build_object('id', c.id, 'validFrom', c.valid_from, 'validUntil', c.valid_until, 'revoked', c.revoked_at is not null)
                                     order by c.id)
                       from certifications c where c.person_id = p.id and c.certification_type_id = t.id), '[]') as certifications
      from people p
     cross join exams e
      join certification_types t on t.id = e.certification_type_id
     where p.id = ${personId} and e.id = ${examId}`;
  if (!row) return null;
  const requiredCourses = row.courses.map((c) => ({ course: { id: c.id, slug: c.slug, title: c.title } }));
  return {
    exam: {
      id: row.id,
      title: row.title,
      topics: row.topics,
      passPercent: row.passPercent,
      timeLimitMinutes: row.timeLimitMinutes,
      attemptsPerPeriod: row.attemptsPerPeriod,
      periodDays: row.periodDays,
      cooldownMinutes: row.cooldownMinutes,
      certificationType: { ...row.certificationType, requiredCourses },
    },
    /** What the quality gate needs of the exam (gateOf). */
    gateExam: {
      id: row.id,
      revision: row.revision,
      revisedById: row.revisedById,
      revisedAt: row.revisedAt,
      topics: row.topics,
      approvals: row.approvals.map((a) => ({ ...a, approvedAt: new Date(a.approvedAt) })),
      courseIds: row.courses.map((c) => c.id),
      factsVersion: row.gateFactsVersion,
    },
    missingCourses: row.courses.filter((c) => !c.done).map(({ id, slug, title }) => ({ id, slug, title })),
    attempts: row.attempts.map((a) => ({
      startedAt: new Date(a.startedAt),
      submittedAt: a.submittedAt === null ? null : new Date(a.submittedAt),
      open: a.open,
    })),
    // Dates arrive as "YYYY-MM-DD", which is what fromDateColumn makes of a DATE column.
    certifications: row.certifications,
  };
}

type ExamContext = NonNullable<Awaited<ReturnType<typeof examContext>>>;

function startCheck(ctx: ExamContext, now: Date) {
  return canStartExam({
    now,
    rules: { ...ctx.exam, renewalWindowDays: ctx.exam.certificationType.renewalWindowDays },
    missingCourses: ctx.missingCourses.map((c) => c.title),
    attempts: ctx.attempts,
    certifications: ctx.certifications,
  });
}

/**
 * Every certification type's exam as this person sees it: what is required,
 * whether they may start, their open attempt and their last submitted one.
 */
export async function examOverview(personId: number, now: Date) {
  const db = getDb();
  const [exams, open, last] = await Promise.all([
    db.exam.findMany({ orderBy: { id: "asc" }, select: { id: true } }),
    db.examAttempt.findMany({ where: { personId, status: "IN_PROGRESS" }, select: { id: true, examId: true, deadlineAt: true } }),
    db.examAttempt.findMany({
      where: { personId, status: "SUBMITTED" },
      orderBy: [{ examId: "asc" }, { submittedAt: "desc" }],
      distinct: ["examId"],
      select: { id: true, examId: true, submittedAt: true, percent: true, passed: true },
    }),
  ]);
  return Promise.all(
    exams.map(async ({ id }) => {
      const [found, gate] = await Promise.all([examContext(getDb(), personId, id), examGate(id, now)]);
      const ctx = found!;
      return {
        examId: id,
        title: ctx.exam.title,
        /** Whether a pass now issues a certification (the quality gate, decision 051); otherwise it is practice. */
        certifying: gate?.gate.certifying ?? false,
        certificationType: {
          id: ctx.exam.certificationType.id,
          code: ctx.exam.certificationType.code,
          name: ctx.exam.certificationType.name,
        },
        settings: {
          passPercent: ctx.exam.passPercent,
          timeLimitMinutes: ctx.exam.timeLimitMinutes,
          attemptsPerPeriod: ctx.exam.attemptsPerPeriod,
          periodDays: ctx.exam.periodDays,
          cooldownMinutes: ctx.exam.cooldownMinutes,
        },
        requiredCourses: ctx.exam.certificationType.requiredCourses.map((r) => ({
          ...r.course,
          done: !ctx.missingCourses.some((m) => m.id === r.course.id),
        })),
        check: startCheck(ctx, now),
        openAttempt: open.find((a) => a.examId === id) ?? null,
        lastAttempt: last.find((a) => a.examId === id) ?? null,
      };
    }),
  );
}

/** The new attempt's id and whether it certifies, or why not: no such exam, the rules refuse (every reason), or the bank is short (the topics). */
export type StartResult =
  | Ok<{ attemptId: number; certifying: boolean }>
  | Refused<"NOT_FOUND">
  | Refused<"REFUSED", StartRefusal>
  | Refused<"SHORT_TOPICS", string>;

/**
 * Starts an attempt: re-checks the rules under a lock on the person, draws and
 * stores the questions. Question contents come from the version cache; the
 * audit entry is written last, so the chain's lock is held only for the commit.
 */
export async function startAttempt(personId: number, examId: number, now: Date, random: () => number = cryptoRandom): Promise<StartResult> {
  return auditedTransaction(async (tx): Promise<StartResult> => {
    // One start at a time per person (its row locked: two tabs cannot open two attempts), and the
    // exam version cannot change (nor its approval go stale) while this attempt starts (its row shared).
    // A statement of its own: the next one's snapshot, taken after the wait, sees the attempt that
    // the other tab committed (a read in the locking statement would not).
    await tx.$queryRaw`select p.id from people p cross join exams e where p.id = ${personId} and e.id = ${examId} for update of p for share of e`;
    const ctx = await examContext(tx, personId, examId);
    if (!ctx) return refused<"NOT_FOUND">("NOT_FOUND");
    const check = startCheck(ctx, now);
    if (!check.ok) return check;
    // Certifying or practice is decided here, once (decision 051): a certifying draw takes sound questions only.
    const { gate, exam: version } = await gateOf(ctx.gateExam, now, tx);
    const sound = new Set(gate.pool.map((q) => q.versionId));
    const topics = ctx.exam.topics as Record<string, number>;
    const courseIds = ctx.exam.certificationType.requiredCourses.map((r) => r.course.id);
    // The live pool (latest version of each question in use) and what this person has seen, in one round trip.
    const rows = await tx.$queryRaw<
      { question_id: number; topic: string; slug: string; version_id: number; variant_group: string | null; seen: boolean }[]
    >`
      select q.id as question_id, q.topic, c.slug, v.id as version_id, q.variant_group, false as seen
        from questions q join courses c on c.id = q.course_id
        cross join lateral (select id from question_versions where question_id = q.id order by version desc limit 1) v
       where q.retired_at is null and q.course_id = any(${courseIds}::int[])
      union all
      select distinct qv.question_id, '', '', 0, null, true
        from exam_attempts a
        -- Per attempt through its index: a plain join lets the planner scan all of attempt_questions.
        cross join lateral (select question_version_id from attempt_questions where attempt_id = a.id offset 0) aq
        join question_versions qv on qv.id = aq.question_version_id
       where a.person_id = ${personId}`;
    const pool = rows.filter((r) => !r.seen);
    const versions = await questionVersions(
      pool.map((q) => q.version_id),
      tx,
    );
    const drawFrom = (list: typeof pool) =>
      drawQuestions(
        list.map((q) => ({
          questionId: q.question_id,
          versionId: q.version_id,
          topic: `${q.slug}/${q.topic}`,
          optionIds: versions.get(q.version_id)!.options.map((o) => o.id),
          group: q.variant_group,
        })),
        topics,
        new Set(rows.filter((r) => r.seen).map((r) => r.question_id)),
        random,
      );
    const certifying = gate.certifying;
    let draw = drawFrom(pool.filter((q) => sound.has(q.version_id)));
    // Practice prefers sound questions too, and falls back on everything in use.
    if (!draw.ok && !certifying) draw = drawFrom(pool);
    if (!draw.ok) return draw;
    const drawn = draw.value;
    const deadline = new Date(now.getTime() + ctx.exam.timeLimitMinutes * MINUTE_MS);
    const questions = drawn.map((d, i) => ({ position: i + 1, version_id: d.versionId, option_order: d.optionOrder }));
    // The attempt and its questions in one statement.
    const [{ id }] = await tx.$queryRaw<{ id: number }[]>`
      with a as (
        insert into exam_attempts (exam_id, person_id, started_at, deadline_at, certifying, exam_revision)
        values (${examId}, ${personId}, ${now}, ${deadline}, ${certifying}, ${version.revision}) returning id
      ), q as (
        insert into attempt_questions (attempt_id, position, question_version_id, option_order)
        select a.id, v.position, v.version_id, v.option_order from a, jsonb_to_recordset(${JSON.stringify(questions)}::jsonb) as v(position int, version_id int, option_order text[])
      )
      select id from a`;
    await appendAudit(
      tx,
      {
        actorId: personId,
        action: "exam.start",
        targetType: "attempt",
        targetId: id,
        data: { exam: ctx.exam.title, questions: drawn.length, certifying, revision: version.revision },
      },
      now,
    );
    return ok({ attemptId: id, certifying });
  }, EXAM_TX);
}
