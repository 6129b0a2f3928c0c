// Reads for the learner pages (/learn/:course, /legal/:code) that the
// learning service does not already provide.
import type { Audience } from "~/domain/content/frontmatter.ts";
import { courseProgress, resumeLesson } from "~/domain/content/progress.ts";
import { getDb } from "~/utils/db.server.ts";

/** A course is open to a person when it shares an audience with them. */
export function courseOpenTo(course: { audience: readonly string[] }, audiences: readonly Audience[]) {
  return course.audience.some((a) => (audiences as readonly string[]).includes(a));
}

/** One course with its published lessons (latest version's title and minutes) and the person's progress. */
export async function coursePage(courseSlug: string, personId: number) {
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
          versions: { orderBy: { version: "desc" }, take: 1, select: { title: true, summary: true, minutes: true } },
          progress: { where: { personId }, select: { completedAt: true, lastViewedAt: true } },
        },
      },
      completions: { where: { personId }, select: { completedAt: true } },
    },
  });
  if (!course || course.lessons.length === 0) return null;
  const lessons = course.lessons.map((l) => ({
    lessonId: l.id,
    slug: l.slug,
    position: l.position,
    title: l.versions[0].title,
    summary: l.versions[0].summary,
    minutes: l.versions[0].minutes,
    completedAt: l.progress[0]?.completedAt ?? null,
    lastViewedAt: l.progress[0]?.lastViewedAt ?? null,
  }));
  return {
    course: { id: course.id, slug: course.slug, title: course.title, description: course.description, audience: course.audience },
    lessons,
    progress: courseProgress(lessons),
    resume: resumeLesson(lessons),
    started: lessons.some((l) => l.lastViewedAt || l.completedAt),
    completedAt: course.completions[0]?.completedAt ?? null,
  };
}

export type CitingLesson = { courseSlug: string; courseTitle: string; lessonSlug: string; title: string; citations: { article: string; clause: string; point: string }[] };

/** Lessons whose latest published version cites `code`, limited to courses for `audiences`. */
export async function lessonsCiting(code: string, audiences: readonly Audience[]): Promise<CitingLesson[]> {
  const rows = await getDb().$queryRaw<{ course_slug: string; course_title: string; lesson_slug: string; title: string; article: string; clause: string; point: string }[]>`
    with latest as (
      select distinct on (lesson_id) id, lesson_id, title
        from lesson_versions
       order by lesson_id, version desc
    )
    select c.slug as course_slug, c.title as course_title, l.slug as lesson_slug, v.title, lc.article, lc.clause, lc.point
      from latest v
      join lessons l on l.id = v.lesson_id
      join courses c on c.id = l.course_id
      join lesson_citations lc on lc.lesson_version_id = v.id
     where lc.document_code = ${code}
       and c.audience && ${audiences as string[]}::text[]
     order by c.position, l.position`;
  const byLesson = new Map<string, CitingLesson>();
  for (const r of rows) {
    const key = `${r.course_slug}/${r.lesson_slug}`;
    let entry = byLesson.get(key);
    if (!entry) {
      entry = { courseSlug: r.course_slug, courseTitle: r.course_title, lessonSlug: r.lesson_slug, title: r.title, citations: [] };
      byLesson.set(key, entry);
    }
    if (!entry.citations.some((c) => c.article === r.article && c.clause === r.clause && c.point === r.point)) {
      entry.citations.push({ article: r.article, clause: r.clause, point: r.point });
    }
  }
  const numeric = (a: string, b: string) => a.localeCompare(b, "vi", { numeric: true });
  for (const entry of byLesson.values()) {
    entry.citations.sort((a, b) => numeric(a.article, b.article) || numeric(a.clause, b.clause) || numeric(a.point, b.point));
  }
  return [...byLesson.values()];
}

/** The learner home's header (who they are) and which courses they have opened at all ("Bắt đầu" vs "Tiếp tục học"). */
export async function learnerHome(personId: number) {
  const db = getDb();
  const [person, viewed] = await Promise.all([
    db.person.findUniqueOrThrow({
      where: { id: personId },
      select: { fullName: true, employeeCode: true, position: true, workStartedOn: true, unit: { select: { name: true } } },
    }),
    db.lessonProgress.findMany({ where: { personId }, select: { lesson: { select: { courseId: true } } } }),
  ]);
  return { person, openedCourseIds: new Set(viewed.map((v) => v.lesson.courseId)) };
}

/** Every legal document in the registry, newest first (the /legal list). */
export async function legalDocuments() {
  return getDb().legalDocument.findMany({
    orderBy: [{ issuedOn: { sort: "desc", nulls: "last" } }, { code: "asc" }],
    select: {
      code: true,
      kind: true,
      title: true,
      issuer: true,
      issuedOn: true,
      effectiveFrom: true,
      status: true,
      supersededBy: true,
      supersededFrom: true,
      note: true,
      summary: true,
    },
  });
}

/** One legal document with its provisions, and whether the document replacing it is in the registry; null when unknown. */
export async function legalDocument(code: string) {
  const db = getDb();
  const doc = await db.legalDocument.findUnique({ where: { code }, include: { provisions: true } });
  if (!doc) return null;
  const replacement = doc.supersededBy ? await db.legalDocument.findUnique({ where: { code: doc.supersededBy }, select: { code: true } }) : null;
  return { doc, replacementKnown: replacement !== null };
}

/** The kind ("Luật", "Nghị định", …) of each of these documents in the registry, by code. */
export async function documentKinds(codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const documents = await getDb().legalDocument.findMany({ where: { code: { in: [...codes] } }, select: { code: true, kind: true } });
  return new Map(documents.map((d) => [d.code, d.kind]));
}

/** The exams whose certification requires this course: where a finished course leads next. */
export async function examsRequiringCourse(courseId: number) {
  return getDb().exam.findMany({
    where: { certificationType: { requiredCourses: { some: { courseId } } } },
    select: { id: true, title: true },
    orderBy: { id: "asc" },
  });
}
