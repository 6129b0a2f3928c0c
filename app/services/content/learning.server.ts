import { audiencesFor, type Audience } from "~/domain/content/frontmatter.ts";
import { courseProgress, resumeLesson } from "~/domain/content/progress.ts";
import { hasAnywhere, type Grant } from "~/domain/access/permissions.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit } from "../audit.server.ts";

/** The audiences a person's courses are drawn from: their side of the network; trainers see all. */
export async function audiencesOf(personId: number, grants: readonly Grant[]): Promise<Audience[]> {
  if (hasAnywhere(grants, "content:write")) return ["ALL", "AGENCY_CLERK", "POSTAL_STAFF"];
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

export async function markViewed(personId: number, lessonId: number, now: Date) {
  await getDb().lessonProgress.upsert({
    where: { personId_lessonId: { personId, lessonId } },
    create: { personId, lessonId, lastViewedAt: now },
    update: { lastViewedAt: now },
  });
}

/**
 * Marks a lesson done; when that completes the course, records the completion
 * (with its timestamp, which later gates the exam) in the same transaction.
 */
export async function markDone(personId: number, lessonId: number, now: Date) {
  return getDb().$transaction(async (tx) => {
    const lesson = await tx.lesson.findUniqueOrThrow({ where: { id: lessonId }, select: { courseId: true, course: { select: { slug: true } } } });
    await tx.lessonProgress.upsert({
      where: { personId_lessonId: { personId, lessonId } },
      create: { personId, lessonId, lastViewedAt: now, completedAt: now },
      update: { completedAt: now },
    });
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
    return { progress, courseCompleted };
  });
}

/** A course's lessons and the published version of one of them, with neighbours for previous/next. */
export async function lessonPage(courseSlug: string, lessonSlug: string, personId: number) {
  const course = await getDb().course.findUnique({
    where: { slug: courseSlug },
    include: {
      lessons: {
        where: { versions: { some: {} } },
        orderBy: { position: "asc" },
        select: {
          id: true,
          slug: true,
          position: true,
          // Compiled code is large: it is read for the one lesson shown, below.
          versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, version: true, title: true, summary: true, minutes: true, contentHash: true, publishedAt: true } },
          progress: { where: { personId }, select: { completedAt: true, lastViewedAt: true } },
        },
      },
    },
  });
  if (!course) return null;
  const index = course.lessons.findIndex((l) => l.slug === lessonSlug);
  if (index < 0) return null;
  const shown = course.lessons[index];
  const { code } = await getDb().lessonVersion.findUniqueOrThrow({ where: { id: shown.versions[0].id }, select: { code: true } });
  const lesson = { ...shown, versions: [{ ...shown.versions[0], code }] };
  return { course, lesson, previous: course.lessons[index - 1] ?? null, next: course.lessons[index + 1] ?? null };
}
