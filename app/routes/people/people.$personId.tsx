import { data, Link, useLocation } from "react-router";
import type { Route } from "./+types/people.$personId";
import { PasswordResetForm } from "~/components/people/password-reset-form.tsx";
import { PersonCertifications } from "~/components/people/person-certifications.tsx";
import { PersonEditForm } from "~/components/people/person-edit-form.tsx";
import { RemindForm } from "~/components/people/remind-form.tsx";
import { PersonFacts, StatusBadge } from "~/components/people/person-facts.tsx";
import { RoleGrants } from "~/components/people/role-grants.tsx";
import { can, type Action } from "~/domain/access/permissions.ts";
import { mayRemind } from "~/domain/reminders/access.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { certificationRevokeSchema, revokePersonCertification } from "~/services/exams/certification-revoke.server.ts";
import { remindSchema, sendManualReminder } from "~/services/reminders/manual.server.ts";
import { requestDelivery } from "~/services/reminders/queue.server.ts";
import { fieldErrors, grantSchema, passwordResetSchema, personFieldsSchema, revokeSchema } from "~/services/people-admin.server.ts";
import {
  deactivatePerson,
  editPerson,
  findPersonForChange,
  findPersonForPage,
  grantPersonRole,
  personPageData,
  resetPassword,
  revokePersonRole,
  type ChangeResult,
} from "~/services/person-page.server.ts";
import { forbidden, notFound, requireFound, requireId, requirePermission, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { dayOf } from "~/domain/time/calendar.ts";
import { formValues, parseForm, translateErrors } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.person.fullName ?? "Nhân sự"} · Học viện KT1` }];

export async function loader(args: Route.LoaderArgs) {
  const { user } = requireScope(args, "people:read");
  const id = requireId(args.params.personId);
  const person = requireFound(await findPersonForPage(id), (p) => can(user.grants, "people:read", p.unit.path));
  return personPageData(user, person, new Date());
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "people:read");
  const id = requireId(args.params.personId);
  const person = requireFound(await findPersonForChange(id), (p) => can(user.grants, "people:read", p.unit.path));
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const t = serverT(args);
  const now = new Date();
  const values = formValues(form, ["password"]);
  const fail = (errors: Record<string, string>) => data({ intent, errors, values }, { status: 400 });
  const invalidForm = (errors: Record<string, string>) => fail(translateErrors(errors, t));
  const allowed = (action: Action) => can(user.grants, action, person.unit.path) || forbidden();
  /** A change's result as the answer: the page again with a message, or the refusal. */
  const answer = (result: ChangeResult, message: MessageKey = "people.saved") => {
    if (result.ok) return redirectWithFlash(`/people/${id}`, message);
    if (result.code === "notFound") notFound();
    if (result.code === "forbidden") forbidden();
    return fail(fieldErrors(result.reasons, t));
  };

  switch (intent) {
    case "update": {
      allowed("people:write");
      const parsed = parseForm(form, personFieldsSchema(dayOf(now)));
      return parsed.ok ? answer(await editPerson(user, person, parsed.data, now)) : invalidForm(parsed.errors);
    }
    case "deactivate":
      allowed("people:write");
      return answer(await deactivatePerson(user, person, now));
    case "resetPassword": {
      allowed("people:write");
      if (id === user.personId) return invalidForm({ _form: "people.reset.self" });
      const parsed = parseForm(form, passwordResetSchema);
      return parsed.ok ? answer(await resetPassword(user, person, parsed.data.password, now)) : invalidForm(parsed.errors);
    }
    case "grant": {
      allowed("roles:grant");
      const parsed = parseForm(form, grantSchema);
      return parsed.ok ? answer(await grantPersonRole(user, person, parsed.data, now)) : invalidForm(parsed.errors);
    }
    case "revoke": {
      allowed("roles:grant");
      const parsed = parseForm(form, revokeSchema);
      return parsed.ok
        ? answer(await revokePersonRole(user, person, parsed.data.grantId, now))
        : invalidForm({ _form: "people.error.invalid" });
    }
    case "revokeCertification": {
      await requirePermission(args, "certifications:revoke", person.unitId);
      const parsed = parseForm(form, certificationRevokeSchema);
      if (!parsed.ok) return invalidForm(parsed.errors);
      const outcome = await revokePersonCertification(id, parsed.data, user.personId, now);
      if (!outcome.ok && outcome.code === "notFound") notFound();
      if (!outcome.ok) return invalidForm({ _form: `cert.revoke.error.${outcome.code}` });
      return redirectWithFlash(`/people/${id}`, "cert.people.revoked");
    }
    case "remind": {
      if (!mayRemind(user.grants, person.unit.path)) forbidden();
      const parsed = parseForm(form, remindSchema);
      if (!parsed.ok) return invalidForm({ _form: "people.error.invalid" });
      const { certificationId, remindKey: key } = parsed.data;
      const outcome = await sendManualReminder({ personId: id, certificationId, key, actorId: user.personId }, now);
      if (!outcome.ok && outcome.code === "notFound") notFound();
      if (!outcome.ok) return invalidForm({ _form: `remind.error.${outcome.code}` });
      await requestDelivery(outcome.value.ids, now);
      return redirectWithFlash(`/people/${id}`, "remind.sent");
    }
    default:
      return invalidForm({ _form: "people.error.invalid" });
  }
}

export default function PersonPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const location = useLocation();
  const { person } = loaderData;
  const errorsOf = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const editValues =
    actionData?.intent === "update"
      ? actionData.values
      : {
          fullName: person.fullName,
          positionId: String(person.positionId),
          positionSince: person.positionSince,
          unitId: String(person.unitId),
          workStartedOn: person.workStartedOn,
          email: person.email ?? "",
          phone: person.phone ?? "",
          status: person.status,
        };
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/people">{t("people.backToList")}</Link>
      </p>
      <div className="spread">
        <h1>{person.fullName}</h1>
        <StatusBadge status={person.status} />
      </div>
      <section className="card" aria-labelledby="facts-h">
        <h2 id="facts-h">{t("people.details")}</h2>
        <PersonFacts person={person} />
      </section>
      {/* Keyed by location so a successful save (a redirect) clears typed passwords and choices. */}
      <div className="stack" key={location.key}>
        <PersonCertifications
          certifications={loaderData.certifications}
          canRevoke={loaderData.canRevokeCertifications}
          errors={errorsOf("revokeCertification")}
          values={actionData?.intent === "revokeCertification" ? actionData.values : undefined}
          renderActions={(c) =>
            loaderData.remindKey && c.status === "VALID" ? (
              <RemindForm
                certificationId={c.id}
                serial={c.serial}
                remindKey={loaderData.remindKey}
                error={
                  actionData?.intent === "remind" && actionData.values.certificationId === String(c.id)
                    ? errorsOf("remind")?._form
                    : undefined
                }
              />
            ) : null
          }
        />
        {loaderData.canWrite ? (
          <PersonEditForm
            values={editValues}
            errors={errorsOf("update")}
            deactivateErrors={errorsOf("deactivate")}
            units={loaderData.writeUnits}
            positions={loaderData.positions}
            canDeactivate={person.status === "ACTIVE" && !loaderData.isSelf}
          />
        ) : null}
        {loaderData.canWrite && !loaderData.isSelf ? (
          <PasswordResetForm hasAccount={person.account !== null} errors={errorsOf("resetPassword")} />
        ) : null}
        <RoleGrants
          grants={loaderData.grants}
          canGrant={loaderData.canGrant}
          units={loaderData.grantUnits}
          errors={errorsOf("grant") ?? errorsOf("revoke")}
          values={actionData?.intent === "grant" ? actionData.values : undefined}
        />
      </div>
    </div>
  );
}
