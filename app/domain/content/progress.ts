// Course progress from lesson progress: a course is complete when every lesson
// that has a published version is done.
export type LessonState = { lessonId: number; position: number; completedAt: Date | null; lastViewedAt: Date | null };

export function courseProgress(lessons: readonly LessonState[]) {
  const total = lessons.length;
  const done = lessons.filter((l) => l.completedAt).length;
  return { total, done, percent: total === 0 ? 0 : Math.round((done / total) * 100), complete: total > 0 && done === total };
}

/** Where to resume: the most recently viewed unfinished lesson, else the first unfinished, else null. */
export function resumeLesson<T extends LessonState>(lessons: readonly T[]): T | null {
  const unfinished = [...lessons].filter((l) => !l.completedAt).sort((a, b) => a.position - b.position);
  if (unfinished.length === 0) return null;
  const viewed = unfinished.filter((l) => l.lastViewedAt).sort((a, b) => b.lastViewedAt!.getTime() - a.lastViewedAt!.getTime());
  return viewed[0] ?? unfinished[0];
}
