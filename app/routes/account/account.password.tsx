import { redirect } from "react-router";
import type { Route } from "./+types/account.password";
import { PasswordForm } from "~/components/password-form.tsx";
import { homePath } from "~/domain/access/permissions.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { handlePasswordChange } from "~/utils/password-action.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Đổi mật khẩu · Học viện KT1" }];

export function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  return { mustChange: user.mustChangePassword };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  return handlePasswordChange(await args.request.formData(), user, serverT(args), (headers) =>
    redirect(homePath(user.grants), { headers }),
  );
}

export default function ChangePassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="card narrow stack">
      <h1>{t("account.changePassword")}</h1>
      {loaderData.mustChange ? <p className="alert alert--info">{t("account.mustChange")}</p> : null}
      <PasswordForm action="/account/password" errors={actionData?.errors} />
    </section>
  );
}
