import type { Route } from "./+types/manage";
import { UnitTable } from "~/components/unit-table.tsx";
import { scopeOf } from "~/domain/access/permissions.ts";
import { unitsInScope } from "~/services/units.server.ts";
import { forbidden, requireUser } from "~/utils/auth.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Quản lý đơn vị · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const scope = user.grants.filter((g) => g.role === "MANAGER");
  if (scope.length === 0) forbidden();
  return { units: await unitsInScope(scopeOf(scope, "people:read")) };
}

export default function Manage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="stack">
      <h1>{t("manage.title")}</h1>
      <p className="lead">{t("manage.intro")}</p>
      <p>
        <a href="/dashboard">{t("dashboard.manageLink")}</a>
      </p>
      <section className="card" aria-labelledby="units-h">
        <h2 id="units-h">{t("manage.units")}</h2>
        <UnitTable units={loaderData.units} linkPeople />
      </section>
    </div>
  );
}
