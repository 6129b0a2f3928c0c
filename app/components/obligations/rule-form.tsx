import { Form, Link } from "react-router";
import { Field, FormAlert, useBusy, type FieldErrors, type FormValues } from "~/components/people/form-field.tsx";
import { UNIT_KINDS } from "~/components/obligations/unit-kinds.ts";
import { useT } from "~/utils/use-t.ts";

export type Choice = { id: number; code: string; name: string };

/** Add or edit a requirement rule: who (unit kind, position, access to secrets), what, within how many days. */
export function RuleForm(props: {
  form: string;
  intent: string;
  values: FormValues;
  errors?: FieldErrors;
  positions: Choice[];
  certificationTypes: Choice[];
  submit: string;
  cancelTo?: string;
}) {
  const t = useT();
  const busy = useBusy(props.intent);
  const { form, errors } = props;
  const v = (name: string) => props.values[name] ?? "";
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value={props.intent} />
      <FormAlert errors={errors} message={t("form.errors")} />
      <div className="row">
        <Field form={form} name="unitKind" label={t("obligations.rules.unitKind")} error={errors?.unitKind}>
          {(c) => (
            <select {...c} defaultValue={v("unitKind")}>
              <option value="">{t("obligations.rules.anyUnitKind")}</option>
              {UNIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`units.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={form} name="positionId" label={t("obligations.rules.position")} error={errors?.positionId}>
          {(c) => (
            <select {...c} defaultValue={v("positionId")}>
              <option value="">{t("obligations.rules.anyPosition")}</option>
              {props.positions.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label className="roster-check">
        <input type="checkbox" name="secretAccess" defaultChecked={v("secretAccess") === "on"} /> {t("obligations.rules.secretAccess")}
      </label>
      <div className="row">
        <Field form={form} name="certificationTypeId" label={t("obligations.rules.certificationType")} error={errors?.certificationTypeId}>
          {(c) => (
            <select {...c} defaultValue={v("certificationTypeId")} required>
              <option value="">{t("obligations.rules.chooseType")}</option>
              {props.certificationTypes.map((ct) => (
                <option key={ct.id} value={ct.id}>
                  {ct.name} ({ct.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          form={form}
          name="dueWithinDays"
          label={t("obligations.rules.dueWithinDays")}
          error={errors?.dueWithinDays}
          hint={t("obligations.rules.dueWithinDaysHint")}
        >
          {(c) => (
            <input
              {...c}
              type="number"
              inputMode="numeric"
              min={0}
              max={3650}
              step={1}
              defaultValue={v("dueWithinDays") || "30"}
              required
            />
          )}
        </Field>
      </div>
      <label className="roster-check">
        <input type="checkbox" name="gatesKt1Duty" defaultChecked={v("gatesKt1Duty") === "on"} /> {t("obligations.rules.gatesKt1Duty")}
      </label>
      <div className="row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("form.saving") : props.submit}
        </button>
        {props.cancelTo ? (
          <Link to={props.cancelTo} className="button button--secondary">
            {t("form.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
