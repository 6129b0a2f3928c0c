// What the lesson page shows one person, built once for both ways a lesson page
// is served: React Router's loader (client-side navigation, and whatever the
// lesson document's fast path leaves to it) and the fast path itself
// (lesson-document.server.ts, decision 070).
import { hasAnywhere, type Grant } from "~/domain/access/permissions.ts";
import { courseProgress } from "~/domain/content/progress.ts";
import { completionState, lessonCode, markViewed, type LessonPageData } from "./learning.server.ts";
import { loadRegistry } from "./registry.server.ts";
import { renderLessonHtml } from "./render.server.tsx";

export const lessonPath = (course: string, lesson: string) => `/learn/${encodeURIComponent(course)}/${encodeURIComponent(lesson)}`;

/**
 * The lesson page's data for this person at `now`, recording their view when it
 * changes "resume" (decision 021). `templateKey` names everything the rendered
 * page depends on besides the person's name, unit and the header (the lesson
 * document's template cache, decision 070).
 */
export async function lessonView(page: LessonPageData, user: { personId: number; grants: readonly Grant[] }, now: Date, appName: string) {
  const { course, lesson, previous, next } = page;
  const { version } = lesson;
  const trainer = hasAnywhere(user.grants, "content:write");
  const registry = await loadRegistry(now, page.registryStamp);
  // Static HTML of the published version (cached per content hash and registry
  // state; the compiled code is read only on a miss). Page views never compile MDX.
  const renderStart = performance.now();
  const html = await renderLessonHtml({ contentHash: version.contentHash, loadCode: () => lessonCode(version.id) }, registry, { trainer });
  const renderMs = performance.now() - renderStart;
  const states = course.lessons.map((l) => ({ lessonId: l.id, position: l.position, completedAt: l.completedAt, lastViewedAt: l.lastViewedAt }));
  const [, canComplete] = await Promise.all([
    markViewed(user.personId, lesson.id, now, states),
    lesson.completedAt ? null : completionState(lesson, now),
  ]);
  const neighbour = (l: typeof previous) => l && { path: lessonPath(course.slug, l.slug), title: l.version.title };
  const payload = {
    pageTitle: `${version.title} · ${appName}`,
    course: { slug: course.slug, title: course.title, path: `/learn/${encodeURIComponent(course.slug)}` },
    lesson: {
      title: version.title,
      summary: version.summary,
      minutes: version.minutes,
      publishedAt: version.publishedAt.toISOString(),
      completedAt: lesson.completedAt?.toISOString() ?? null,
      number: course.lessons.findIndex((l) => l.id === lesson.id) + 1,
      contentHash: version.contentHash,
    },
    total: course.lessons.length,
    progress: courseProgress(states),
    previous: neighbour(previous),
    next: neighbour(next),
    // Why the lesson cannot be marked done yet, if it cannot (null once done).
    completion: canComplete && {
      ok: canComplete.rule.ok,
      reasons: canComplete.rule.ok ? [] : (canComplete.rule.reasons ?? []),
      checks: canComplete.checks,
      answered: canComplete.answered,
    },
  };
  const templateKey = JSON.stringify([payload, trainer, registry.stamp]);
  return { payload, html, renderMs, templateKey };
}
