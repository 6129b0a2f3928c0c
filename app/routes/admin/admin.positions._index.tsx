import { data, Link } from "react-router";
import type { Route } from "./+types/admin.positions._index";
import { PositionForm } from "~/components/obligations/position-form.tsx";
import { listPositions, positionSchema, refusalErrors, savePosition } from "~/services/obligations/requirements.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formValues, parseForm, translateErrors } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

// /admin/positions — the position catalogue: list and add (audited).
export const meta: Route.MetaFunction = () => [{ title: "Vị trí công tác · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "requirements:write");
  return { positions: await listPositions() };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "requirements:write");
  const form = await args.request.formData();
  const values = formValues(form);
  const t = serverT(args);
  const fail = (errors: Record<string, string>) => data({ errors: translateErrors(errors, t), values }, { status: 400 });
  const parsed = parseForm(form, positionSchema);
  if (!parsed.ok) return fail(parsed.errors);
  const saved = await savePosition(null, parsed.data, user.personId, new Date());
  if (!saved.ok) return fail(refusalErrors(saved.code));
  return redirectWithFlash("/admin/positions", "obligations.positions.saved");
}

export default function Positions({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { positions } = loaderData;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("obligations.positions.title")}</h1>
      <p className="lead">{t("obligations.positions.intro")}</p>
      <section className="card stack" aria-labelledby="positions-h">
        <h2 id="positions-h" className="visually-hidden">
          {t("obligations.positions.title")}
        </h2>
        {positions.length === 0 ? (
          <p className="empty">{t("obligations.positions.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("obligations.positions.name")}</th>
                  <th scope="col">{t("obligations.positions.code")}</th>
                  <th scope="col">{t("obligations.positions.secretAccess")}</th>
                  <th scope="col">{t("obligations.positions.people")}</th>
                  <th scope="col">{t("obligations.positions.edit")}</th>
                </tr>
              </thead>
              <tbody>
                {positions.map((p) => (
                  <tr key={p.id}>
                    <td>
                      {p.name}
                      <br />
                      <span className="muted" lang="en">
                        {p.nameEn}
                      </span>
                    </td>
                    <td>
                      <code>{p.code}</code>
                    </td>
                    <td>{p.secretAccess ? t("obligations.rules.yes") : t("obligations.rules.no")}</td>
                    <td>{p.people}</td>
                    <td>
                      <Link to={`/admin/positions/${p.id}`} aria-label={`${t("obligations.positions.edit")}: ${p.name}`}>
                        {t("obligations.positions.edit")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card stack" aria-labelledby="add-position-h">
        <h2 id="add-position-h">{t("obligations.positions.add")}</h2>
        <PositionForm
          form="new-position"
          intent="create"
          values={actionData?.values ?? {}}
          errors={actionData?.errors}
          submit={t("obligations.positions.add")}
        />
      </section>
    </div>
  );
}
