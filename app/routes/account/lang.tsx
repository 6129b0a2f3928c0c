import { redirect } from "react-router";
import type { Route } from "./+types/lang";
import { isLocale } from "~/i18n/index.ts";
import { getUser } from "~/utils/auth.server.ts";
import { localeCookie } from "~/utils/cookies.server.ts";
import { setLocale } from "~/services/account.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

export function loader() {
  throw redirect("/");
}

export async function action(args: Route.ActionArgs) {
  const form = await args.request.formData();
  const locale = form.get("locale");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) throw redirect(to);
  const user = getUser(args);
  if (user) await setLocale(user.accountId, locale);
  throw redirect(to, { headers: { "Set-Cookie": localeCookie(locale) } });
}
