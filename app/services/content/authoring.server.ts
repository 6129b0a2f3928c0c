import { MAX_SOURCE_CHARS } from "~/domain/content/authoring.ts";
import type { MdxProblem } from "~/domain/content/mdx-rules.ts";
import { fromDateColumn, toDateColumn } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { uniqueViolation } from "../people-admin.server.ts";
import { checkLesson, compileLesson } from "./compile.server.ts";
import { forgetRegistry, loadRegistry } from "./registry.server.ts";
import { renderLessonHtml } from "./render.server.tsx";
import { ok, refused, type Result } from "~/domain/result.ts";

// What the trainer pages need beyond compile/publish: previews, new lessons,
// restoring an old version, the review list and legal status changes.


export type PreviewResult = { problems: MdxProblem[]; html: string | null };

/** A textarea posts CRLF line endings; lessons are stored with LF. */
export function normalizeSource(raw: FormDataEntryValue | null): string | null {
  if (typeof raw !== "string" || raw.length > 2 * MAX_SOURCE_CHARS) return null;
  const source = raw.replace(/\r\n?/g, "\n");
  return source.length > MAX_SOURCE_CHARS ? null : source;
}

/** The lesson as the editor opens it: its course, its draft and its latest published version; null when unknown. */
export async function lessonForEditor(lessonId: number) {
  return getDb().lesson.findUnique({
    where: { id: lessonId },
    select: {
      id: true,
      slug: true,
      position: true,
      course: { select: { title: true, slug: true } },
      draft: { select: { source: true, updatedAt: true } },
      versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, title: true, source: true, code: true, contentHash: true, publishedAt: true } },
    },
  });
}

/** Whether a lesson with this id exists. */
export async function lessonExists(lessonId: number) {
  return (await getDb().lesson.findUnique({ where: { id: lessonId }, select: { id: true } })) !== null;
}

/** A lesson's published versions (newest first), with their publishers' names; null when unknown. */
export async function lessonHistory(lessonId: number) {
  const lesson = await getDb().lesson.findUnique({
    where: { id: lessonId },
    select: {
      id: true,
      slug: true,
      course: { select: { title: true } },
      draft: { select: { updatedAt: true } },
      versions: { orderBy: { version: "desc" }, select: { version: true, title: true, publishedAt: true, publishedBy: true } },
    },
  });
  if (!lesson) return null;
  const names = await personNames(lesson.versions.map((v) => v.publishedBy));
  return { ...lesson, versions: lesson.versions.map((v) => ({ ...v, by: v.publishedBy === null ? null : (names.get(v.publishedBy) ?? `#${v.publishedBy}`) })) };
}

/** The sources of two published versions of a lesson, by version number. */
export async function versionSources(lessonId: number, versions: readonly number[]): Promise<Map<number, string>> {
  const rows = await getDb().lessonVersion.findMany({ where: { lessonId, version: { in: [...versions] } }, select: { version: true, source: true } });
  return new Map(rows.map((r) => [r.version, r.source]));
}

/** The names of these people (authors and publishers shown beside versions), by id. */
export async function personNames(ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
  if (wanted.length === 0) return new Map();
  const people = await getDb().person.findMany({ where: { id: { in: wanted } }, select: { id: true, fullName: true } });
  return new Map(people.map((p) => [p.id, p.fullName]));
}

/** A course a new lesson may be added to, with the position the lesson would take; null when unknown. */
export async function courseForNewLesson(courseId: number) {
  const course = await getDb().course.findUnique({
    where: { id: courseId },
    select: { id: true, title: true, lessons: { orderBy: { position: "desc" }, take: 1, select: { position: true } } },
  });
  return course && { id: course.id, title: course.title, nextPosition: (course.lessons[0]?.position ?? 0) + 1 };
}

/** Every course with its lessons (latest version, whether a draft waits): the trainer's home. */
export async function coursesForTrainer() {
  return getDb().course.findMany({
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      lessons: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          slug: true,
          position: true,
          draft: { select: { updatedAt: true } },
          versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, title: true, publishedAt: true } },
        },
      },
    },
  });
}

/** A course by id (for a form's or query string's course); null when unknown. */
export async function courseById(courseId: number) {
  return getDb().course.findUnique({ where: { id: courseId }, select: { id: true, slug: true } });
}

/** Every course's id and title, in order (the question bank's filters and forms). */
export async function courseChoices() {
  return getDb().course.findMany({ orderBy: { position: "asc" }, select: { id: true, title: true, slug: true } });
}

/** The fast rules check, then (only when it passes) a compile and a render with trainer notes shown. */
export async function previewLesson(source: string, now: Date): Promise<PreviewResult> {
  const registry = await loadRegistry(now);
  const checked = checkLesson(source, registry.rules);
  if (checked.problems.length > 0) return { problems: checked.problems, html: null };
  const compiled = await compileLesson(source, registry.rules);
  if (!compiled.ok) return { problems: compiled.reasons ?? [], html: null };
  const { contentHash, code } = compiled.value;
  return { problems: [], html: await renderLessonHtml({ contentHash, loadCode: () => code }, registry, { trainer: true, preview: true }) };
}

/** The latest published version's preview, from caches (no compile): for opening the editor. */
export async function publishedPreview(version: { code: string; contentHash: string }, now: Date) {
  return renderLessonHtml({ contentHash: version.contentHash, loadCode: () => version.code }, await loadRegistry(now), { trainer: true, preview: true });
}

/** The draft a new lesson starts from: valid as it stands, so it can be previewed at once. */
function lessonTemplate(title: string) {
  return `---
title: ${JSON.stringify(title)}
summary: Một đến hai câu nói bài học dạy gì và vì sao người học cần biết.
minutes: 10
---

## Tiêu đề mục đầu tiên

Viết nội dung bài học ở đây bằng lời của bạn. Mỗi quy định cần trích dẫn văn bản bằng thẻ LegalRef, ví dụ:

<LegalRef doc="49/2010/QH12" article="19" />

<KnowledgeCheck question="Câu hỏi ôn tập ví dụ: mạng KT1 được kết nối với mạng nào?">
<Option correct>Mạng bưu chính công cộng</Option>
<Option>Mạng của các doanh nghiệp chuyển phát tư nhân</Option>
<Explanation>Giải thích ngắn vì sao đáp án đúng là đúng.</Explanation>
</KnowledgeCheck>
`;
}

/** Adds a lesson at the end of its course, with a draft to start from; "SLUG_TAKEN" when the course has one by that slug. */
export async function createLesson(input: { courseId: number; slug: string; title: string }, actorId: number, now: Date): Promise<Result<{ id: number }, "SLUG_TAKEN">> {
  const taken = () => getDb().lesson.findUnique({ where: { courseId_slug: { courseId: input.courseId, slug: input.slug } }, select: { id: true } });
  if (await taken()) return refused("SLUG_TAKEN");
  try {
    return ok(await insertLesson(input, actorId, now));
  } catch (error) {
    // Two trainers adding the same slug at once: the database's unique index decides.
    if (uniqueViolation(error)) return refused("SLUG_TAKEN");
    throw error;
  }
}

async function insertLesson(input: { courseId: number; slug: string; title: string }, actorId: number, now: Date) {
  return auditedTransaction(async (tx) => {
    const course = await tx.course.findUniqueOrThrow({ where: { id: input.courseId }, select: { slug: true } });
    const last = await tx.lesson.findFirst({ where: { courseId: input.courseId }, orderBy: { position: "desc" }, select: { position: true } });
    const lesson = await tx.lesson.create({
      data: {
        courseId: input.courseId,
        slug: input.slug,
        position: (last?.position ?? 0) + 1,
        draft: { create: { source: lessonTemplate(input.title), updatedAt: now, updatedById: actorId } },
      },
    });
    await appendAudit(tx, { actorId, action: "lesson.create", targetType: "lesson", targetId: lesson.id, data: { course: course.slug, lesson: lesson.slug, position: lesson.position } }, now);
    return { id: lesson.id };
  });
}

/** Copies a published version's source into the draft (the next publish makes it current again); "NOT_FOUND" for an unknown version. */
export async function restoreVersion(lessonId: number, version: number, actorId: number, now: Date): Promise<Result<undefined, "NOT_FOUND">> {
  return auditedTransaction(async (tx) => {
    const v = await tx.lessonVersion.findUnique({
      where: { lessonId_version: { lessonId, version } },
      select: { source: true, contentHash: true, lesson: { select: { slug: true, course: { select: { slug: true } } } } },
    });
    if (!v) return refused("NOT_FOUND");
    await tx.lessonDraft.upsert({
      where: { lessonId },
      create: { lessonId, source: v.source, updatedAt: now, updatedById: actorId },
      update: { source: v.source, updatedAt: now, updatedById: actorId },
    });
    await appendAudit(tx, { actorId, action: "lesson.restore", targetType: "lesson", targetId: lessonId, data: { course: v.lesson.course.slug, lesson: v.lesson.slug, version, contentHash: v.contentHash } }, now);
    return ok();
  });
}

export type ReviewItem = {
  lessonId: number;
  lessonSlug: string;
  courseTitle: string;
  title: string;
  version: number;
  publishedAt: Date;
  code: string;
  kind: string;
  status: "IN_FORCE" | "SUPERSEDED" | "UNVERIFIED";
  supersededBy: string | null;
  supersededFrom: Date | null;
  changedAt: Date;
  /** "19 | 2" when the change is a provision's own status; null when it is the document's. */
  provision: string | null;
};

/**
 * Lessons whose latest version cites a provision or document whose status
 * changed after that version was published: a cited provision's own status
 * when it has one, else its document's (decision 052).
 */
export async function lessonsNeedingReview(): Promise<ReviewItem[]> {
  return getDb().$queryRaw<ReviewItem[]>`
    select distinct l.id as "lessonId", l.slug as "lessonSlug", c.title as "courseTitle", c.position as "coursePosition",
           l.position as "lessonPosition", v.title, v.version, v.published_at as "publishedAt",
           d.code, d.kind, coalesce(p.status, d.status)::text as status,
           case when p.status is not null then p.superseded_by else d.superseded_by end as "supersededBy",
           case when p.status is not null then null else d.superseded_from end as "supersededFrom",
           ch.changed_at as "changedAt",
           case when p.status is not null then concat_ws(' | ', p.article, nullif(p.clause, ''), nullif(p.point, '')) end as provision
      from lessons l
      join courses c on c.id = l.course_id
      join lateral (select id, version, title, published_at from lesson_versions
                     where lesson_id = l.id order by version desc limit 1) v on true
      join lesson_citations lc on lc.lesson_version_id = v.id
      join legal_documents d on d.code = lc.document_code
      left join legal_provisions p on p.document_id = d.id and lc.article <> ''
                                  and p.article = lc.article and p.clause = lc.clause and p.point = lc.point
      cross join lateral (select case when p.status is not null then p.status_changed_at
                                      else greatest(d.status_changed_at, p.status_changed_at) end as changed_at) ch
     where ch.changed_at > v.published_at
     order by "coursePosition", "lessonPosition", d.code, provision`;
}

/** How many lessons' latest version cites each document. */
export async function citingLessonCounts(): Promise<Map<string, number>> {
  const rows = await getDb().$queryRaw<{ code: string; lessons: bigint }[]>`
    select lc.document_code as code, count(distinct v.lesson_id) as lessons
      from lesson_citations lc
      join lesson_versions v on v.id = lc.lesson_version_id
     where v.version = (select max(version) from lesson_versions w where w.lesson_id = v.lesson_id)
     group by lc.document_code`;
  return new Map(rows.map((r) => [r.code, Number(r.lessons)]));
}

export type LegalStatusInput =
  | { status: "IN_FORCE" | "UNVERIFIED" }
  | { status: "SUPERSEDED"; supersededBy: string; supersededFrom: string };


/**
 * Sets a document's status, stamps statusChangedAt (which puts the lessons
 * citing it on the review list) and audits old and new values. Says whether
 * anything changed; "NOT_FOUND" for an unknown document.
 */
export async function setLegalStatus(documentId: number, input: LegalStatusInput, actorId: number, now: Date): Promise<Result<{ changed: boolean }, "NOT_FOUND">> {
  const changed = await auditedTransaction(async (tx) => {
    const doc = await tx.legalDocument.findUnique({ where: { id: documentId } });
    if (!doc) return refused("NOT_FOUND");
    const next = {
      status: input.status,
      supersededBy: input.status === "SUPERSEDED" ? input.supersededBy : null,
      supersededFrom: input.status === "SUPERSEDED" ? input.supersededFrom : null,
    };
    const old = { status: doc.status, supersededBy: doc.supersededBy, supersededFrom: fromDateColumn(doc.supersededFrom) };
    if (old.status === next.status && old.supersededBy === next.supersededBy && old.supersededFrom === next.supersededFrom) return false;
    await tx.legalDocument.update({
      where: { id: documentId },
      data: {
        status: next.status,
        supersededBy: next.supersededBy,
        supersededFrom: toDateColumn(next.supersededFrom || null),
        statusChangedAt: now,
      },
    });
    // Provisions that only repeated the document's old status follow it: marking a law superseded
    // flags every lesson and question citing any of its articles, not only those citing the whole
    // text. A provision given a status of its own (different from the document's) keeps it.
    const followed = await tx.legalProvision.updateMany({
      where: { documentId, status: old.status },
      data: { status: next.status, supersededBy: next.supersededBy, statusChangedAt: now },
    });
    await appendAudit(tx, { actorId, action: "legal.status", targetType: "legal_document", targetId: doc.id, data: { code: doc.code, old, new: next, provisions: followed.count } }, now);
    return true;
  });
  if (typeof changed !== "boolean") return changed;
  // The registry (statuses shown beside citations, rendered-HTML cache keys) is stale now.
  if (changed) forgetRegistry();
  return ok({ changed });
}
