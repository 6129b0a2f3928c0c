import { Link } from "react-router";
import type { DrillState } from "~/services/dashboard/drill-down.server.ts";
import { FilterSelect, unitTreeOptions } from "../filter-fields.tsx";
import { formatDay, formatPercent } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";
import { useHydrated } from "~/utils/use-hydrated.ts";

// Small pieces the dashboard pages share.

/** "2026-11" → "11/2026". */
export function monthLabel(month: string) {
  const [y, m] = month.split("-");
  return `${m}/${y}`;
}

export function percentText(value: number | null, locale: string) {
  if (value === null) return "";
  return formatPercent(value, locale);
}

/** A person's obligation for one type: a status badge and its date, or "not required" (with the cover they hold anyway). */
export function StatusCell({ state }: { state: Pick<DrillState, "status" | "dueOn" | "validUntil" | "certState"> }) {
  const t = useT();
  const { status, dueOn, validUntil, certState } = state;
  if (status === null) {
    const held = (certState === "VALID" || certState === "EXPIRING") && validUntil;
    return (
      <>
        <span className="muted">{t("dashboard.status.notRequired")}</span>
        {held ? (
          <div className="muted nowrap">
            <small>{t("dashboard.status.heldUntil", { date: formatDay(validUntil) })}</small>
          </div>
        ) : null}
      </>
    );
  }
  const note =
    status === "COMPLIANT"
      ? validUntil && t("dashboard.status.until", { date: formatDay(validUntil) })
      : dueOn &&
        t(
          status === "EXPIRING"
            ? "dashboard.status.renewBy"
            : status === "EXPIRED"
              ? "dashboard.status.endedOn"
              : status === "REVOKED"
                ? "dashboard.status.revokedOn"
                : "dashboard.status.dueOn",
          { date: formatDay(dueOn) },
        );
  return (
    <>
      <span className="badge dash-state" data-status={status}>
        {t(`obligations.status.${status}`)}
      </span>
      {note ? (
        <div className="muted nowrap">
          <small>{note}</small>
        </div>
      ) : null}
    </>
  );
}

/** Opens the browser's print dialog; shown once scripts run (the print CSS does the rest). */
export function PrintButton() {
  const t = useT();
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <button type="button" className="button button--secondary" onClick={() => window.print()}>
      {t("dashboard.print")}
    </button>
  );
}

/** The unit picker of the dashboard's filter forms (the overview and the drill-down). */
export function UnitFilter({
  units,
  value,
  hintId,
}: {
  units: readonly { id: number; name: string; depth: number }[];
  value: number | string | null | undefined;
  hintId: string;
}) {
  const t = useT();
  return (
    <FilterSelect
      label={t("dashboard.filter.unit")}
      name="unit"
      value={value}
      allLabel={t("dashboard.filter.unitAll")}
      options={unitTreeOptions(units)}
      hint={{ id: hintId, text: t("dashboard.filter.unitHint") }}
    />
  );
}

/** The certification type picker of the dashboard's filter forms. */
export function TypeFilter({ types, value, hintId }: { types: readonly { code: string; name: string }[]; value: string; hintId?: string }) {
  const t = useT();
  return (
    <FilterSelect
      label={t("dashboard.filter.type")}
      name="type"
      value={value}
      allLabel={t("dashboard.filter.typeAll")}
      options={types.map((ty) => ({ value: ty.code, label: ty.name }))}
      hint={hintId ? { id: hintId, text: t("dashboard.filter.typeHint") } : undefined}
    />
  );
}

/** The last row of a dashboard filter form: submit, and "clear filters" when something is filtered (`resetTo` set). */
export function FilterActions({ submit, resetTo }: { submit: string; resetTo: string | null }) {
  const t = useT();
  return (
    <div className="row">
      <button type="submit" className="button">
        {submit}
      </button>
      {resetTo ? (
        <Link to={resetTo} className="button button--secondary">
          {t("dashboard.filter.reset")}
        </Link>
      ) : null}
    </div>
  );
}
