import { Link } from "react-router";
import type { UnitKind } from "~/generated/prisma/enums.ts";
import type { UnitRow } from "~/services/units.server.ts";
import { useT } from "~/utils/use-t.ts";

/** The unit tree as a table, like UnitTable, with kind and an edit link per unit. */
export function UnitAdminTable({ units, editing }: { units: UnitRow[]; editing: number | null }) {
  const t = useT();
  return (
    <div className="table-wrap" role="region" aria-label={t("units.tree")} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("units.name")}</th>
            <th scope="col">{t("units.code")}</th>
            <th scope="col">{t("units.kind")}</th>
            <th scope="col" className="num">
              {t("manage.peopleCount")}
            </th>
            <th scope="col">
              <span className="muted">{t("units.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.id} id={`unit-${u.id}`} aria-current={editing === u.id ? "true" : undefined}>
              <td>
                {/* Indentation as text: the CSP (style-src 'self') blocks inline style attributes. */}
                <span aria-hidden="true">
                  {"\u00a0\u00a0\u00a0\u00a0".repeat(u.depth)}
                  {u.depth > 0 ? "└\u00a0" : ""}
                </span>
                <Link to={`/people?unit=${u.id}`}>{u.name}</Link>
                {editing === u.id ? (
                  <>
                    {" "}
                    <span className="badge badge--warn">{t("units.editing")}</span>
                  </>
                ) : null}
              </td>
              <td>
                <code>{u.code}</code>
              </td>
              <td>{t(`units.kind.${u.kind as UnitKind}`)}</td>
              <td className="num">{u.people}</td>
              <td>
                <Link to={`/admin/units?edit=${u.id}#edit-unit`} aria-label={t("units.editLabel", { name: u.name })}>
                  {t("units.edit")}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
