import { Form } from "react-router";
import { ROLES, type Role } from "~/domain/access/permissions.ts";
import { formatDate } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";
import { Field, FormAlert, UnitOptions, useBusy, type FieldErrors, type FormValues, type UnitOption } from "./form-field.tsx";

export type GrantView = { id: number; role: Role; unitName: string; unitCode: string; createdAt: string; canRevoke: boolean };

/** A person's roles; with roles:grant, remove buttons and a form to add one. */
export function RoleGrants(props: {
  grants: GrantView[];
  canGrant: boolean;
  units: UnitOption[];
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const t = useT();
  const adding = useBusy("grant");
  const removing = useBusy("revoke");
  return (
    <section className="card stack" aria-labelledby="grants-h">
      <h2 id="grants-h">{t("people.grants.title")}</h2>
      {props.grants.length === 0 ? (
        <p className="empty">{t("people.grants.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("people.grants.role")}</th>
                <th scope="col">{t("people.unit")}</th>
                <th scope="col">{t("people.grants.since")}</th>
                {props.canGrant ? (
                  <th scope="col">
                    <span className="muted">{t("people.grants.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {props.grants.map((g) => (
                <tr key={g.id}>
                  <td>{t(`role.${g.role}`)}</td>
                  <td>
                    {g.unitName} (<code>{g.unitCode}</code>)
                  </td>
                  <td>{formatDate(g.createdAt)}</td>
                  {props.canGrant ? (
                    <td>
                      {g.canRevoke ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="grantId" value={g.id} />
                          <button
                            type="submit"
                            className="button-link"
                            disabled={removing}
                            aria-label={t("people.grants.removeLabel", { role: t(`role.${g.role}`), unit: g.unitName })}
                          >
                            {t("people.grants.remove")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canGrant ? (
        <Form method="post" className="stack" noValidate aria-labelledby="grant-add-h">
          <h3 id="grant-add-h">{t("people.grants.add")}</h3>
          <input type="hidden" name="intent" value="grant" />
          <FormAlert errors={props.errors} message={t("form.errors")} />
          <div className="row">
            <Field form="grant" name="role" label={t("people.grants.role")} error={props.errors?.role}>
              {(c) => (
                <select {...c} defaultValue={props.values?.role ?? ""} required>
                  <option value="">{t("people.grants.chooseRole")}</option>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              form="grant"
              name="unitId"
              label={t("people.grants.onUnit")}
              error={props.errors?.unitId}
              hint={t("people.grants.unitHint")}
            >
              {(c) => (
                <select {...c} defaultValue={props.values?.unitId ?? ""} required>
                  <option value="">{t("people.chooseUnit")}</option>
                  <UnitOptions units={props.units} />
                </select>
              )}
            </Field>
          </div>
          <div>
            <button type="submit" className="button" disabled={adding}>
              {adding ? t("form.saving") : t("people.grants.submit")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
