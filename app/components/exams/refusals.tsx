import type { StartRefusal } from "~/domain/exams/exam-access.ts";
import type { Translate } from "~/i18n/index.ts";
import { formatDateTime, formatDay } from "~/utils/format.ts";
import type { Refused } from "~/domain/result.ts";

// Why a learner may not start an exam, in plain words with the date and time
// (Vietnam time) the obstacle ends. Dates travel as ISO strings.
export type RefusalView =
  | { code: "COURSES_INCOMPLETE"; courses: string[] }
  | { code: "ATTEMPT_OPEN" }
  | { code: "COOLDOWN"; until: string }
  | { code: "ATTEMPTS_USED"; until: string }
  | { code: "ALREADY_CERTIFIED"; renewFrom: string }
  | { code: "SHORT_TOPICS" };

export type ExamSettingsView = { attemptsPerPeriod: number; periodDays: number; cooldownMinutes: number };

/** The domain's refusals (and a bank too small to draw from) as plain data for the page. */
export function refusalViews(result: Refused<"REFUSED", StartRefusal> | Refused<"SHORT_TOPICS", string>): RefusalView[] {
  if (result.code === "SHORT_TOPICS") return [{ code: "SHORT_TOPICS" }];
  return (result.reasons ?? []).map((r) =>
    r.code === "COOLDOWN" || r.code === "ATTEMPTS_USED" ? { code: r.code, until: r.until.toISOString() } : r,
  );
}

/** "14:35" and "28/11/2026", Asia/Ho_Chi_Minh. */
export function timeAndDate(value: string | Date) {
  const [date, time] = formatDateTime(value).split(" ");
  return { time, date };
}

export function refusalText(t: Translate, r: RefusalView, settings: ExamSettingsView): string {
  switch (r.code) {
    case "COURSES_INCOMPLETE":
      return t("exams.refusal.COURSES_INCOMPLETE", { courses: r.courses.map((c) => `“${c}”`).join(", ") });
    case "ATTEMPT_OPEN":
      return t("exams.refusal.ATTEMPT_OPEN");
    case "COOLDOWN":
      return t("exams.refusal.COOLDOWN", timeAndDate(r.until));
    case "ATTEMPTS_USED":
      return t("exams.refusal.ATTEMPTS_USED", { count: settings.attemptsPerPeriod, days: settings.periodDays, ...timeAndDate(r.until) });
    case "ALREADY_CERTIFIED":
      return t("exams.refusal.ALREADY_CERTIFIED", { date: formatDay(r.renewFrom) });
    case "SHORT_TOPICS":
      return t("exams.refusal.SHORT_TOPICS");
  }
}

export function RefusalList({
  t,
  reasons,
  settings,
  id,
}: {
  t: Translate;
  reasons: RefusalView[];
  settings: ExamSettingsView;
  id?: string;
}) {
  return (
    <ul className="exam-refusals" id={id}>
      {reasons.map((r) => (
        <li key={r.code}>
          <span aria-hidden="true" className="exam-refusals__icon">
            !
          </span>{" "}
          {refusalText(t, r, settings)}
        </li>
      ))}
    </ul>
  );
}
