import type { ReactNode } from "react";
import { useNavigation } from "react-router";

export type FieldErrors = Record<string, string | undefined>;
export type FormValues = Record<string, string | undefined>;

/** What an input needs to be tied to its label, hint and error. */
export type ControlProps = { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string };

/**
 * A labelled form control with an optional hint and error message, wired up
 * with aria-invalid / aria-describedby so screen readers announce both.
 */
export function Field(props: {
  form: string;
  name: string;
  label: string;
  error?: string;
  hint?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = `${props.form}-${props.name}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      {/* The span picks up the stylesheet's `.field > span` label style. */}
      <span>
        <label htmlFor={id}>{props.label}</label>
      </span>
      {props.children({ id, name: props.name, "aria-invalid": props.error ? true : undefined, "aria-describedby": describedBy })}
      {props.hint ? <small id={hintId}>{props.hint}</small> : null}
      {props.error ? (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export type UnitOption = { id: number; code: string; name: string; depth: number };

/** Units as <option>s, indented by depth so the tree shows in a plain select. */
export function UnitOptions({ units }: { units: UnitOption[] }) {
  return (
    <>
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {"\u00a0\u00a0\u00a0".repeat(u.depth)}
          {u.name} ({u.code})
        </option>
      ))}
    </>
  );
}

/** True while a POST carrying `intent` is in flight (for pending buttons). */
export function useBusy(intent: string) {
  const navigation = useNavigation();
  return navigation.state !== "idle" && navigation.formMethod === "POST" && navigation.formData?.get("intent") === intent;
}

/** The summary shown above a form whose fields have errors. */
export function FormAlert({ errors, message }: { errors?: FieldErrors; message: string }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <p role="alert" className="alert alert--error">
      {errors._form ?? message}
    </p>
  );
}
