import { Form, Link } from "react-router";
import { UnitKind } from "~/generated/prisma/enums.ts";
import type { UnitRow } from "~/services/units.server.ts";
import { useT } from "~/utils/use-t.ts";
import { Field, FormAlert, useBusy, type FieldErrors, type FormValues } from "./form-field.tsx";

const KINDS = Object.values(UnitKind);

function KindSelect({ form, value, error }: { form: string; value: string; error?: string }) {
  const t = useT();
  return (
    <Field form={form} name="kind" label={t("units.kind")} error={error}>
      {(c) => (
        <select {...c} defaultValue={value} required>
          <option value="">{t("units.chooseKind")}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`units.kind.${k}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Parent choices in tree order; `blocked` units (the edited unit's own subtree) are disabled. */
function ParentOptions({ units, blocked }: { units: UnitRow[]; blocked: Set<number> }) {
  return (
    <>
      {units.map((u) => (
        <option key={u.id} value={u.id} disabled={blocked.has(u.id)}>
          {"\u00a0\u00a0\u00a0".repeat(u.depth)}
          {u.name} ({u.code})
        </option>
      ))}
    </>
  );
}

export function NewUnitForm({ units, errors, values }: { units: UnitRow[]; errors?: FieldErrors; values?: FormValues }) {
  const t = useT();
  const busy = useBusy("create");
  return (
    <section className="card stack" aria-labelledby="new-unit-h">
      <h2 id="new-unit-h">{t("units.new.title")}</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="create" />
        <FormAlert errors={errors} message={t("form.errors")} />
        <div className="row">
          <Field form="new-unit" name="code" label={t("units.code")} error={errors?.code} hint={t("units.codeHint")}>
            {(c) => (
              <input {...c} defaultValue={values?.code ?? ""} required maxLength={40} spellCheck={false} autoCapitalize="characters" />
            )}
          </Field>
          <Field form="new-unit" name="name" label={t("units.name")} error={errors?.name}>
            {(c) => <input {...c} defaultValue={values?.name ?? ""} required maxLength={120} />}
          </Field>
        </div>
        <div className="row">
          <KindSelect form="new-unit" value={values?.kind ?? ""} error={errors?.kind} />
          <Field form="new-unit" name="parentId" label={t("units.parent")} error={errors?.parentId}>
            {(c) => (
              <select {...c} defaultValue={values?.parentId ?? ""} required>
                <option value="">{t("units.chooseParent")}</option>
                <ParentOptions units={units} blocked={new Set()} />
              </select>
            )}
          </Field>
        </div>
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("form.saving") : t("units.new.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** Rename, re-kind or move one unit. */
export function EditUnitForm(props: { unit: UnitRow; units: UnitRow[]; errors?: FieldErrors; values?: FormValues }) {
  const t = useT();
  const busy = useBusy("update");
  const { unit, units, errors, values } = props;
  // The unit itself and the rows below it with a greater depth form its subtree.
  const start = units.findIndex((u) => u.id === unit.id);
  const blocked = new Set<number>([unit.id]);
  for (let i = start + 1; i < units.length && units[i].depth > unit.depth; i++) blocked.add(units[i].id);
  return (
    <section className="card stack" id="edit-unit" aria-labelledby="edit-unit-h">
      <h2 id="edit-unit-h">{t("units.edit.title", { name: unit.name })}</h2>
      <p className="muted">{t("units.edit.intro", { code: unit.code })}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="unitId" value={unit.id} />
        <FormAlert errors={errors} message={t("form.errors")} />
        <div className="row">
          <Field form="edit-unit" name="name" label={t("units.name")} error={errors?.name}>
            {(c) => <input {...c} defaultValue={values?.name ?? unit.name} required maxLength={120} />}
          </Field>
          <KindSelect form="edit-unit" value={values?.kind ?? unit.kind} error={errors?.kind} />
        </div>
        <Field form="edit-unit" name="parentId" label={t("units.parent")} error={errors?.parentId} hint={t("units.moveHint")}>
          {(c) => (
            <select {...c} defaultValue={values?.parentId ?? (unit.parentId === null ? "" : String(unit.parentId))}>
              {unit.parentId === null ? <option value="">{t("units.topLevel")}</option> : null}
              {unit.parentId !== null && !units.some((u) => u.id === unit.parentId) ? (
                <option value={unit.parentId}>{t("units.currentParent")}</option>
              ) : null}
              <ParentOptions units={units} blocked={blocked} />
            </select>
          )}
        </Field>
        <div className="row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("form.saving") : t("form.save")}
          </button>
          <Link to="/admin/units">{t("form.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
