import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { logout } from "~/services/login.server.ts";
import { getUser } from "~/utils/auth.server.ts";
import { clearSessionCookie } from "~/utils/cookies.server.ts";

export function loader() {
  throw redirect("/");
}

export async function action(args: Route.ActionArgs) {
  const user = getUser(args);
  if (user) await logout(user, (await args.request.formData()).get("everywhere") === "1", new Date());
  throw redirect("/login", { headers: { "Set-Cookie": clearSessionCookie() } });
}
