import { LRUCache } from "lru-cache";
import { Prisma } from "~/generated/prisma/client.ts";
import { discriminationIndex } from "~/domain/exams/item-analysis.ts";
import {
  evaluateGate,
  type ApprovalFacts,
  type CitationFacts,
  type GateState,
  type ItemFacts,
  type QuestionFacts,
} from "~/domain/exams/quality-gate.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";

// Loads what the quality gate (app/domain/exams/quality-gate.ts) decides on:
// the latest version of every question in use with its citations' status, the
// exam's approvals, and the item statistics of its submitted attempts.

type Db = Tx | ReturnType<typeof getDb>;
type FactsRow = Omit<QuestionFacts, "citations" | "createdAt"> & {
  createdAt: Date;
  courseId: number | null;
  citations: (Omit<CitationFacts, "changedAt"> & { changedAt: string | null })[];
};

/**
 * The latest version of each question in use (of these courses or questions, or all) with
 * its citations: a citation's status is its provision's own, else its
 * document's (decision 052); null when the registry does not know it.
 */
export async function questionFacts(
  db: Db,
  only: { courseIds?: readonly number[]; questionIds?: readonly number[] } = {},
): Promise<(QuestionFacts & { courseId: number | null })[]> {
  const where = Prisma.sql`${only.courseIds ? Prisma.sql`q.course_id = any(${[...only.courseIds]}::int[])` : Prisma.sql`true`}
    and ${only.questionIds ? Prisma.sql`q.id = any(${[...only.questionIds]}::int[])` : Prisma.sql`true`}`;
  const rows = await db.$queryRaw<FactsRow[]>`
    select q.id as "questionId", q.key, q.course_id as "courseId", coalesce(c.slug, '') || '/' || q.topic as topic,
           v.id as "versionId", v.version, v.created_at as "createdAt", btrim(v.explanation) <> '' as "hasExplanation",
           coalesce((select json_agg(json_build_object(
                       'label', concat_ws(' | ', qc.document_code, nullif(qc.article, ''), nullif(qc.clause, ''), nullif(qc.point, '')),
                       'status', case when d.id is null or (qc.article <> '' and p.id is null) then null else coalesce(p.status, d.status)::text end,
                       'supersededBy', case when p.status is not null then p.superseded_by else d.superseded_by end,
                       'changedAt', case when p.status is not null then p.status_changed_at else greatest(d.status_changed_at, p.status_changed_at) end)
                     order by qc.id)
                       from question_citations qc
                       left join legal_documents d on d.code = qc.document_code
                       left join legal_provisions p on p.document_id = d.id and qc.article <> ''
                                                   and p.article = qc.article and p.clause = qc.clause and p.point = qc.point
                      where qc.question_version_id = v.id), '[]') as citations
      from questions q
      left join courses c on c.id = q.course_id
      cross join lateral (select id, version, created_at, explanation from question_versions where question_id = q.id order by version desc limit 1) v
     where q.retired_at is null and ${where}
     order by q.key`;
  return rows.map((r) => ({
    ...r,
    citations: r.citations.map((c) => ({ ...c, changedAt: c.changedAt === null ? null : new Date(c.changedAt) })),
  }));
}

// The question facts of an exam's courses as of one version of the bank
// (gate_facts_state: triggers on every table they come from move it; an exam
// start reads it in its first statement), so a start reads them again only
// when the bank changed (decision 076). Read after the version, they are never
// older than it. A cache of a pure function of the version: never state.
const factsOfVersion = new LRUCache<string, Promise<Awaited<ReturnType<typeof questionFacts>>>>({ max: 100 });

async function questionFactsAt(db: Db, courseIds: readonly number[], version: string) {
  const key = `${version}:${[...courseIds].sort((a, b) => a - b).join(",")}`;
  const hit = factsOfVersion.get(key);
  // A read shared with another request fails with that request's transaction: then read here.
  const shared = hit && (await hit.catch(() => null));
  if (shared) return shared;
  const value = questionFacts(db, { courseIds });
  factsOfVersion.set(key, value);
  value.catch(() => factsOfVersion.get(key) === value && factsOfVersion.delete(key));
  return value;
}

/**
 * Responses and discrimination (the item analysis' index) of these versions in the exam's
 * submitted attempts, as the housekeeping round last computed them (refreshItemStatistics,
 * decision 084): a few rows by key, read through `db` (inside an exam start, its transaction).
 * A version nobody answered yet has no row, as it had no responses.
 */
export async function itemFacts(examId: number, versionIds: readonly number[], db: Db = getDb()): Promise<ItemFacts[]> {
  return db.$queryRaw<ItemFacts[]>`
    select question_version_id as "versionId", responses, discrimination
      from item_statistics
     where exam_id = ${examId} and question_version_id = any(${[...versionIds]}::int[])
     order by question_version_id`;
}

/** How far back a round looks for submissions: minutes, so clocks and slow commits are covered. */
const ITEMS_LOOKBACK_MS = 5 * 60_000;
/**
 * A round leaves an exam whose rows any process, on any host, computed less than this ago
 * (the rounds run every minute): every process runs the round, one computes each exam.
 */
const ITEMS_FRESH_MS = 55_000;
/** The advisory lock class of an exam's item statistics (decision 086). */
const ITEMS_LOCK = 727084;

/**
 * Recomputes item statistics from the submitted attempts (decision 084): of every exam (`all`,
 * a process's first round), else of the exams with a submission in the last few minutes. The
 * housekeeping round calls it each minute in every process. One process at a time computes an
 * exam, and none while its rows are fresh (decision 086); each exam's rows are replaced in one
 * statement, so a start reads the old set or the new one. Returns how many exams it recomputed.
 */
export async function refreshItemStatistics(now: Date, opts: { all?: boolean } = {}, db = getDb()) {
  const since = new Date(now.getTime() - ITEMS_LOOKBACK_MS);
  // A submitted attempt's deadline is after its submission: the (status, deadline_at) index finds them.
  const exams = opts.all
    ? await db.$queryRaw<{ id: number }[]>`select id from exams order by id`
    : await db.$queryRaw<{ id: number }[]>`
        select distinct exam_id as id from exam_attempts
         where status = 'SUBMITTED' and deadline_at >= ${since} and submitted_at >= ${since} order by 1`;
  let computed = 0;
  for (const { id: examId } of exams) {
    if (await db.$transaction((tx) => refreshExam(tx, examId, now))) computed++;
  }
  return computed;
}

/** One exam's rows, unless another process holds the exam or computed them less than ITEMS_FRESH_MS ago. */
async function refreshExam(tx: Tx, examId: number, now: Date) {
  const [{ mine }] = await tx.$queryRaw<{ mine: boolean }[]>`select pg_try_advisory_xact_lock(${ITEMS_LOCK}::int, ${examId}::int) as mine`;
  if (!mine) return false;
  // Read once the lock is held: a process that held it before has committed its rows.
  const [{ fresh }] = await tx.$queryRaw<{ fresh: boolean }[]>`
    select exists (select 1 from item_statistics where exam_id = ${examId}
                     and computed_at > ${new Date(now.getTime() - ITEMS_FRESH_MS)} and computed_at <= ${now}) as fresh`;
  if (fresh) return false;
  // A background round must not take every core from the requests: PostgreSQL's parallel
  // workers ran this aggregation on both cores of a 2-core machine during exam day.
  await tx.$executeRaw`set local max_parallel_workers_per_gather = 0`;
  // One row per version, its responses as three arrays: after an exam day that is ~100,000
  // responses, which as rows (and decimals) cost a second of CPU to receive; as arrays, a tenth.
  const rows = await tx.$queryRaw<{ versionId: number; attemptIds: number[]; percents: number[]; scores: number[] }[]>`
    select aq.question_version_id as "versionId", array_agg(a.id) as "attemptIds",
           array_agg(coalesce(a.percent, 0)::float8) as percents, array_agg(coalesce(aq.score, 0)::float8) as scores
      from attempt_questions aq join exam_attempts a on a.id = aq.attempt_id
     where a.exam_id = ${examId} and a.status = 'SUBMITTED'
     group by aq.question_version_id`;
  const stats = rows.map((r) => {
    const list = r.attemptIds.map((attemptId, i) => ({ attemptId, percent: r.percents[i], score: r.scores[i] }));
    return { versionId: r.versionId, responses: list.length, discrimination: discriminationIndex(list) };
  });
  const ids = stats.map((x) => x.versionId);
  await tx.$executeRaw`
    with gone as (
      delete from item_statistics where exam_id = ${examId} and question_version_id <> all(${ids}::int[])
    )
    insert into item_statistics (exam_id, question_version_id, responses, discrimination, computed_at)
    select ${examId}, t.v, t.r, t.d, ${now}
      from unnest(${ids}::int[], ${stats.map((x) => x.responses)}::int[], ${stats.map((x) => x.discrimination)}::float8[]) as t(v, r, d)
    on conflict (exam_id, question_version_id)
      do update set responses = excluded.responses, discrimination = excluded.discrimination, computed_at = excluded.computed_at`;
  return true;
}

export type ExamGateContext = {
  exam: { id: number; revision: number; revisedById: number | null; revisedAt: Date; topics: Record<string, number> };
  approvals: ApprovalFacts[];
  gate: GateState;
};

/** What the gate needs of the exam itself (its revision, topics, approvals and courses). */
export type GateExam = ExamGateContext["exam"] & {
  approvals: ApprovalFacts[];
  courseIds: readonly number[];
  /** gate_facts_state's version, read with the exam: the question facts may then come from this process's cache. */
  factsVersion?: string;
};

/** The gate of one exam as of `now`; null when there is no such exam. Inside a transaction, `db` is it. */
export async function examGate(examId: number, now: Date, db: Db = getDb()): Promise<ExamGateContext | null> {
  const exam = await db.exam.findUnique({
    where: { id: examId },
    select: {
      id: true,
      revision: true,
      revisedById: true,
      revisedAt: true,
      topics: true,
      approvals: { select: { revision: true, approvedById: true, approvedAt: true }, orderBy: { revision: "desc" } },
      certificationType: { select: { requiredCourses: { select: { courseId: true } } } },
    },
  });
  if (!exam) return null;
  return gateOf(
    {
      id: exam.id,
      revision: exam.revision,
      revisedById: exam.revisedById,
      revisedAt: exam.revisedAt,
      topics: exam.topics as Record<string, number>,
      approvals: exam.approvals,
      courseIds: exam.certificationType.requiredCourses.map((r) => r.courseId),
    },
    now,
    db,
  );
}

/** The gate of an exam already read (an exam start reads it with its other facts, in one statement). */
export async function gateOf(exam: GateExam, now: Date, db: Db = getDb()): Promise<ExamGateContext> {
  const questions =
    exam.factsVersion === undefined
      ? await questionFacts(db, { courseIds: exam.courseIds })
      : await questionFactsAt(db, exam.courseIds, exam.factsVersion);
  const topics = exam.topics;
  const inTopics = questions.filter((q) => q.topic in topics);
  const items = await itemFacts(
    exam.id,
    inTopics.map((q) => q.versionId),
    db,
  );
  const input = {
    exam: { revision: exam.revision, revisedById: exam.revisedById, topics },
    questions: inTopics,
    items,
    approvals: exam.approvals,
  };
  return {
    exam: { id: exam.id, revision: exam.revision, revisedById: exam.revisedById, revisedAt: exam.revisedAt, topics },
    approvals: exam.approvals,
    gate: evaluateGate(input, now),
  };
}
