// Small pieces shared by the roster pages: a shift's time, its fill badge,
// a refusal's reasons in the reader's language, and day labels.
import type { ReasonAdvice } from "~/domain/roster/advice.ts";
import type { ReasonCode } from "~/domain/roster/eligibility.ts";
import { weekdayOf } from "~/domain/roster/week.ts";
import { dayOf, timeOf } from "~/domain/time/calendar.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { reasonKey } from "~/i18n/roster.ts";
import { formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

/** "07:00–11:30", with "(next day)" when a night shift ends after midnight. */
export function ShiftTime({ startsAt, endsAt }: { startsAt: Date | string; endsAt: Date | string }) {
  const t = useT();
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  const nextDay = dayOf(e) !== dayOf(s) && timeOf(e) !== "00:00";
  return (
    <>
      <span className="nowrap">
        <time dateTime={s.toISOString()}>{timeOf(s)}</time>–<time dateTime={e.toISOString()}>{timeOf(e)}</time>
      </span>
      {nextDay ? <small className="muted"> {t("roster.nextDay")}</small> : null}
    </>
  );
}

/** "2/2 · Đủ người" or "1/2 · Thiếu 1"; a past shift only "1/2": nobody can be added to it any more. */
export function FillBadge({ active, headcount, past = false }: { active: number; headcount: number; past?: boolean }) {
  const t = useT();
  const full = active >= headcount;
  return (
    <span className={`badge ${past ? "badge--muted" : full ? "badge--ok" : "badge--warn"}`}>
      {t("roster.fill", { active, headcount })}
      {past ? null : ` · ${full ? t("roster.full") : t("roster.short", { missing: headcount - active })}`}
    </span>
  );
}

export function ReasonList({ codes, id }: { codes: readonly ReasonCode[]; id?: string }) {
  const t = useT();
  return (
    <ul className="roster-reasons" id={id}>
      {codes.map((c) => (
        <li key={c} data-reason={c}>
          {t(reasonKey(c))}
        </li>
      ))}
    </ul>
  );
}

/** A refusal's reasons, each with what it asks for: the certification by name, the day experience suffices. */
export function AdvisedReasonList({ reasons }: { reasons: readonly ReasonAdvice[] }) {
  const t = useT();
  return (
    <ul className="roster-reasons">
      {reasons.map((r) => (
        <li key={r.code} data-reason={r.code}>
          {t(reasonKey(r.code))}
          {r.certification ? ` ${t("roster.reason.advice.certification", { certification: r.certification })}` : ""}
          {r.experienceMetOn ? ` ${t("roster.reason.advice.experience", { date: formatDay(r.experienceMetOn) })}` : ""}
        </li>
      ))}
    </ul>
  );
}

function weekdayKey(day: string): MessageKey {
  return `roster.weekday.${weekdayOf(day)}` as MessageKey;
}

/** "Thứ Hai, 30/11/2026". */
export function DayLabel({ day }: { day: string }) {
  const t = useT();
  return (
    <>
      {t(weekdayKey(day))}, {formatDay(day)}
    </>
  );
}
