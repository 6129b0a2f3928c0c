import { typedDayText } from "~/domain/time/typed-day.ts";
import { useT } from "~/utils/use-t.ts";

// The one way a user types a date: a text field in dd/mm/yyyy (decision 061).
// A native <input type=date> shows mm/dd/yyyy in Chromium even on a Vietnamese
// page. The server reads the value with parseTypedDay and answers a bad one
// with the field error "date.invalid"; the pattern only lets the browser warn early.

/** dd/mm/yyyy (one-digit day and month allowed), or ISO yyyy-mm-dd. */
export const TYPED_DAY_PATTERN = String.raw`\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}`;

type DateInputProps = {
  id: string;
  name: string;
  /** A Day (shown dd/mm/yyyy) or the text the user typed (shown as typed). */
  defaultValue?: string | null;
  required?: boolean;
  "aria-invalid"?: true;
  /** Ids of the field's own hint and error; the format hint is added to them. */
  "aria-describedby"?: string;
  form?: string;
};

/** The input itself, followed by its format hint, for use inside a labelled field. */
export function DateInput({ defaultValue, "aria-describedby": describedBy, ...props }: DateInputProps) {
  const t = useT();
  const hintId = `${props.id}-format`;
  return (
    <>
      <input
        {...props}
        type="text"
        inputMode="numeric"
        pattern={TYPED_DAY_PATTERN}
        placeholder="dd/mm/yyyy"
        autoComplete="off"
        maxLength={10}
        size={10}
        defaultValue={typedDayText(defaultValue)}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(" ")}
      />
      <small id={hintId} className="muted">
        {t("date.hint")}
      </small>
    </>
  );
}

type DateFieldProps = Omit<DateInputProps, "id" | "aria-describedby"> & {
  id?: string;
  label: string;
  error?: string;
  /** Another hint read out with the field (e.g. shared by a date range). */
  describedBy?: string;
};

/** A labelled date field with its format hint and, when given, its error. */
export function DateField({ label, error, describedBy, id, ...props }: DateFieldProps) {
  const inputId = id ?? `date-${props.name}`;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className="field">
      <span>
        <label htmlFor={inputId}>{label}</label>
      </span>
      <DateInput
        {...props}
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={[describedBy, errorId].filter(Boolean).join(" ") || undefined}
      />
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
