import { redirect } from "react-router";
import type { Route } from "./+types/_index";
import { homePath } from "~/domain/access/permissions.ts";
import { getUser } from "~/utils/auth.server.ts";

export function loader(args: Route.LoaderArgs) {
  const user = getUser(args);
  throw redirect(user ? homePath(user.grants) : "/login");
}
