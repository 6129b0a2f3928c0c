import type { Citation } from "~/domain/content/mdx-rules.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { ok } from "~/domain/result.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { compileLesson, type CompiledLesson } from "./compile.server.ts";
import { loadRegistry } from "./registry.server.ts";

/** Writes a compiled lesson as the next immutable version, with its citations. */
export async function insertVersion(tx: Tx, lessonId: number, source: string, compiled: CompiledLesson, actorId: number | null, now: Date) {
  const last = await tx.lessonVersion.findFirst({ where: { lessonId }, orderBy: { version: "desc" }, select: { version: true } });
  const version = await tx.lessonVersion.create({
    data: {
      lessonId,
      version: (last?.version ?? 0) + 1,
      title: compiled.frontmatter.title,
      summary: compiled.frontmatter.summary,
      minutes: compiled.frontmatter.minutes,
      source,
      code: compiled.code,
      contentHash: compiled.contentHash,
      publishedAt: now,
      publishedBy: actorId,
      citations: { create: uniqueCitations(compiled.citations).map((c) => ({ documentCode: c.doc, article: c.article, clause: c.clause, point: c.point })) },
    },
  });
  return version;
}

function uniqueCitations(list: Citation[]) {
  const seen = new Map<string, Citation>();
  for (const c of list) seen.set([c.doc, c.article, c.clause, c.point].join("|"), c);
  return [...seen.values()];
}

export async function saveDraft(lessonId: number, source: string, actorId: number, now: Date) {
  await getDb().lessonDraft.upsert({
    where: { lessonId },
    create: { lessonId, source, updatedAt: now, updatedById: actorId },
    update: { source, updatedAt: now, updatedById: actorId },
  });
}

/** Compiles the draft and, when valid, publishes it as a new version (learners see it at once); else every problem in it. */
export async function publishLesson(lessonId: number, source: string, actorId: number, now: Date) {
  const registry = await loadRegistry(now);
  const compiled = await compileLesson(source, registry.rules);
  if (!compiled.ok) return compiled;
  const lesson = await getDb().lesson.findUniqueOrThrow({ where: { id: lessonId }, include: { course: true } });
  const version = await auditedTransaction(async (tx) => {
    const v = await insertVersion(tx, lessonId, source, compiled.value, actorId, now);
    await tx.lessonDraft.deleteMany({ where: { lessonId } });
    await appendAudit(
      tx,
      { actorId, action: "lesson.publish", targetType: "lesson", targetId: lessonId, data: { course: lesson.course.slug, lesson: lesson.slug, version: v.version, contentHash: v.contentHash } },
      now,
    );
    return v;
  });
  return ok({ version });
}
