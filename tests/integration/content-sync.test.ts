import pg from "pg";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "~/domain/time/calendar.ts";
import { readContentFiles, type ContentFiles } from "~/services/content/files.server.ts";
import { markDone } from "~/services/content/learning.server.ts";
import { publishLesson } from "~/services/content/publish.server.ts";
import { syncContent } from "~/services/content/sync.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makePerson, makeUnit } from "../support/factories.ts";
import { completeLesson } from "../support/learning.ts";

const NOW = new Date("2026-11-28T03:00:00Z");
let shipped: ContentFiles | undefined;
async function files() {
  shipped ??= await readContentFiles();
  return structuredClone(shipped);
}

async function sql(text: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

// Compiling all 30 lessons takes seconds on a quiet machine and more on a busy one.
describe("shipped curriculum", { timeout: 120_000 }, () => {
  it("loads every course, publishes each lesson once, and a second sync publishes nothing", async () => {
    const content = await files();
    const lessons = content.courses.reduce((n, c) => n + c.lessons.length, 0);
    expect(content.courses.length).toBeGreaterThanOrEqual(4);
    expect(lessons).toBeGreaterThanOrEqual(16);
    expect(await syncContent(content, NOW)).toMatchObject({ published: lessons });
    expect(await getDb().lessonVersion.count()).toBe(lessons);
    expect(await getDb().lessonCitation.count()).toBeGreaterThan(lessons);
    expect(await syncContent(await files(), NOW)).toMatchObject({ published: 0 });

    // An edited lesson becomes version 2; version 1 stays as it was.
    const edited = await files();
    const first = edited.courses[0].lessons[0];
    first.source = first.source.replace("## Tóm tắt", "## Tóm tắt\n\nMột câu mới thêm vào.");
    expect(await syncContent(edited, NOW)).toMatchObject({ published: 1 });
    const versions = await getDb().lessonVersion.findMany({ where: { lesson: { slug: first.slug } }, orderBy: { version: "asc" } });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1].source).toContain("Một câu mới thêm vào.");
  });

  it("loads nothing when one lesson breaks the rules", async () => {
    const content = await files();
    content.courses[1].lessons[0].source += "\n{process.exit()}\n";
    const before = await getDb().lessonVersion.count();
    await expect(syncContent(content, NOW)).rejects.toThrow(/EXPRESSION/);
    expect(await getDb().lessonVersion.count()).toBe(before);
  });

  it("never lets a published version change, even through SQL", async () => {
    await syncContent(await files(), NOW);
    await expect(sql("update lesson_versions set source = 'khác' where id = (select min(id) from lesson_versions)")).rejects.toThrow(
      /immutable/,
    );
  });

  it("publishing from the editor refuses malicious MDX and keeps the old version", async () => {
    await syncContent(await files(), NOW);
    const lesson = await getDb().lesson.findFirstOrThrow({ include: { versions: true } });
    const result = await publishLesson(lesson.id, `${lesson.versions[0].source}\n<script>alert(1)</script>\n`, 1, NOW);
    expect(result).toMatchObject({ ok: false, code: "INVALID", reasons: [{ code: "UNKNOWN_COMPONENT" }] });
    expect(await getDb().lessonVersion.count({ where: { lessonId: lesson.id } })).toBe(lesson.versions.length);
  });

  it("records a course as complete, with its time, when its last lesson is done", async () => {
    await syncContent(await files(), NOW);
    const unit = await makeUnit();
    const person = await makePerson({ unitId: unit.id });
    const course = await getDb().course.findFirstOrThrow({
      orderBy: { position: "asc" },
      include: { lessons: { orderBy: { position: "asc" } } },
    });
    const results = [];
    for (const [i, lesson] of course.lessons.entries())
      results.push(await completeLesson(person.id, lesson.id, new Date(NOW.getTime() + i * 60_000)));
    expect(results.slice(0, -1).every((r) => !r.value.courseCompleted)).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: true, value: { courseCompleted: true, progress: { complete: true, percent: 100 } } });
    const completion = await getDb().courseCompletion.findUniqueOrThrow({
      where: { personId_courseId: { personId: person.id, courseId: course.id } },
    });
    expect(completion.completedAt.getTime()).toBe(NOW.getTime() + (course.lessons.length - 1) * 60_000);
    // Doing a lesson again does not move the completion.
    expect(await markDone(person.id, course.lessons[0].id, new Date(NOW.getTime() + DAY_MS))).toMatchObject({
      ok: true,
      value: { courseCompleted: false },
    });
    expect(
      (await getDb().courseCompletion.findUniqueOrThrow({ where: { personId_courseId: { personId: person.id, courseId: course.id } } }))
        .completedAt,
    ).toEqual(completion.completedAt);
  });
});
