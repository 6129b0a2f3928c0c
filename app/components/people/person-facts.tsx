import { Link } from "react-router";
import { CommitmentStatus } from "~/components/commitment/commitment-status.tsx";
import type { CommitmentView } from "~/services/commitment.server.ts";
import { formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

export type PersonView = {
  id: number;
  employeeCode: string;
  fullName: string;
  unitId: number;
  unitName: string;
  unitCode: string;
  position: string;
  positionId: number;
  positionSince: string;
  workStartedOn: string;
  email: string | null;
  phone: string | null;
  commitment: CommitmentView;
  status: "ACTIVE" | "LEFT";
  account: { mustChangePassword: boolean } | null;
};

export function StatusBadge({ status }: { status: "ACTIVE" | "LEFT" }) {
  const t = useT();
  return <span className={`badge ${status === "ACTIVE" ? "badge--ok" : "badge--muted"}`}>{t(`people.status.${status}`)}</span>;
}

/** The read-only record of a person, for everyone who may see them. */
export function PersonFacts({ person }: { person: PersonView }) {
  const t = useT();
  const none = <span className="muted">{t("people.none")}</span>;
  return (
    <dl className="facts">
      <dt>{t("people.employeeCode")}</dt>
      <dd>
        <code>{person.employeeCode}</code>
      </dd>
      <dt>{t("people.unit")}</dt>
      <dd>
        {person.unitName} (<code>{person.unitCode}</code>)
      </dd>
      <dt>{t("people.position")}</dt>
      <dd>{person.position}</dd>
      <dt>{t("people.positionSince")}</dt>
      <dd>{formatDay(person.positionSince)}</dd>
      <dt>{t("people.workStartedOn")}</dt>
      <dd>{formatDay(person.workStartedOn)}</dd>
      <dt>{t("people.email")}</dt>
      <dd>{person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : none}</dd>
      <dt>{t("people.phone")}</dt>
      <dd>{person.phone ? <a href={`tel:${person.phone}`}>{person.phone}</a> : none}</dd>
      <dt>{t("people.commitment")}</dt>
      <dd>
        <CommitmentStatus view={person.commitment} /> <Link to={`/people/${person.id}/commitment`}>{t("people.commitmentDetails")}</Link>
      </dd>
      <dt>{t("people.status")}</dt>
      <dd>
        <StatusBadge status={person.status} />
      </dd>
      <dt>{t("people.account")}</dt>
      <dd>
        {person.account === null
          ? t("people.account.none")
          : person.account.mustChangePassword
            ? t("people.account.mustChange")
            : t("people.account.active")}
      </dd>
    </dl>
  );
}
