import { Form } from "react-router";
import { useT } from "~/utils/use-t.ts";
import { FormAlert, useBusy, type FieldErrors, type FormValues, type UnitOption } from "./form-field.tsx";
import { PersonFields, type PositionOption } from "./person-fields.tsx";

/** Edit form of a person's record, plus the one-click "has left" button. */
export function PersonEditForm(props: {
  values: FormValues;
  errors?: FieldErrors;
  deactivateErrors?: FieldErrors;
  units: UnitOption[];
  positions: PositionOption[];
  canDeactivate: boolean;
}) {
  const t = useT();
  const saving = useBusy("update");
  const deactivating = useBusy("deactivate");
  return (
    <section className="card stack" aria-labelledby="edit-h">
      <h2 id="edit-h">{t("people.edit.title")}</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="update" />
        <FormAlert errors={props.errors} message={t("form.errors")} />
        <PersonFields form="edit" values={props.values} errors={props.errors} units={props.units} positions={props.positions} />
        <div>
          <button type="submit" className="button" disabled={saving}>
            {saving ? t("form.saving") : t("form.save")}
          </button>
        </div>
      </Form>
      {props.canDeactivate ? (
        <Form method="post" className="stack" aria-labelledby="deactivate-h">
          <h3 id="deactivate-h">{t("people.deactivate.title")}</h3>
          <p className="muted">{t("people.deactivate.intro")}</p>
          <FormAlert errors={props.deactivateErrors} message={t("form.errors")} />
          <input type="hidden" name="intent" value="deactivate" />
          <div>
            <button type="submit" className="button button--danger" disabled={deactivating}>
              {deactivating ? t("form.saving") : t("people.deactivate.submit")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
