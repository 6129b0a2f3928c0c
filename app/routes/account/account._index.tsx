import { Form, Link } from "react-router";
import type { Route } from "./+types/account._index";
import { CommitmentStatus } from "~/components/commitment/commitment-status.tsx";
import { PasswordForm } from "~/components/password-form.tsx";
import { commitmentViewOf } from "~/services/commitment.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { handlePasswordChange } from "~/utils/password-action.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Tài khoản · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const commitment = await commitmentViewOf(user.personId);
  return {
    fullName: user.fullName,
    employeeCode: user.employeeCode,
    email: user.email,
    unitName: user.unitName,
    roles: [...new Set(user.grants.map((g) => g.role))],
    commitment,
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  return handlePasswordChange(await args.request.formData(), user, serverT(args), (headers) =>
    redirectWithFlash("/account", "account.passwordChanged", undefined, { headers }),
  );
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="stack">
      <h1>{t("account.title")}</h1>
      <section className="card">
        <dl className="facts">
          <dt>{t("people.fullName")}</dt>
          <dd>{loaderData.fullName}</dd>
          <dt>{t("people.employeeCode")}</dt>
          <dd>{loaderData.employeeCode}</dd>
          <dt>{t("people.email")}</dt>
          <dd>{loaderData.email ?? "—"}</dd>
          <dt>{t("people.unit")}</dt>
          <dd>{loaderData.unitName}</dd>
          <dt>{t("account.roles")}</dt>
          <dd>{loaderData.roles.map((r) => t(`role.${r}`)).join(", ")}</dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="commitment-h">
        <h2 id="commitment-h">{t("commitment.account.heading")}</h2>
        <p>
          <CommitmentStatus view={loaderData.commitment} />
        </p>
        <p>
          <Link to="/account/commitment">{t("commitment.account.link")}</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="pw-h">
        <h2 id="pw-h">{t("account.changePassword")}</h2>
        <PasswordForm action="/account" errors={actionData?.errors} />
      </section>
      <section className="card" aria-labelledby="out-h">
        <h2 id="out-h">{t("account.logoutEverywhere")}</h2>
        <p className="muted">{t("account.logoutEverywhereHint")}</p>
        <Form method="post" action="/logout">
          <input type="hidden" name="everywhere" value="1" />
          <button type="submit" className="button button--secondary">
            {t("account.logoutEverywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}
