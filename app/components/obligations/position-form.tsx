import { Form, Link } from "react-router";
import { Field, FormAlert, useBusy, type FieldErrors, type FormValues } from "~/components/people/form-field.tsx";
import { useT } from "~/utils/use-t.ts";

/** Add or edit a position of the catalogue. */
export function PositionForm({
  form,
  intent,
  values,
  errors,
  submit,
  cancelTo,
}: {
  form: string;
  intent: string;
  values: FormValues;
  errors?: FieldErrors;
  submit: string;
  cancelTo?: string;
}) {
  const t = useT();
  const busy = useBusy(intent);
  const v = (name: string) => values[name] ?? "";
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <FormAlert errors={errors} message={t("form.errors")} />
      <div className="row">
        <Field
          form={form}
          name="code"
          label={t("obligations.positions.code")}
          error={errors?.code}
          hint={t("obligations.positions.codeHint")}
        >
          {(c) => <input {...c} defaultValue={v("code")} required maxLength={40} autoCapitalize="characters" spellCheck={false} />}
        </Field>
        <Field form={form} name="sortOrder" label={t("obligations.positions.sortOrder")} error={errors?.sortOrder}>
          {(c) => (
            <input {...c} type="number" inputMode="numeric" min={0} max={100000} step={1} defaultValue={v("sortOrder") || "0"} required />
          )}
        </Field>
      </div>
      <div className="row">
        <Field form={form} name="name" label={t("obligations.positions.name")} error={errors?.name}>
          {(c) => <input {...c} defaultValue={v("name")} required maxLength={120} />}
        </Field>
        <Field form={form} name="nameEn" label={t("obligations.positions.nameEn")} error={errors?.nameEn}>
          {(c) => <input {...c} defaultValue={v("nameEn")} required maxLength={120} lang="en" />}
        </Field>
      </div>
      <label className="roster-check">
        <input type="checkbox" name="secretAccess" defaultChecked={v("secretAccess") === "on"} /> {t("obligations.positions.secretAccess")}
      </label>
      <div className="row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("form.saving") : submit}
        </button>
        {cancelTo ? (
          <Link to={cancelTo} className="button button--secondary">
            {t("form.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
