import { Form, Link, useNavigation } from "react-router";
import { useT } from "~/utils/use-t.ts";
import { UnitOptions, type UnitOption } from "./form-field.tsx";

export type PeopleFilter = { q: string; unit: string; status: "" | "ACTIVE" | "LEFT" };

/**
 * The GET form above the people list: works as a plain form without JavaScript.
 * On a phone it is folded into a <details> so the results come first; wide
 * screens always show it (the "wide-open" class in app/styles.css).
 */
export function PeopleFilters({ filter, units }: { filter: PeopleFilter; units: UnitOption[] }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "loading" && navigation.location.pathname === "/people";
  const active = filter.q !== "" || filter.unit !== "" || filter.status !== "";
  return (
    <details className="card filters wide-open">
      <summary className="filters__toggle">
        {t("people.filter.label")}
        {active ? <span className="badge badge--muted">{t("people.filter.active")}</span> : null}
      </summary>
      <Form method="get" action="/people" role="search" aria-label={t("people.filter.label")} className="stack">
        <div className="row">
          <div className="field">
            <span>
              <label htmlFor="f-q">{t("people.filter.q")}</label>
            </span>
            <input id="f-q" name="q" type="search" defaultValue={filter.q} maxLength={100} aria-describedby="f-hint" />
          </div>
          <div className="field">
            <span>
              <label htmlFor="f-unit">{t("people.unit")}</label>
            </span>
            <select id="f-unit" name="unit" defaultValue={filter.unit} aria-describedby="f-hint">
              <option value="">{t("people.filter.allUnits")}</option>
              <UnitOptions units={units} />
            </select>
          </div>
          <div className="field">
            <span>
              <label htmlFor="f-status">{t("people.status")}</label>
            </span>
            <select id="f-status" name="status" defaultValue={filter.status}>
              <option value="">{t("people.filter.allStatuses")}</option>
              <option value="ACTIVE">{t("people.status.ACTIVE")}</option>
              <option value="LEFT">{t("people.status.LEFT")}</option>
            </select>
          </div>
        </div>
        <p id="f-hint" className="muted">
          <small>
            {t("people.filter.qHint")} {t("people.filter.unitHint")}
          </small>
        </p>
        <div className="row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("people.filter.searching") : t("people.filter.submit")}
          </button>
          {active ? <Link to="/people">{t("people.filter.clear")}</Link> : null}
        </div>
      </Form>
    </details>
  );
}
