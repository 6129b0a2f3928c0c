import { Link } from "react-router";
import { formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

export type RuleRow = {
  id: number;
  unitKind: string | null;
  positionName: string | null;
  secretAccess: boolean;
  certificationTypeCode: string;
  certificationTypeName: string;
  dueWithinDays: number;
  gatesKt1Duty: boolean;
  effectiveFrom: string;
  obligated: number;
};

/** The requirement rules: who, what, within how many days. */
export function RuleTable({ rules }: { rules: RuleRow[] }) {
  const t = useT();
  const any = <span className="muted">{t("obligations.rules.any")}</span>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("obligations.rules.certificationType")}</th>
            <th scope="col">{t("obligations.rules.unitKind")}</th>
            <th scope="col">{t("obligations.rules.position")}</th>
            <th scope="col">{t("obligations.rules.dueWithinDays")}</th>
            <th scope="col">{t("obligations.rules.gatesKt1Duty")}</th>
            <th scope="col">{t("obligations.rules.effectiveFrom")}</th>
            <th scope="col">{t("obligations.rules.obligated")}</th>
            <th scope="col">{t("obligations.rules.edit")}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id}>
              <td>
                {r.certificationTypeName} <span className="muted">({r.certificationTypeCode})</span>
              </td>
              <td>{r.unitKind ? t(`units.kind.${r.unitKind}` as "units.kind.AGENCY") : any}</td>
              <td>
                {r.positionName ?? any}
                {r.secretAccess ? (
                  <>
                    {" "}
                    · <span className="badge badge--warn">{t("obligations.rules.secretAccessShort")}</span>
                  </>
                ) : null}
              </td>
              <td>{t("obligations.rules.days", { days: r.dueWithinDays })}</td>
              <td>{r.gatesKt1Duty ? t("obligations.rules.yes") : t("obligations.rules.no")}</td>
              <td>{formatDay(r.effectiveFrom)}</td>
              <td>{r.obligated}</td>
              <td>
                <Link to={`/admin/requirements/${r.id}`} aria-label={`${t("obligations.rules.edit")}: ${r.certificationTypeName}`}>
                  {t("obligations.rules.edit")}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
