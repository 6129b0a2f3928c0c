import { data, Link, useLocation } from "react-router";
import type { Route } from "./+types/admin.units";
import { UnitAdminTable } from "~/components/people/unit-admin-table.tsx";
import { EditUnitForm, NewUnitForm } from "~/components/people/unit-forms.tsx";
import { addUnit, editUnit, editUnitSchema, fieldErrors, newUnitSchema, type UnitChangeResult } from "~/services/people-admin.server.ts";
import { findUnit, unitsInScope } from "~/services/units.server.ts";
import { forbidden, notFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formValues, parseForm, translateErrors } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Đơn vị · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { scope } = requireScope(args, "units:write");
  const units = await unitsInScope(scope);
  const editParam = new URL(args.request.url).searchParams.get("edit");
  let editing: number | null = null;
  if (editParam) {
    const id = requireId(editParam);
    // Not in the list: unknown (404) or outside the user's scope (403).
    if (!units.some((u) => u.id === id)) {
      if ((await findUnit(id)) === null) notFound();
      forbidden();
    }
    editing = id;
  }
  return { units, editing };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "units:write");
  const t = serverT(args);
  const now = new Date();
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = formValues(form);
  const fail = (errors: Record<string, string>) => data({ intent, errors, values }, { status: 400 });
  const answer = (result: UnitChangeResult) => {
    if (result.ok) return redirectWithFlash("/admin/units", "people.saved");
    if (result.code === "notFound") notFound();
    if (result.code === "forbidden") forbidden();
    return fail(fieldErrors(result.reasons, t));
  };

  if (intent === "create") {
    const parsed = parseForm(form, newUnitSchema);
    return parsed.ok ? answer(await addUnit(user, parsed.data, now)) : fail(translateErrors(parsed.errors, t));
  }
  if (intent === "update") {
    const parsed = parseForm(form, editUnitSchema);
    if (!parsed.ok) return fail(translateErrors(parsed.errors, t));
    const { unitId, ...input } = parsed.data;
    return answer(await editUnit(user, unitId, input, now));
  }
  return fail(translateErrors({ _form: "people.error.invalid" }, t));
}

export default function AdminUnits({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const location = useLocation();
  const { units, editing } = loaderData;
  // A failed edit posted without ?edit= (e.g. from a script) still shows its errors.
  const editId = editing ?? (actionData?.intent === "update" ? Number(actionData.values.unitId) : null);
  const editUnit = editId === null ? undefined : units.find((u) => u.id === editId);
  const errorsOf = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const valuesOf = (intent: string) => (actionData?.intent === intent ? actionData.values : undefined);
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/admin">{t("units.backToAdmin")}</Link>
      </p>
      <h1>{t("units.title")}</h1>
      <p className="lead">{t("units.intro")}</p>
      <div className="stack" key={location.key}>
        {editUnit ? <EditUnitForm unit={editUnit} units={units} errors={errorsOf("update")} values={valuesOf("update")} /> : null}
        <section className="card stack" aria-labelledby="tree-h">
          <h2 id="tree-h">{t("units.tree")}</h2>
          {units.length === 0 ? (
            <p className="empty">{t("units.empty")}</p>
          ) : (
            <UnitAdminTable units={units} editing={editUnit?.id ?? null} />
          )}
        </section>
        <NewUnitForm units={units} errors={errorsOf("create")} values={valuesOf("create")} />
      </div>
    </div>
  );
}
