import { data, Link } from "react-router";
import type { Route } from "./+types/admin.requirements._index";
import { RuleForm } from "~/components/obligations/rule-form.tsx";
import { RuleTable } from "~/components/obligations/rule-table.tsx";
import {
  certificationTypeOptions,
  createRule,
  listPositions,
  listRules,
  refusalErrors,
  ruleSchema,
} from "~/services/obligations/requirements.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formValues, parseForm, translateErrors } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

// /admin/requirements — who must hold which certification, by when: list and
// add (audited; the obligations of everyone a rule touches are recomputed).
export const meta: Route.MetaFunction = () => [{ title: "Chứng nhận bắt buộc theo vị trí · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "requirements:write");
  const [rules, positions, certificationTypes] = await Promise.all([listRules(), listPositions(), certificationTypeOptions()]);
  return { rules, positions: positions.map(({ id, code, name }) => ({ id, code, name })), certificationTypes };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "requirements:write");
  const form = await args.request.formData();
  const values = formValues(form);
  const t = serverT(args);
  const fail = (errors: Record<string, string>) => data({ errors: translateErrors(errors, t), values }, { status: 400 });
  const parsed = parseForm(form, ruleSchema);
  if (!parsed.ok) return fail(parsed.errors);
  const created = await createRule(parsed.data, user.personId, new Date());
  if (!created.ok) return fail(refusalErrors(created.code));
  return redirectWithFlash("/admin/requirements", "obligations.rules.saved");
}

export default function Requirements({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("obligations.rules.title")}</h1>
      <p className="lead">{t("obligations.rules.intro")}</p>
      <section className="card stack" aria-labelledby="rules-h">
        <h2 id="rules-h" className="visually-hidden">
          {t("obligations.rules.title")}
        </h2>
        {loaderData.rules.length === 0 ? <p className="empty">{t("obligations.rules.empty")}</p> : <RuleTable rules={loaderData.rules} />}
      </section>
      <section className="card stack" aria-labelledby="add-rule-h">
        <h2 id="add-rule-h">{t("obligations.rules.add")}</h2>
        <RuleForm
          form="new-rule"
          intent="create"
          values={actionData?.values ?? {}}
          errors={actionData?.errors}
          positions={loaderData.positions}
          certificationTypes={loaderData.certificationTypes}
          submit={t("obligations.rules.add")}
        />
      </section>
    </div>
  );
}
