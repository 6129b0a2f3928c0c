import { Link } from "react-router";
import type { UnreadableDates } from "~/domain/time/typed-day.ts";
import { useT } from "~/utils/use-t.ts";
import { DateField } from "./date-field.tsx";

type FilterSelectProps = {
  label: string;
  name: string;
  value: string | number | null | undefined;
  /** The first option, value "": no filter on this field. */
  allLabel: string;
  options: readonly { value: string | number; label: string }[];
  hint?: { id: string; text: string };
};

/** Units as drop-down options, indented by depth so the list reads as the unit tree. */
export function unitTreeOptions(units: readonly { id: number; name: string; depth: number }[]) {
  return units.map((u) => ({ value: u.id, label: "\u00a0\u00a0".repeat(u.depth) + u.name }));
}

/** A GET filter's drop-down whose empty first choice means "all". */
export function FilterSelect({ label, name, value, allLabel, options, hint }: FilterSelectProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} defaultValue={value ?? ""} aria-describedby={hint?.id}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? <small id={hint.id}>{hint.text}</small> : null}
    </label>
  );
}

type DateRangeFilterProps = {
  from: string | null | undefined;
  to: string | null | undefined;
  text: { from: string; to: string; submit: string; reset: string; hint: string };
  /** Where "clear filters" goes; null hides it (nothing to clear). */
  resetTo: string | null;
  /** Set when the hint should also be read out with the date fields. */
  hintId?: string;
  /** Dates that could not be read, as typed (shown back with an error; the filter is left off). */
  unreadable?: UnreadableDates;
};

/**
 * The last row of a log's GET filter form: a from/to date pair, submit and
 * "clear filters", then the date hint. Field names `from` and `to` are part
 * of the bookmarkable URL and of the CSV export's query.
 */
export function DateRangeFilter({ from, to, text, resetTo, hintId, unreadable = {} }: DateRangeFilterProps) {
  const t = useT();
  const error = (typed: string | undefined) => (typed === undefined ? undefined : t("date.invalid"));
  return (
    <>
      <div className="row">
        <DateField
          label={text.from}
          name="from"
          defaultValue={unreadable.from ?? from}
          describedBy={hintId}
          error={error(unreadable.from)}
        />
        <DateField label={text.to} name="to" defaultValue={unreadable.to ?? to} describedBy={hintId} error={error(unreadable.to)} />
        <div className="row">
          <button type="submit" className="button">
            {text.submit}
          </button>
          {resetTo ? (
            <Link to={resetTo} className="button button--secondary">
              {text.reset}
            </Link>
          ) : null}
        </div>
      </div>
      <small id={hintId} className="muted">
        {text.hint}
      </small>
    </>
  );
}
