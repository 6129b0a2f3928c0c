import { useT } from "~/utils/use-t.ts";

/** A course's progress: a native <progress> (announced by screen readers) and "3/6 bài". */
export function CourseProgress({ done, total, course }: { done: number; total: number; course: string }) {
  const t = useT();
  return (
    <div className="course-progress">
      <progress max={total} value={done} aria-label={t("learn.progressLabel", { course })} />
      <span className="course-progress__text">{t("learn.progressText", { done, total })}</span>
    </div>
  );
}
