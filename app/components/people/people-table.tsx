import { Link } from "react-router";
import { useT } from "~/utils/use-t.ts";
import { StatusBadge } from "./person-facts.tsx";

export type PersonRow = {
  id: number;
  employeeCode: string;
  fullName: string;
  position: string;
  email: string | null;
  status: "ACTIVE" | "LEFT";
  unitName: string;
};

export function PeopleTable({ people, caption }: { people: PersonRow[]; caption: string }) {
  const t = useT();
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <p className="muted">{caption}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("people.employeeCode")}</th>
            <th scope="col">{t("people.fullName")}</th>
            <th scope="col">{t("people.unit")}</th>
            <th scope="col">{t("people.position")}</th>
            <th scope="col">{t("people.email")}</th>
            <th scope="col">{t("people.status")}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <td>
                <code>{p.employeeCode}</code>
              </td>
              <td>
                <Link to={`/people/${p.id}`}>{p.fullName}</Link>
              </td>
              <td>{p.unitName}</td>
              <td>{p.position}</td>
              <td>{p.email ?? ""}</td>
              <td>
                <StatusBadge status={p.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Previous / next links that keep the current filters (plain links, no JavaScript needed). */
export function Pager({ page, pages, search }: { page: number; pages: number; search: string }) {
  const t = useT();
  if (pages <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams(search);
    if (n > 1) params.set("page", String(n));
    else params.delete("page");
    const s = params.toString();
    return s ? `/people?${s}` : "/people";
  };
  return (
    <nav className="pager" aria-label={t("people.pager.label")}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("people.pager.prev")}
        </Link>
      ) : (
        <span />
      )}
      <span className="muted">{t("people.pager.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t("people.pager.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
