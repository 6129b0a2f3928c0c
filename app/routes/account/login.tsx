import { data, Form, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/login";
import { homePath } from "~/domain/access/permissions.ts";
import { login } from "~/services/login.server.ts";
import { getUser } from "~/utils/auth.server.ts";
import { requestInfoContext } from "~/utils/context.server.ts";
import { sessionCookie } from "~/utils/cookies.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Đăng nhập · Học viện KT1" }];

export function loader(args: Route.LoaderArgs) {
  const user = getUser(args);
  if (user) throw redirect(homePath(user.grants));
  return { redirectTo: safeRedirect(new URL(args.request.url).searchParams.get("redirectTo"), "") };
}

const LoginSchema = z.object({
  identifier: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  redirectTo: z.string().optional(),
});

export async function action(args: Route.ActionArgs) {
  const t = serverT(args);
  const parsed = LoginSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ error: t("login.required") }, { status: 400 });
  const now = new Date();
  const { ip } = args.context.get(requestInfoContext);
  const result = await login(parsed.data.identifier, parsed.data.password, ip, now);
  if (!result.ok) {
    if (result.code === "RATE_LIMITED")
      return data({ error: t("login.rateLimited", { minutes: result.retryAfterMinutes }) }, { status: 429 });
    return data({ error: t("login.invalid") }, { status: 400 });
  }
  const { token, expiresAt, grants } = result.value;
  const to = safeRedirect(parsed.data.redirectTo, homePath(grants));
  throw redirect(to, { headers: { "Set-Cookie": sessionCookie(token, expiresAt, now) } });
}

export default function Login({ actionData, loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="card narrow">
      <h1>{t("login.title")}</h1>
      <p className="muted">{t("login.intro")}</p>
      {/* A full page load after signing in (not a client-side navigation): the new
          session's page starts fresh, and its first Tab lands on the skip link. */}
      <Form method="post" reloadDocument className="stack" aria-describedby={actionData?.error ? "login-error" : undefined}>
        {actionData?.error ? (
          <p id="login-error" role="alert" className="alert alert--error">
            {actionData.error}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
        <label className="field">
          <span>{t("login.identifier")}</span>
          <input name="identifier" autoComplete="username" required autoFocus />
        </label>
        <label className="field">
          <span>{t("login.password")}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </Form>
    </section>
  );
}
