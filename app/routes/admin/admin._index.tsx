import { Link } from "react-router";
import type { Route } from "./+types/admin._index";
import { requireScope } from "~/utils/auth.server.ts";
import { scopeCounts } from "~/services/units.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Quản trị · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { scope } = requireScope(args, "units:write");
  return scopeCounts(scope);
}

export default function AdminHome({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="stack">
      <h1>{t("admin.title")}</h1>
      <p className="lead">{t("admin.intro")}</p>
      <ul className="tiles">
        <li>
          <Link to="/admin/units">
            <strong>{loaderData.units}</strong> {t("admin.units")}
          </Link>
        </li>
        <li>
          <Link to="/people">
            <strong>{loaderData.people}</strong> {t("admin.people")}
          </Link>
        </li>
        <li>
          <Link to="/people/import">{t("admin.import")}</Link>
        </li>
        <li>
          <Link to="/audit">{t("admin.audit")}</Link>
        </li>
        <li>
          <Link to="/admin/legal">{t("admin.legal")}</Link>
        </li>
        <li>
          <Link to="/admin/commitment">{t("commitment.admin.tile")}</Link>
        </li>
        <li>
          <Link to="/admin/tokens">{t("tokens.title")}</Link>
        </li>
        <li>
          <Link to="/admin/positions">{t("admin.positions")}</Link>
        </li>
        <li>
          <Link to="/admin/requirements">{t("admin.requirements")}</Link>
        </li>
      </ul>
    </div>
  );
}
