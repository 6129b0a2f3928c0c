import { Link } from "react-router";
import type { UnitRow } from "~/services/units.server.ts";
import { useT } from "~/utils/use-t.ts";

export function UnitTable({ units, linkPeople }: { units: UnitRow[]; linkPeople: boolean }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("people.unit")}</th>
            <th scope="col">{t("units.code")}</th>
            <th scope="col" className="num">
              {t("manage.peopleCount")}
            </th>
            <th scope="col" className="num">
              {t("manage.activeCount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.id}>
              <td className="tree-cell" data-depth={Math.min(u.depth, 8)}>
                {linkPeople ? <Link to={`/people?unit=${u.id}`}>{u.name}</Link> : u.name}
              </td>
              <td>
                <code>{u.code}</code>
              </td>
              <td className="num">{u.people}</td>
              <td className="num">{u.active}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
