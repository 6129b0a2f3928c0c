// "Last viewed" only serves "resume where you left off" (resumeLesson), so a
// page view need not write it when the stored value already says the same
// thing: re-reading or reloading the lesson that is already the course's most
// recently viewed one, within a minute, changes nothing a person can see.
import type { LessonState } from "./progress.ts";
import { MINUTE_MS } from "~/domain/time/calendar.ts";

/** Repeated views of the course's latest-viewed lesson within this interval are not written. */
export const VIEW_RECORD_INTERVAL_MS = MINUTE_MS;

/**
 * Whether a view of `shownId` at `now` must be written, given the stored
 * progress of the course's lessons (as read in the same request).
 */
export function shouldRecordView(lessons: readonly Pick<LessonState, "lessonId" | "lastViewedAt">[], shownId: number, now: Date): boolean {
  const shown = lessons.find((l) => l.lessonId === shownId)?.lastViewedAt;
  if (!shown) return true;
  if (now.getTime() - shown.getTime() >= VIEW_RECORD_INTERVAL_MS) return true;
  // Another lesson viewed more recently: this view changes where "resume" points.
  return lessons.some((l) => l.lessonId !== shownId && l.lastViewedAt !== null && l.lastViewedAt.getTime() > shown.getTime());
}
