import { data, Link } from "react-router";
import type { Route } from "./+types/admin.positions.$positionId";
import { PositionForm } from "~/components/obligations/position-form.tsx";
import { listPositions, positionSchema, refusalErrors, savePosition } from "~/services/obligations/requirements.server.ts";
import { notFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formValues, parseForm, translateErrors } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

// /admin/positions/:positionId — edit one position (audited; a change of access
// to state secrets recomputes the obligations of its holders).
export const meta: Route.MetaFunction = () => [{ title: "Sửa vị trí công tác · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "requirements:write");
  const id = requireId(args.params.positionId);
  const position = (await listPositions()).find((p) => p.id === id) ?? notFound();
  return { position };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "requirements:write");
  const id = requireId(args.params.positionId);
  const form = await args.request.formData();
  const values = formValues(form);
  const t = serverT(args);
  const fail = (errors: Record<string, string>) => data({ errors: translateErrors(errors, t), values }, { status: 400 });
  const parsed = parseForm(form, positionSchema);
  if (!parsed.ok) return fail(parsed.errors);
  const saved = await savePosition(id, parsed.data, user.personId, new Date());
  if (!saved.ok && saved.code === "notFound") notFound();
  if (!saved.ok) return fail(refusalErrors(saved.code));
  return redirectWithFlash("/admin/positions", "obligations.positions.saved");
}

export default function EditPosition({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const p = loaderData.position;
  const values = actionData?.values ?? {
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    sortOrder: String(p.sortOrder),
    secretAccess: p.secretAccess ? "on" : "",
  };
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/admin/positions">{t("obligations.positions.title")}</Link>
      </p>
      <h1>{t("obligations.positions.editTitle", { name: p.name })}</h1>
      <section className="card stack">
        <PositionForm
          form="edit-position"
          intent="update"
          values={values}
          errors={actionData?.errors}
          submit={t("form.save")}
          cancelTo="/admin/positions"
        />
      </section>
    </div>
  );
}
