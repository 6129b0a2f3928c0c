import { toDateColumn } from "~/domain/time/calendar.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { compileLesson, hashSource, type CompiledLesson } from "./compile.server.ts";
import { questionCitationProblems, registryFromFiles, type ContentFiles } from "./files.server.ts";
import { syncQuestionsAndCertifications } from "../exams/sync-exams.server.ts";
import { insertVersion } from "./publish.server.ts";
import { forgetRegistry } from "./registry.server.ts";


/**
 * Loads content/ into the database: the legal registry and glossary, courses,
 * and a new published version of every lesson whose source changed. Compiles
 * first (outside the transaction), then writes everything in one transaction.
 * A document's status is the admins' once it exists, and so is a provision's
 * own status once one was set: sync never overwrites them.
 */
export async function syncContent(files: ContentFiles, now: Date) {
  const db = getDb();
  const rules = registryFromFiles(files);
  const latest = await db.lessonVersion.findMany({
    distinct: ["lessonId"],
    orderBy: [{ lessonId: "asc" }, { version: "desc" }],
    select: { contentHash: true, lesson: { select: { slug: true, course: { select: { slug: true } } } } },
  });
  const published = new Map(latest.map((v) => [`${v.lesson.course.slug}/${v.lesson.slug}`, v.contentHash]));
  const toPublish: { courseSlug: string; slug: string; source: string; compiled: CompiledLesson }[] = [];
  const problems: string[] = [];
  for (const course of files.courses) {
    for (const lesson of course.lessons) {
      if (published.get(`${course.slug}/${lesson.slug}`) === hashSource(lesson.source)) continue;
      const compiled = await compileLesson(lesson.source, rules);
      if (!compiled.ok) problems.push(`${course.slug}/${lesson.fileName}: ${(compiled.reasons ?? []).map((p) => `${p.code}@${p.line ?? "-"} ${p.detail}`).join("; ")}`);
      else toPublish.push({ courseSlug: course.slug, slug: lesson.slug, source: lesson.source, compiled: compiled.value });
    }
  }
  problems.push(...questionCitationProblems(files, rules));
  if (problems.length) throw new Error(`content is not valid:\n${problems.join("\n")}`);

  const result = await auditedTransaction(
    async (tx) => {
      for (const d of files.documents) {
        const fields = {
          kind: d.kind,
          title: d.title,
          issuer: d.issuer,
          issuedOn: toDateColumn(d.issuedOn),
          effectiveFrom: toDateColumn(d.effectiveFrom),
          confidence: d.confidence,
          note: d.note ?? null,
          summary: d.summary ?? null,
          sourceUrl: d.sourceUrl ?? null,
        } satisfies Prisma.LegalDocumentUpdateInput;
        const doc = await tx.legalDocument.upsert({
          where: { code: d.code },
          create: { code: d.code, ...fields, status: d.status, supersededBy: d.supersededBy ?? null, supersededFrom: toDateColumn(d.supersededFrom), statusChangedAt: now },
          update: fields,
        });
        for (const p of d.provisions) {
          const key = { documentId: doc.id, article: p.article, clause: p.clause ?? "", point: p.point ?? "" };
          const text = { title: p.title, excerpt: p.excerpt, confidence: p.confidence };
          // Like a document's, a provision's own status is the admins' once set; the file fills it only while none was ever set.
          const status = p.status ? { status: p.status, supersededBy: p.supersededBy ?? null, statusChangedAt: now } : {};
          const existing = await tx.legalProvision.findUnique({ where: { documentId_article_clause_point: key }, select: { id: true, statusChangedAt: true } });
          if (!existing) await tx.legalProvision.create({ data: { ...key, ...text, ...status } });
          else await tx.legalProvision.update({ where: { id: existing.id }, data: { ...text, ...(existing.statusChangedAt ? {} : status) } });
        }
      }
      for (const g of files.glossary) {
        await tx.glossaryTerm.upsert({ where: { id: g.id }, create: { ...g, en: g.en ?? null }, update: { term: g.term, definition: g.definition, en: g.en ?? null } });
      }
      const lessonIds = new Map<string, number>();
      for (const c of files.courses) {
        const course = await tx.course.upsert({
          where: { slug: c.slug },
          create: { slug: c.slug, title: c.title, description: c.description, audience: c.audience, position: c.order },
          update: { title: c.title, description: c.description, audience: c.audience, position: c.order },
        });
        for (const l of c.lessons) {
          const lesson = await tx.lesson.upsert({
            where: { courseId_slug: { courseId: course.id, slug: l.slug } },
            create: { courseId: course.id, slug: l.slug, position: l.position },
            update: { position: l.position },
          });
          lessonIds.set(`${c.slug}/${l.slug}`, lesson.id);
        }
      }
      for (const p of toPublish) {
        await insertVersion(tx, lessonIds.get(`${p.courseSlug}/${p.slug}`) as number, p.source, p.compiled, null, now);
      }
      const exams = await syncQuestionsAndCertifications(tx, files, now);
      await appendAudit(tx, { actorId: null, action: "content.sync", data: { published: toPublish.map((p) => `${p.courseSlug}/${p.slug}`), ...exams } }, now);
      return { published: toPublish.length, documents: files.documents.length, courses: files.courses.length, ...exams };
    },
    { timeout: 120_000 },
  );
  forgetRegistry();
  return result;
}
