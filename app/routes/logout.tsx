import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { appendAudit } from "~/services/audit.server.ts";
import { invalidateAllSessions, invalidateSession } from "~/services/sessions.server.ts";
import { getUser } from "~/utils/auth.server.ts";
import { clearSessionCookie } from "~/utils/cookies.server.ts";
import { getDb } from "~/utils/db.server.ts";

export function loader() {
  throw redirect("/");
}

export async function action(args: Route.ActionArgs) {
  const user = getUser(args);
  if (user) {
    const everywhere = (await args.request.formData()).get("everywhere") === "1";
    if (everywhere) await invalidateAllSessions(user.accountId);
    else await invalidateSession(user.sessionId);
    await getDb().$transaction((tx) =>
      appendAudit(tx, { actorId: user.personId, action: everywhere ? "auth.logout_everywhere" : "auth.logout", unitId: user.unitId }, new Date()),
    );
  }
  throw redirect("/login", { headers: { "Set-Cookie": clearSessionCookie() } });
}
