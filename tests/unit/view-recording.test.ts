import { describe, expect, it } from "vitest";
import { resumeLesson } from "~/domain/content/progress.ts";
import { shouldRecordView, VIEW_RECORD_INTERVAL_MS } from "~/domain/content/view-recording.ts";

const t0 = new Date("2026-11-28T03:00:00Z");
const after = (ms: number) => new Date(t0.getTime() + ms);
const lesson = (lessonId: number, lastViewedAt: Date | null) => ({ lessonId, position: lessonId, completedAt: null, lastViewedAt });

describe("recording 'last viewed'", () => {
  it("records a first view", () => {
    expect(shouldRecordView([lesson(1, null), lesson(2, null)], 1, t0)).toBe(true);
    expect(shouldRecordView([], 1, t0)).toBe(true);
  });

  it("skips re-reading the latest-viewed lesson within the interval, and records it once the interval has passed", () => {
    const lessons = [lesson(1, t0), lesson(2, null)];
    expect(shouldRecordView(lessons, 1, after(1_000))).toBe(false);
    expect(shouldRecordView(lessons, 1, after(VIEW_RECORD_INTERVAL_MS - 1))).toBe(false);
    expect(shouldRecordView(lessons, 1, after(VIEW_RECORD_INTERVAL_MS))).toBe(true);
  });

  it("records going back to a lesson within the interval when another was viewed since, so 'resume' follows the learner", () => {
    // Lesson 1 at t0, lesson 2 ten seconds later, back to lesson 1 ten seconds after that.
    const lessons = [lesson(1, t0), lesson(2, after(10_000))];
    expect(shouldRecordView(lessons, 1, after(20_000))).toBe(true);
    const recorded = lessons.map((l) => (l.lessonId === 1 ? { ...l, lastViewedAt: after(20_000) } : l));
    expect(resumeLesson(recorded)?.lessonId).toBe(1);
  });
});
