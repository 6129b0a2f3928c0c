import type { Route } from "./+types/learn";
import { requireUser } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Học tập · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const person = await getDb().person.findUniqueOrThrow({
    where: { id: user.personId },
    select: { fullName: true, employeeCode: true, position: true, workStartedOn: true, unit: { select: { name: true } } },
  });
  return { person };
}

export default function Learn({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { person } = loaderData;
  return (
    <div className="stack">
      <h1>{t("home.welcome", { name: person.fullName })}</h1>
      <p className="lead">{t("learn.intro")}</p>
      <section className="card" aria-labelledby="courses-h">
        <h2 id="courses-h">{t("learn.title")}</h2>
        <p className="empty">{t("learn.empty")}</p>
      </section>
      <section className="card" aria-labelledby="certs-h">
        <h2 id="certs-h">{t("learn.certifications")}</h2>
        <p className="empty">{t("learn.noCertifications")}</p>
      </section>
      <section className="card" aria-labelledby="profile-h">
        <h2 id="profile-h">{t("learn.profile")}</h2>
        <dl className="facts">
          <dt>{t("people.employeeCode")}</dt>
          <dd>{person.employeeCode}</dd>
          <dt>{t("people.unit")}</dt>
          <dd>{person.unit.name}</dd>
          <dt>{t("people.position")}</dt>
          <dd>{person.position}</dd>
          <dt>{t("people.workStartedOn")}</dt>
          <dd>{formatDay(person.workStartedOn)}</dd>
        </dl>
      </section>
    </div>
  );
}
