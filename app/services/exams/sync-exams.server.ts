import type { ContentFiles } from "~/services/content/files.server.ts";
import type { Tx } from "~/utils/db.server.ts";
import { saveQuestion } from "./bank.server.ts";

/**
 * The shipped question bank and certification types, inside the content sync's
 * transaction. Questions whose content is unchanged get no new version; a
 * question's variant group is the file's (none when the file names none); a
 * retired entry retires its question (new attempts no longer draw it, attempts
 * keep what they drew); an exam draws `questionsPerTopic` from every topic of
 * its required courses.
 */
export async function syncQuestionsAndCertifications(tx: Tx, files: ContentFiles, now: Date) {
  const courses = new Map((await tx.course.findMany({ select: { id: true, slug: true } })).map((c) => [c.slug, c.id]));
  let questionVersions = 0;
  for (const c of files.courses) {
    for (const q of c.questions) {
      const saved = await saveQuestion(
        tx,
        {
          key: q.key,
          courseId: courses.get(c.slug) ?? null,
          topic: q.topic,
          type: q.type,
          stem: q.stem,
          options: q.options ?? [],
          answer: q.type === "TRUE_FALSE" ? (q.answer ?? null) : null,
          explanation: q.explanation,
          difficulty: q.difficulty,
          citations: q.citations,
          variantGroup: q.variantGroup ?? null,
        },
        null,
        now,
      );
      if (saved) questionVersions++;
    }
  }
  const retiredKeys = files.courses.flatMap((c) => c.retired.map((r) => r.key));
  const { count: retired } = await tx.question.updateMany({
    where: { key: { in: retiredKeys }, retiredAt: null },
    data: { retiredAt: now },
  });
  for (const t of files.certificationTypes) {
    const type = await tx.certificationType.upsert({
      where: { code: t.code },
      create: {
        code: t.code,
        name: t.name,
        description: t.description,
        validityMonths: t.validityMonths,
        renewalWindowDays: t.renewalWindowDays,
      },
      update: { name: t.name, description: t.description, validityMonths: t.validityMonths, renewalWindowDays: t.renewalWindowDays },
    });
    await tx.certificationTypeCourse.deleteMany({ where: { certificationTypeId: type.id } });
    await tx.certificationTypeCourse.createMany({
      data: t.requiredCourses.map((slug) => ({ certificationTypeId: type.id, courseId: courses.get(slug) as number })),
    });
    const topics: Record<string, number> = {};
    for (const slug of t.requiredCourses) {
      const course = files.courses.find((c) => c.slug === slug);
      for (const topic of new Set(course?.questions.map((q) => q.topic) ?? [])) topics[`${slug}/${topic}`] = t.exam.questionsPerTopic;
    }
    const { questionsPerTopic: _perTopic, ...settings } = t.exam;
    await tx.exam.upsert({
      where: { certificationTypeId: type.id },
      create: { certificationTypeId: type.id, ...settings, topics },
      // A change of settings here is a new exam version made by the content/ files (nobody): it needs an approval (decision 051).
      update: { ...settings, topics, revisedById: null, revisedAt: now },
    });
  }
  return { questionVersions, retired, certificationTypes: files.certificationTypes.length };
}
