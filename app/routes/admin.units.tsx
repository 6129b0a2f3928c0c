import { data, Link, redirect, useLocation } from "react-router";
import type { Route } from "./+types/admin.units";
import { UnitAdminTable } from "~/components/people/unit-admin-table.tsx";
import { EditUnitForm, NewUnitForm } from "~/components/people/unit-forms.tsx";
import { can } from "~/domain/access/permissions.ts";
import {
  editUnitSchema,
  isCycleError,
  mentions,
  newUnitSchema,
  translateErrors,
  uniqueViolation,
  unitAllows,
  updateUnit,
} from "~/services/people-admin.server.ts";
import { createUnit } from "~/services/people.server.ts";
import { unitsInScope } from "~/services/units.server.ts";
import { forbidden, notFound, requireScope } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Đơn vị · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { scope } = requireScope(args, "units:write");
  const params = new URL(args.request.url).searchParams;
  const units = await unitsInScope(scope);
  const editParam = params.get("edit");
  let editing: number | null = null;
  if (editParam) {
    if (!/^\d{1,9}$/.test(editParam)) notFound();
    editing = Number(editParam);
    if (!units.some((u) => u.id === editing)) {
      // Not in the list: unknown (404) or outside the user's scope (403).
      if (!(await getDb().unit.findUnique({ where: { id: editing }, select: { id: true } }))) notFound();
      forbidden();
    }
  }
  return { units, editing, saved: params.get("saved") === "1" };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "units:write");
  const t = serverT(args);
  const db = getDb();
  const now = new Date();
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = formValues(form);
  const fail = (errors: Record<string, string>) => data({ intent, errors: translateErrors(errors, t), values }, { status: 400 });

  if (intent === "create") {
    const parsed = parseForm(form, newUnitSchema);
    if (!parsed.ok) return fail(parsed.errors);
    const input = parsed.data;
    if (!(await unitAllows(db, user.grants, "units:write", input.parentId))) return fail({ parentId: "units.error.parent" });
    if (await db.unit.findUnique({ where: { code: input.code }, select: { id: true } })) return fail({ code: "units.error.codeTaken" });
    try {
      await db.$transaction((tx) => createUnit(tx, input, user.personId, now));
    } catch (error) {
      const violation = uniqueViolation(error);
      if (violation && mentions(violation, "code")) return fail({ code: "units.error.codeTaken" });
      throw error;
    }
    return redirect("/admin/units?saved=1");
  }

  if (intent === "update") {
    const parsed = parseForm(form, editUnitSchema);
    if (!parsed.ok) return fail(parsed.errors);
    const { unitId, ...input } = parsed.data;
    const unit = await db.unit.findUnique({ where: { id: unitId }, select: { path: true, parentId: true } });
    if (!unit) notFound();
    if (!can(user.grants, "units:write", unit.path)) forbidden();
    // Staying put needs no right over the parent; moving needs units:write on the new one.
    if (input.parentId !== unit.parentId) {
      if (input.parentId === null) return fail({ parentId: "units.error.parent" });
      if (!(await unitAllows(db, user.grants, "units:write", input.parentId))) return fail({ parentId: "units.error.parent" });
    }
    try {
      await db.$transaction((tx) => updateUnit(tx, unitId, input, user.personId, now));
    } catch (error) {
      if (isCycleError(error)) return fail({ parentId: "units.error.cycle" });
      throw error;
    }
    return redirect("/admin/units?saved=1");
  }

  return fail({ _form: "people.error.invalid" });
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
      {loaderData.saved ? (
        <p role="status" className="alert alert--ok">
          {t("people.saved")}
        </p>
      ) : null}
      <div className="stack" key={location.key}>
        {editUnit ? (
          <EditUnitForm unit={editUnit} units={units} errors={errorsOf("update")} values={valuesOf("update")} />
        ) : null}
        <section className="card stack" aria-labelledby="tree-h">
          <h2 id="tree-h">{t("units.tree")}</h2>
          {units.length === 0 ? <p className="empty">{t("units.empty")}</p> : <UnitAdminTable units={units} editing={editUnit?.id ?? null} />}
        </section>
        <NewUnitForm units={units} errors={errorsOf("create")} values={valuesOf("create")} />
      </div>
    </div>
  );
}
