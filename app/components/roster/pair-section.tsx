// The two-person rule on a shift's page (decision 064): what makes the pair,
// whether it is complete, and the manager's "uncovered" mark.
import { Form } from "react-router";
import { formatDateTime } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

export type PairView = {
  complete: boolean;
  seniorPosition: string | null;
  seniorMonths: number | null;
  uncoveredAt: Date | string | null;
  uncoveredReason: string | null;
};

export function PairSection({ pair, canAssign, ended, busy }: { pair: PairView; canAssign: boolean; ended: boolean; busy: boolean }) {
  const t = useT();
  const senior = [
    pair.seniorPosition ? t("roster.pair.seniorPosition", { position: pair.seniorPosition }) : null,
    pair.seniorMonths !== null ? t("roster.pair.seniorMonths", { months: pair.seniorMonths }) : null,
  ].filter((s): s is string => s !== null);
  return (
    <section className="card stack" aria-labelledby="pair-h">
      <h2 id="pair-h">
        {t("roster.pair.title")}{" "}
        <span className={pair.complete ? "badge badge--ok" : "badge badge--warn"}>
          {t(pair.complete ? "roster.pair.complete" : "roster.pair.incomplete")}
        </span>
      </h2>
      <p className="muted">{t("roster.pair.rule", { senior: senior.join(t("roster.pair.or")) })}</p>
      {pair.uncoveredAt ? (
        <p role="status">
          <span className="badge badge--warn">{t("roster.pair.uncovered")}</span>{" "}
          {t("roster.pair.uncoveredSince", { at: formatDateTime(new Date(pair.uncoveredAt)), reason: pair.uncoveredReason ?? "" })}
        </p>
      ) : null}
      {canAssign && !ended ? (
        pair.uncoveredAt ? (
          <Form method="post">
            <input type="hidden" name="intent" value="cover" />
            <button type="submit" className="button" disabled={busy}>
              {t("roster.pair.unmark")}
            </button>
          </Form>
        ) : (
          <Form method="post" className="roster-cancel">
            <input type="hidden" name="intent" value="uncover" />
            <label className="field">
              <span>{t("roster.pair.markReason")}</span>
              <input type="text" name="reason" required minLength={3} maxLength={300} autoComplete="off" />
            </label>
            <button type="submit" className="button" disabled={busy}>
              {t("roster.pair.mark")}
            </button>
          </Form>
        )
      ) : null}
    </section>
  );
}
