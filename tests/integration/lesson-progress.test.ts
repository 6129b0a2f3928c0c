// A lesson view: one read of the course, the lesson and the person's progress;
// "last viewed" written only when it changes where "resume" points; compiled
// code read only when the lesson's HTML is not cached.
import { beforeAll, describe, expect, it } from "vitest";
import { VIEW_RECORD_INTERVAL_MS } from "~/domain/content/view-recording.ts";
import { readContentFiles } from "~/services/content/files.server.ts";
import { coursePage } from "~/services/content/learner-pages.server.ts";
import { lessonCode, lessonPage, markViewed } from "~/services/content/learning.server.ts";
import { loadRegistry } from "~/services/content/registry.server.ts";
import { renderLessonHtml } from "~/services/content/render.server.tsx";
import { syncContent } from "~/services/content/sync.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";

const T0 = new Date("2026-11-28T03:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
let courseSlug: string;
let lessonSlugs: string[];

beforeAll(async () => {
  await syncContent(await readContentFiles(), T0);
  const course = await getDb().course.findFirstOrThrow({
    where: { audience: { has: "ALL" } },
    orderBy: { position: "asc" },
    select: { slug: true, lessons: { orderBy: { position: "asc" }, select: { slug: true } } },
  });
  courseSlug = course.slug;
  lessonSlugs = course.lessons.map((l) => l.slug);
}, 600_000);

async function learner() {
  const unit = await makeUnit({ kind: "AGENCY" });
  const person = await makePerson({ unitId: unit.id, roles: [{ role: "LEARNER", unitId: unit.id }] });
  return { personId: person.id, grants: [{ role: "LEARNER" as const, unitId: unit.id }] };
}

/** What a page view does: read the page, then record the view with what it read. */
async function view(person: Awaited<ReturnType<typeof learner>>, slug: string, now: Date) {
  const page = await lessonPage(courseSlug, slug, person);
  if (!page) throw new Error(`no lesson ${slug}`);
  const states = page.course.lessons.map((l) => ({ lessonId: l.id, lastViewedAt: l.lastViewedAt }));
  return { page, written: await markViewed(person.personId, page.lesson.id, now, states) };
}

async function lastViewed(personId: number, slug: string) {
  const row = await getDb().lessonProgress.findFirst({ where: { personId, lesson: { slug } }, select: { lastViewedAt: true } });
  return row?.lastViewedAt ?? null;
}

describe("lesson page data", () => {
  it("has the course's lessons in order, the shown one, its neighbours and the person's audiences", async () => {
    const person = await learner();
    const page = await lessonPage(courseSlug, lessonSlugs[1], person);
    expect(page?.course.lessons.map((l) => l.slug)).toEqual(lessonSlugs);
    expect(page?.lesson.slug).toBe(lessonSlugs[1]);
    expect(page?.previous?.slug).toBe(lessonSlugs[0]);
    expect(page?.next?.slug).toBe(lessonSlugs[2]);
    expect(page?.audiences).toEqual(["ALL", "AGENCY_CLERK"]);
    expect(await lessonPage(courseSlug, "no-such-lesson", person)).toBeNull();
    expect(await lessonPage("no-such-course", lessonSlugs[0], person)).toBeNull();
  });
});

describe("recording 'last viewed'", () => {
  it("writes a first view, skips reloads within the interval, and writes again after it", async () => {
    const person = await learner();
    expect((await view(person, lessonSlugs[0], T0)).written).toBe(true);
    expect(await lastViewed(person.personId, lessonSlugs[0])).toEqual(T0);

    expect((await view(person, lessonSlugs[0], at(30_000))).written).toBe(false);
    expect(await lastViewed(person.personId, lessonSlugs[0])).toEqual(T0);

    const later = at(VIEW_RECORD_INTERVAL_MS + 1_000);
    expect((await view(person, lessonSlugs[0], later)).written).toBe(true);
    expect(await lastViewed(person.personId, lessonSlugs[0])).toEqual(later);
  });

  it("writes going back to a lesson within the interval, so the course resumes there", async () => {
    const person = await learner();
    await view(person, lessonSlugs[0], T0);
    await view(person, lessonSlugs[1], at(10_000));
    expect((await view(person, lessonSlugs[0], at(20_000))).written).toBe(true);
    expect((await coursePage(courseSlug, person.personId))?.resume?.slug).toBe(lessonSlugs[0]);
  });

  it("lets only one of many requests that read the same stale value write (several processes at once)", async () => {
    const person = await learner();
    await view(person, lessonSlugs[0], T0);
    const page = await lessonPage(courseSlug, lessonSlugs[0], person);
    if (!page) throw new Error("no lesson");
    const stale = page.course.lessons.map((l) => ({ lessonId: l.id, lastViewedAt: l.lastViewedAt }));
    const now = at(VIEW_RECORD_INTERVAL_MS * 2);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => markViewed(person.personId, page.lesson.id, new Date(now.getTime() + i), stale)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    // A request that read the value before that write does not overwrite it, even with a later clock.
    const written = await lastViewed(person.personId, lessonSlugs[0]);
    expect(await markViewed(person.personId, page.lesson.id, at(VIEW_RECORD_INTERVAL_MS * 3), stale)).toBe(false);
    expect(await lastViewed(person.personId, lessonSlugs[0])).toEqual(written);
  });
});

describe("lesson HTML", () => {
  it("reads a version's compiled code only when its HTML is not cached", async () => {
    const person = await learner();
    const page = await lessonPage(courseSlug, lessonSlugs[2], person);
    if (!page) throw new Error("no lesson");
    const registry = await loadRegistry(T0);
    let reads = 0;
    const version = { contentHash: page.lesson.version.contentHash, loadCode: () => (reads++, lessonCode(page.lesson.version.id)) };
    const first = await renderLessonHtml(version, registry, { trainer: false });
    const second = await renderLessonHtml(version, registry, { trainer: false });
    expect(reads).toBe(1);
    expect(second).toBe(first);
    expect(first).toContain("knowledge-check");
    // The trainer's HTML is another cache entry, but the component is built already: still no read.
    await renderLessonHtml(version, registry, { trainer: true });
    expect(reads).toBe(1);
  });
});
