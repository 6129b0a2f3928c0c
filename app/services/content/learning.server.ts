import { LRUCache } from "lru-cache";
import { canCompleteLesson, gradeAnswer, learnerChecks, type CompletionReason } from "~/domain/content/completion.ts";
import { audiencesFor, type Audience } from "~/domain/content/frontmatter.ts";
import type { KnowledgeCheckKey } from "~/domain/content/mdx-rules.ts";
import { courseProgress, resumeLesson } from "~/domain/content/progress.ts";
import { shouldRecordView } from "~/domain/content/view-recording.ts";
import { hasAnywhere, type Grant } from "~/domain/access/permissions.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { knowledgeChecksOf } from "./compile.server.ts";
import { REGISTRY_CHANGED_MS, stampOf } from "./registry.server.ts";

const ALL_AUDIENCES: readonly Audience[] = ["ALL", "AGENCY_CLERK", "POSTAL_STAFF"];

/** The audiences a person's courses are drawn from: their side of the network; trainers see all. */
export async function audiencesOf(personId: number, grants: readonly Grant[]): Promise<Audience[]> {
  if (hasAnywhere(grants, "content:write")) return [...ALL_AUDIENCES];
  const [row] = await getDb().$queryRaw<{ kinds: string[] }[]>`
    select array_agg(a.kind::text) as kinds
      from people p join units u on u.id = p.unit_id join units a on a.id = any(u.path)
     where p.id = ${personId}`;
  return audiencesFor(row?.kinds ?? []);
}

/** Courses for these audiences with the person's progress (lessons with a published version only). */
export async function catalogue(personId: number, audiences: Audience[]) {
  const courses = await getDb().course.findMany({
    where: { audience: { hasSome: audiences }, lessons: { some: { versions: { some: {} } } } },
    orderBy: { position: "asc" },
    include: {
      lessons: {
        where: { versions: { some: {} } },
        orderBy: { position: "asc" },
        select: { id: true, slug: true, position: true, progress: { where: { personId }, select: { completedAt: true, lastViewedAt: true } } },
      },
      completions: { where: { personId }, select: { completedAt: true } },
    },
  });
  return courses.map((c) => {
    const states = c.lessons.map((l) => ({ lessonId: l.id, slug: l.slug, position: l.position, completedAt: l.progress[0]?.completedAt ?? null, lastViewedAt: l.progress[0]?.lastViewedAt ?? null }));
    return {
      id: c.id,
      slug: c.slug,
      title: c.title,
      description: c.description,
      progress: courseProgress(states),
      completedAt: c.completions[0]?.completedAt ?? null,
      resume: resumeLesson(states)?.slug ?? null,
    };
  });
}

type ViewedLessons = readonly { lessonId: number; lastViewedAt: Date | null }[];

/**
 * Records a view of a lesson unless the stored progress, read in this request
 * (`seen`), already points "resume" at it (see shouldRecordView). The write is a
 * compare-and-set on the value read: when another request or process recorded a
 * view of this lesson in between, that newer view stands and this one is not
 * written. Returns whether a row was written.
 */
export async function markViewed(personId: number, lessonId: number, now: Date, seen: ViewedLessons): Promise<boolean> {
  if (!shouldRecordView(seen, lessonId, now)) return false;
  // ISO strings: a Date parameter would travel without its offset.
  const read = seen.find((l) => l.lessonId === lessonId)?.lastViewedAt?.toISOString() ?? null;
  const written = await getDb().$executeRaw`
    insert into lesson_progress (person_id, lesson_id, last_viewed_at) values (${personId}, ${lessonId}, ${now.toISOString()}::timestamptz)
    on conflict (person_id, lesson_id) do update set last_viewed_at = excluded.last_viewed_at
     where lesson_progress.last_viewed_at = ${read}::timestamptz and lesson_progress.last_viewed_at < excluded.last_viewed_at`;
  return written > 0;
}

// A published version never changes, so its knowledge checks (parsed from its
// source, never compiled) are kept per content hash; safe to lose.
const checkKeys = new LRUCache<string, KnowledgeCheckKey[]>({ max: 500 });

/** The checks learners answer in a published version, in the order the page numbers them. */
async function versionChecks(version: { id: number; contentHash: string }, db: Tx | ReturnType<typeof getDb> = getDb()) {
  const hit = checkKeys.get(version.contentHash);
  if (hit) return hit;
  const { source } = await db.lessonVersion.findUniqueOrThrow({ where: { id: version.id }, select: { source: true } });
  const keys = learnerChecks(knowledgeChecksOf(source));
  checkKeys.set(version.contentHash, keys);
  return keys;
}

export type AnswerResult = Result<{ check: number; correct: boolean }, "STALE_VERSION" | "UNKNOWN_CHECK" | "UNKNOWN_OPTION">;

/**
 * Grades a learner's answer to one knowledge check of the version they were
 * shown (`contentHash`: an answer to an older version is refused, its checks may
 * differ) and records it; the first right answer stays recorded.
 */
export async function answerKnowledgeCheck(
  personId: number,
  version: { id: number; contentHash: string },
  answer: { contentHash: string; check: number; option: number },
  now: Date,
): Promise<AnswerResult> {
  if (answer.contentHash !== version.contentHash) return refused("STALE_VERSION");
  const grade = gradeAnswer(await versionChecks(version), answer.check, answer.option);
  if (!grade.ok) return grade;
  const at = now.toISOString();
  await getDb().$executeRaw`
    insert into knowledge_check_answers (person_id, lesson_version_id, check_index, option_index, correct, answered_at, correct_at)
    values (${personId}, ${version.id}, ${answer.check}, ${answer.option}, ${grade.value.correct}, ${at}::timestamptz, ${grade.value.correct ? at : null}::timestamptz)
    on conflict (person_id, lesson_version_id, check_index) do update
       set option_index = excluded.option_index, correct = excluded.correct, answered_at = excluded.answered_at,
           correct_at = coalesce(knowledge_check_answers.correct_at, excluded.correct_at)`;
  return ok({ check: answer.check, correct: grade.value.correct });
}

/** What the lesson page shows about completing the shown lesson (its view is recorded by the same request). */
export async function completionState(lesson: { version: { id: number; contentHash: string }; lastViewedAt: Date | null; answeredCorrectly: number[] }, now: Date) {
  const checks = (await versionChecks(lesson.version)).length;
  const rule = canCompleteLesson({ viewedAt: lesson.lastViewedAt ?? now, checks, answeredCorrectly: lesson.answeredCorrectly }, now);
  return { rule, checks, answered: lesson.answeredCorrectly.filter((i) => i < checks) };
}

export type MarkDoneResult = Result<{ progress: ReturnType<typeof courseProgress>; courseCompleted: boolean }, "NOT_EARNED", CompletionReason>;

/**
 * Marks a lesson done when it is earned (canCompleteLesson: the person's view of
 * it is recorded and every check of its latest version answered correctly); when
 * that completes the course, records the completion (with its timestamp, which
 * later gates the exam) in the same transaction. Marking a done lesson again
 * changes nothing.
 */
export async function markDone(personId: number, lessonId: number, now: Date): Promise<MarkDoneResult> {
  return auditedTransaction(async (tx): Promise<MarkDoneResult> => {
    const lesson = await tx.lesson.findUniqueOrThrow({
      where: { id: lessonId },
      select: { courseId: true, course: { select: { slug: true } }, versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, contentHash: true } } },
    });
    const key = { personId_lessonId: { personId, lessonId } };
    const mine = await tx.lessonProgress.findUnique({ where: key, select: { lastViewedAt: true, completedAt: true } });
    if (!mine?.completedAt) {
      const version = lesson.versions[0];
      const right = version
        ? await tx.knowledgeCheckAnswer.findMany({ where: { personId, lessonVersionId: version.id, correctAt: { not: null } }, select: { checkIndex: true } })
        : [];
      const checks = version ? (await versionChecks(version, tx)).length : 0;
      const rule = canCompleteLesson({ viewedAt: version ? (mine?.lastViewedAt ?? null) : null, checks, answeredCorrectly: right.map((a) => a.checkIndex) }, now);
      if (!rule.ok) return rule;
      await tx.lessonProgress.updateMany({ where: { personId, lessonId, completedAt: null }, data: { completedAt: now } });
    }
    const lessons = await tx.lesson.findMany({
      where: { courseId: lesson.courseId, versions: { some: {} } },
      select: { id: true, position: true, progress: { where: { personId }, select: { completedAt: true, lastViewedAt: true } } },
    });
    const progress = courseProgress(lessons.map((l) => ({ lessonId: l.id, position: l.position, completedAt: l.progress[0]?.completedAt ?? null, lastViewedAt: null })));
    let courseCompleted = false;
    if (progress.complete) {
      const existing = await tx.courseCompletion.findUnique({ where: { personId_courseId: { personId, courseId: lesson.courseId } } });
      if (!existing) {
        await tx.courseCompletion.create({ data: { personId, courseId: lesson.courseId, completedAt: now } });
        await appendAudit(tx, { actorId: personId, action: "course.complete", targetType: "course", targetId: lesson.courseId, data: { course: lesson.course.slug } }, now);
        courseCompleted = true;
      }
    }
    return ok({ progress, courseCompleted });
  });
}

export type LessonRow = {
  registry_ms: bigint | number | null;
  registry_docs: bigint | number;
  course_id: number;
  course_slug: string;
  course_title: string;
  audience: string[];
  id: number;
  slug: string;
  position: number;
  version_id: number;
  version: number;
  title: string;
  summary: string;
  minutes: number;
  content_hash: string;
  published_at: Date | string;
  completed_at: Date | string | null;
  last_viewed_at: Date | string | null;
  /** The shown lesson only: checks of its latest version the person has answered correctly. */
  answered_correctly: number[] | null;
  unit_kinds: string[] | null;
};

/**
 * A course's published lessons (latest version each, without its compiled
 * code) with the person's progress, the shown lesson and its neighbours, and
 * the audiences the person may see: one round trip, because every lesson view
 * needs all of it. The compiled code is read only when the rendered HTML is not
 * cached (see renderLessonHtml).
 */
export async function lessonPage(courseSlug: string, lessonSlug: string, person: { personId: number; grants: readonly Grant[] }) {
  const rows = await getDb().$queryRaw<LessonRow[]>`${lessonRowsSql(courseSlug, lessonSlug, Prisma.sql`${person.personId}`)}`;
  return lessonPageFrom(rows, lessonSlug, person.grants);
}

/** lessonPage's statement, for the person `personId` (a value or a subquery): also part of the lesson document's (lesson-document.server.ts). */
export function lessonRowsSql(courseSlug: string, lessonSlug: string, personId: Prisma.Sql) {
  return Prisma.sql`
    select c.id as course_id, c.slug as course_slug, c.title as course_title, c.audience,
           l.id, l.slug, l.position, v.id as version_id, v.version, v.title, v.summary, v.minutes, v.content_hash, v.published_at,
           lp.completed_at, lp.last_viewed_at,
           case when l.slug = ${lessonSlug} then
             (select coalesce(array_agg(a.check_index order by a.check_index), '{}') from knowledge_check_answers a
               where a.person_id = ${personId} and a.lesson_version_id = v.id and a.correct_at is not null)
           end as answered_correctly,
           (select array_agg(a.kind::text) from people p join units u on u.id = p.unit_id join units a on a.id = any(u.path)
             where p.id = ${personId}) as unit_kinds,
           -- The legal registry's stamp, so the page renders with the registry as it is now.
           ${REGISTRY_CHANGED_MS} as registry_ms,
           (select count(*) from legal_documents) as registry_docs
      from courses c
      join lessons l on l.course_id = c.id
      join lateral (select lv.id, lv.version, lv.title, lv.summary, lv.minutes, lv.content_hash, lv.published_at
                     from lesson_versions lv where lv.lesson_id = l.id order by lv.version desc limit 1) v on true
      left join lesson_progress lp on lp.lesson_id = l.id and lp.person_id = ${personId}
     where c.slug = ${courseSlug}
     order by l.position`;
}

/** lessonPage's answer from its rows (as selected, or as JSON: dates as strings, counts as numbers). */
export function lessonPageFrom(rows: readonly LessonRow[], lessonSlug: string, grants: readonly Grant[]) {
  const index = rows.findIndex((r) => r.slug === lessonSlug);
  if (index < 0) return null;
  const first = rows[0];
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  const lessons = rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    position: r.position,
    version: { id: r.version_id, version: r.version, title: r.title, summary: r.summary, minutes: r.minutes, contentHash: r.content_hash, publishedAt: new Date(r.published_at) },
    completedAt: date(r.completed_at),
    lastViewedAt: date(r.last_viewed_at),
    answeredCorrectly: r.answered_correctly ?? [],
  }));
  const audiences = hasAnywhere(grants, "content:write") ? [...ALL_AUDIENCES] : audiencesFor(first.unit_kinds ?? []);
  return {
    course: { id: first.course_id, slug: first.course_slug, title: first.course_title, audience: first.audience, lessons },
    lesson: lessons[index],
    previous: lessons[index - 1] ?? null,
    next: lessons[index + 1] ?? null,
    audiences,
    registryStamp: stampOf(Number(first.registry_ms ?? 0), Number(first.registry_docs)),
  };
}

export type LessonPageData = NonNullable<ReturnType<typeof lessonPageFrom>>;

/** The compiled code of one published lesson version (large: read only on a rendered-HTML cache miss). */
export async function lessonCode(versionId: number) {
  const { code } = await getDb().lessonVersion.findUniqueOrThrow({ where: { id: versionId }, select: { code: true } });
  return code;
}
