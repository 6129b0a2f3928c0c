import { describe, expect, it } from "vitest";
import { audiencesFor } from "~/domain/content/frontmatter.ts";
import { courseProgress, resumeLesson } from "~/domain/content/progress.ts";

const at = (d: number) => new Date(Date.UTC(2026, 10, d));
const lessons = [
  { lessonId: 1, position: 1, completedAt: at(1), lastViewedAt: at(1) },
  { lessonId: 2, position: 2, completedAt: null, lastViewedAt: at(3) },
  { lessonId: 3, position: 3, completedAt: null, lastViewedAt: null },
];

describe("course progress", () => {
  it("counts done lessons and completes only when all are done", () => {
    expect(courseProgress(lessons)).toEqual({ total: 3, done: 1, percent: 33, complete: false });
    expect(courseProgress(lessons.map((l) => ({ ...l, completedAt: at(5) }))).complete).toBe(true);
    expect(courseProgress([]).complete).toBe(false);
  });
  it("resumes at the last viewed unfinished lesson, else the first unfinished", () => {
    expect(resumeLesson(lessons)?.lessonId).toBe(2);
    expect(resumeLesson(lessons.map((l) => ({ ...l, lastViewedAt: null })))?.lessonId).toBe(2);
    expect(resumeLesson(lessons.map((l) => ({ ...l, completedAt: at(4) })))).toBeNull();
  });
  it("shows postal staff the postal course and agency staff the clerks' course", () => {
    expect(audiencesFor(["PROVINCE", "POST_OFFICE", "COMMUNE_POST_OFFICE", "STATION"])).toEqual(["ALL", "POSTAL_STAFF"]);
    expect(audiencesFor(["PROVINCE", "AGENCY"])).toEqual(["ALL", "AGENCY_CLERK"]);
  });
});
