import { DayLabel, ReasonList, ShiftTime } from "./roster-bits.tsx";
import type { CopyOutcome } from "~/services/roster/copy-week.server.ts";
import { useT } from "~/utils/use-t.ts";

// What "copy the previous week" did: how many shifts and assignments it made, and each it refused, with why.

const REFUSAL_KEYS = {
  SHIFT_FULL: "roster.assign.full",
  ALREADY_ASSIGNED: "roster.assign.already",
  NOT_FOUND: "roster.error.invalid",
} as const;

export function CopyResult({ copy }: { copy: CopyOutcome }) {
  const t = useT();
  return (
    <div role="status" className="stack roster-copy-result">
      <p className={`alert ${copy.problems.length ? "alert--info" : "alert--ok"}`}>
        {t("roster.copy.done", { created: copy.created, assigned: copy.assigned, refused: copy.problems.length })}{" "}
        {copy.skippedExisting || copy.skippedPast
          ? t("roster.copy.skipped", { existing: copy.skippedExisting, past: copy.skippedPast })
          : null}
      </p>
      <p>{t("roster.copy.kept")}</p>
      {copy.problems.length ? (
        <>
          <h3>{t("roster.copy.problems")}</h3>
          <ul className="roster-list">
            {copy.problems.map((p, i) => (
              <li key={i} className="roster-person roster-person--refused">
                <p>
                  <strong>{p.name}</strong> <span className="muted">({p.code})</span> — {p.duty}, <DayLabel day={p.day} />{" "}
                  <ShiftTime startsAt={p.startsAt} endsAt={p.endsAt} />
                </p>
                {p.refusal === "NOT_ELIGIBLE" ? <ReasonList codes={p.reasons} /> : <p>{t(REFUSAL_KEYS[p.refusal])}</p>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
