import { data, Form, Link } from "react-router";
import type { Route } from "./+types/admin.requirements.$ruleId";
import { useBusy } from "~/components/people/form-field.tsx";
import { RuleForm } from "~/components/obligations/rule-form.tsx";
import {
  certificationTypeOptions,
  deleteRule,
  listPositions,
  listRules,
  refusalErrors,
  ruleSchema,
  updateRule,
} from "~/services/obligations/requirements.server.ts";
import { notFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formValues, parseForm, translateErrors } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

// /admin/requirements/:ruleId — edit or delete one rule (audited; obligations
// of everyone it touched or touches are recomputed in the same transaction).
export const meta: Route.MetaFunction = () => [{ title: "Sửa quy tắc chứng nhận bắt buộc · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "requirements:write");
  const id = requireId(args.params.ruleId);
  const [rules, positions, certificationTypes] = await Promise.all([listRules(), listPositions(), certificationTypeOptions()]);
  const rule = rules.find((r) => r.id === id) ?? notFound();
  return { rule, positions: positions.map(({ id, code, name }) => ({ id, code, name })), certificationTypes };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "requirements:write");
  const id = requireId(args.params.ruleId);
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = formValues(form);
  const t = serverT(args);
  const now = new Date();
  const fail = (errors: Record<string, string>) => data({ errors: translateErrors(errors, t), values }, { status: 400 });
  if (intent === "delete") {
    const removed = await deleteRule(id, user.personId, now);
    if (!removed.ok) notFound();
    return redirectWithFlash("/admin/requirements", "obligations.rules.deleted");
  }
  const parsed = parseForm(form, ruleSchema);
  if (!parsed.ok) return fail(parsed.errors);
  const saved = await updateRule(id, parsed.data, user.personId, now);
  if (!saved.ok && saved.code === "notFound") notFound();
  if (!saved.ok) return fail(refusalErrors(saved.code));
  return redirectWithFlash("/admin/requirements", "obligations.rules.saved");
}

export default function EditRule({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const deleting = useBusy("delete");
  const r = loaderData.rule;
  const values = actionData?.values ?? {
    unitKind: r.unitKind ?? "",
    positionId: r.positionId === null ? "" : String(r.positionId),
    secretAccess: r.secretAccess ? "on" : "",
    certificationTypeId: String(r.certificationTypeId),
    dueWithinDays: String(r.dueWithinDays),
    gatesKt1Duty: r.gatesKt1Duty ? "on" : "",
  };
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/admin/requirements">{t("obligations.rules.title")}</Link>
      </p>
      <h1>{t("obligations.rules.editTitle")}</h1>
      <section className="card stack">
        <RuleForm
          form="edit-rule"
          intent="update"
          values={values}
          errors={actionData?.errors}
          positions={loaderData.positions}
          certificationTypes={loaderData.certificationTypes}
          submit={t("form.save")}
          cancelTo="/admin/requirements"
        />
      </section>
      <section className="card stack" aria-labelledby="delete-rule-h">
        <h2 id="delete-rule-h">{t("obligations.rules.delete")}</h2>
        <p className="muted">{t("obligations.rules.deleteHint")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button button--danger" disabled={deleting}>
            {t("obligations.rules.delete")}
          </button>
        </Form>
      </section>
    </div>
  );
}
