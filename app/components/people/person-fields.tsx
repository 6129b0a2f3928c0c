import { useT } from "~/utils/use-t.ts";
import { DateInput } from "../date-field.tsx";
import { Field, UnitOptions, type FieldErrors, type FormValues, type UnitOption } from "./form-field.tsx";

export type PositionOption = { id: number; name: string };

/** The fields of a person shared by the create and edit forms. */
export function PersonFields({
  form,
  values,
  errors = {},
  units,
  positions,
  isNew = false,
}: {
  form: string;
  values: FormValues;
  errors?: FieldErrors;
  units: UnitOption[];
  positions: PositionOption[];
  isNew?: boolean;
}) {
  const t = useT();
  const v = (name: string) => values[name] ?? "";
  return (
    <>
      <div className="row">
        {isNew ? (
          <Field form={form} name="employeeCode" label={t("people.employeeCode")} error={errors.employeeCode} hint={t("people.codeHint")}>
            {(c) => (
              <input {...c} defaultValue={v("employeeCode")} required maxLength={32} autoCapitalize="characters" spellCheck={false} />
            )}
          </Field>
        ) : null}
        <Field form={form} name="fullName" label={t("people.fullName")} error={errors.fullName}>
          {(c) => <input {...c} defaultValue={v("fullName")} required maxLength={120} autoComplete="off" />}
        </Field>
      </div>
      <div className="row">
        <Field form={form} name="positionId" label={t("people.position")} error={errors.positionId}>
          {(c) => (
            <select {...c} defaultValue={v("positionId")} required>
              <option value="">{t("people.choosePosition")}</option>
              {positions.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          form={form}
          name="positionSince"
          label={t("people.positionSince")}
          error={errors.positionSince}
          hint={t("people.positionSinceHint")}
        >
          {(c) => <DateInput {...c} defaultValue={v("positionSince")} required />}
        </Field>
        <Field form={form} name="unitId" label={t("people.unit")} error={errors.unitId}>
          {(c) => (
            <select {...c} defaultValue={v("unitId")} required>
              <option value="">{t("people.chooseUnit")}</option>
              <UnitOptions units={units} />
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <Field form={form} name="workStartedOn" label={t("people.workStartedOn")} error={errors.workStartedOn}>
          {(c) => <DateInput {...c} defaultValue={v("workStartedOn")} required />}
        </Field>
      </div>
      <div className="row">
        <Field form={form} name="email" label={t("people.email")} error={errors.email} hint={t("people.optional")}>
          {(c) => <input {...c} type="email" defaultValue={v("email")} maxLength={254} autoComplete="off" spellCheck={false} />}
        </Field>
        <Field form={form} name="phone" label={t("people.phone")} error={errors.phone} hint={t("people.optional")}>
          {(c) => <input {...c} type="tel" defaultValue={v("phone")} maxLength={20} autoComplete="off" />}
        </Field>
        <Field form={form} name="status" label={t("people.status")} error={errors.status} hint={isNew ? undefined : t("people.statusHint")}>
          {(c) => (
            <select {...c} defaultValue={v("status") || "ACTIVE"}>
              <option value="ACTIVE">{t("people.status.ACTIVE")}</option>
              <option value="LEFT">{t("people.status.LEFT")}</option>
            </select>
          )}
        </Field>
      </div>
    </>
  );
}
