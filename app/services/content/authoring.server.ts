import { MAX_SOURCE_CHARS } from "~/domain/content/authoring.ts";
import type { MdxProblem } from "~/domain/content/mdx-rules.ts";
import { fromDateColumn, toDateColumn } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit } from "../audit.server.ts";
import { checkLesson, compileLesson } from "./compile.server.ts";
import { forgetRegistry, loadRegistry } from "./registry.server.ts";
import { renderLessonHtml } from "./render.server.tsx";

// What the trainer pages need beyond compile/publish: previews, new lessons,
// restoring an old version, the review list and legal status changes.


export type PreviewResult = { problems: MdxProblem[]; html: string | null };

/** A textarea posts CRLF line endings; lessons are stored with LF. */
export function normalizeSource(raw: FormDataEntryValue | null): string | null {
  if (typeof raw !== "string" || raw.length > 2 * MAX_SOURCE_CHARS) return null;
  const source = raw.replace(/\r\n?/g, "\n");
  return source.length > MAX_SOURCE_CHARS ? null : source;
}

export function idParam(raw: string | undefined): number | null {
  if (!/^\d{1,9}$/.test(raw ?? "")) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

/** The fast rules check, then (only when it passes) a compile and a render with trainer notes shown. */
export async function previewLesson(source: string, now: Date): Promise<PreviewResult> {
  const registry = await loadRegistry(now);
  const checked = checkLesson(source, registry.rules);
  if (checked.problems.length > 0) return { problems: checked.problems, html: null };
  const compiled = await compileLesson(source, registry.rules);
  if (!compiled.ok) return { problems: compiled.problems, html: null };
  return { problems: [], html: await renderLessonHtml({ contentHash: compiled.contentHash, loadCode: () => compiled.code }, registry, { trainer: true, preview: true }) };
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

export async function createLesson(input: { courseId: number; slug: string; title: string }, actorId: number, now: Date) {
  return getDb().$transaction(async (tx) => {
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
    return lesson;
  });
}

/** Copies a published version's source into the draft (the next publish makes it current again). */
export async function restoreVersion(lessonId: number, version: number, actorId: number, now: Date) {
  return getDb().$transaction(async (tx) => {
    const v = await tx.lessonVersion.findUnique({
      where: { lessonId_version: { lessonId, version } },
      select: { source: true, contentHash: true, lesson: { select: { slug: true, course: { select: { slug: true } } } } },
    });
    if (!v) return false;
    await tx.lessonDraft.upsert({
      where: { lessonId },
      create: { lessonId, source: v.source, updatedAt: now, updatedById: actorId },
      update: { source: v.source, updatedAt: now, updatedById: actorId },
    });
    await appendAudit(tx, { actorId, action: "lesson.restore", targetType: "lesson", targetId: lessonId, data: { course: v.lesson.course.slug, lesson: v.lesson.slug, version, contentHash: v.contentHash } }, now);
    return true;
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
};

/** Lessons whose latest version cites a document whose status changed after that version was published. */
export async function lessonsNeedingReview(): Promise<ReviewItem[]> {
  return getDb().$queryRaw<ReviewItem[]>`
    select distinct l.id as "lessonId", l.slug as "lessonSlug", c.title as "courseTitle", c.position as "coursePosition",
           l.position as "lessonPosition", v.title, v.version, v.published_at as "publishedAt",
           d.code, d.kind, d.status::text as status, d.superseded_by as "supersededBy",
           d.superseded_from as "supersededFrom", d.status_changed_at as "changedAt"
      from lessons l
      join courses c on c.id = l.course_id
      join lateral (select id, version, title, published_at from lesson_versions
                     where lesson_id = l.id order by version desc limit 1) v on true
      join lesson_citations lc on lc.lesson_version_id = v.id
      join legal_documents d on d.code = lc.document_code
     where d.status_changed_at > v.published_at
     order by "coursePosition", "lessonPosition", d.code`;
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
 * citing it on the review list) and audits old and new values. Returns false
 * when nothing changed, "missing" for an unknown document.
 */
export async function setLegalStatus(documentId: number, input: LegalStatusInput, actorId: number, now: Date) {
  const result = await getDb().$transaction(async (tx) => {
    const doc = await tx.legalDocument.findUnique({ where: { id: documentId } });
    if (!doc) return "missing" as const;
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
    await appendAudit(tx, { actorId, action: "legal.status", targetType: "legal_document", targetId: doc.id, data: { code: doc.code, old, new: next } }, now);
    return true;
  });
  // The registry (statuses shown beside citations, rendered-HTML cache keys) is stale now.
  if (result === true) forgetRegistry();
  return result;
}
