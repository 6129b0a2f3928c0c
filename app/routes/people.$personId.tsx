import { data, Link, redirect, useLocation } from "react-router";
import type { Route } from "./+types/people.$personId";
import { PasswordResetForm } from "~/components/people/password-reset-form.tsx";
import { PersonCertifications } from "~/components/people/person-certifications.tsx";
import { PersonEditForm } from "~/components/people/person-edit-form.tsx";
import { RemindForm, RemindSent } from "~/components/people/remind-form.tsx";
import { PersonFacts, StatusBadge, type PersonView } from "~/components/people/person-facts.tsx";
import { RoleGrants } from "~/components/people/role-grants.tsx";
import { can, type Action } from "~/domain/access/permissions.ts";
import { checkPassword, PASSWORD_MIN_LENGTH } from "~/domain/auth/password-policy.ts";
import { mayRemind } from "~/domain/reminders/access.ts";
import { certificationRevokeSchema, revokePersonCertification } from "~/services/exams/certificate-revoke.server.ts";
import { commitmentViewOf } from "~/services/commitment.server.ts";
import { certificationsOf } from "~/services/exams/certifications.server.ts";
import { hashPassword } from "~/services/passwords.server.ts";
import { remindSchema, sendManualReminder } from "~/services/reminders/manual.server.ts";
import { requestDelivery } from "~/services/reminders/queue.server.ts";
import {
  grantSchema,
  passwordResetSchema,
  personFieldsSchema,
  revokeSchema,
  takenPersonFields,
  translateErrors,
  uniqueViolation,
  unitAllows,
  updatePerson,
} from "~/services/people-admin.server.ts";
import { grantRole, revokeRole, setPassword } from "~/services/people.server.ts";
import { forbidden, notFound, requireFound, requirePermission, requireScope } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { vietnamDay } from "~/utils/format.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";
import { personId, unitOptions } from "~/services/person-page.server.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.person.fullName ?? "Nhân sự"} · Học viện KT1` }];

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function loader(args: Route.LoaderArgs) {
  const { user } = requireScope(args, "people:read");
  const id = personId(args.params.personId);
  const found = await getDb().person.findUnique({
    where: { id },
    include: {
      unit: { select: { name: true, code: true, path: true } },
      account: { select: { mustChangePassword: true } },
      grants: { include: { unit: { select: { name: true, code: true, path: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  const person = requireFound(found, (p) => can(user.grants, "people:read", p.unit.path));
  const canWrite = can(user.grants, "people:write", person.unit.path);
  const canGrant = can(user.grants, "roles:grant", person.unit.path);
  const certifications = await certificationsOf(id, new Date());
  const view: PersonView = {
    id: person.id,
    employeeCode: person.employeeCode,
    fullName: person.fullName,
    unitId: person.unitId,
    unitName: person.unit.name,
    unitCode: person.unit.code,
    position: person.position,
    workStartedOn: day(person.workStartedOn) as string,
    email: person.email,
    phone: person.phone,
    commitment: await commitmentViewOf(id),
    status: person.status,
    account: person.account,
  };
  return {
    person: view,
    grants: person.grants.map((g) => ({
      id: g.id,
      role: g.role,
      unitName: g.unit.name,
      unitCode: g.unit.code,
      createdAt: g.createdAt.toISOString(),
      canRevoke: can(user.grants, "roles:grant", g.unit.path),
    })),
    canWrite,
    canGrant,
    isSelf: user.personId === id,
    writeUnits: canWrite ? await unitOptions(user, "people:write") : [],
    grantUnits: canGrant ? await unitOptions(user, "roles:grant") : [],
    saved: new URL(args.request.url).searchParams.get("saved") === "1",
    certifications: certifications.map((c) => ({
      id: c.id,
      serial: c.serial,
      typeName: c.typeName,
      source: c.source,
      issuedAt: c.issuedAt.toISOString(),
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      status: c.status,
      revokedAt: c.revokedAt?.toISOString() ?? null,
      revokeReason: c.revokeReason,
    })),
    canRevokeCertifications: can(user.grants, "certifications:revoke", person.unit.path),
    certRevoked: new URL(args.request.url).searchParams.get("certRevoked") === "1",
    // A one-time key per page view: a double submit of a reminder form sends one reminder.
    remindKey: person.status === "ACTIVE" && mayRemind(user.grants, person.unit.path) ? crypto.randomUUID() : null,
    reminded: new URL(args.request.url).searchParams.get("reminded") === "1",
  };
}

type Errors = Record<string, string>;

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "people:read");
  const id = personId(args.params.personId);
  const db = getDb();
  const found = await db.person.findUnique({ where: { id }, include: { unit: { select: { path: true } } } });
  const person = requireFound(found, (p) => can(user.grants, "people:read", p.unit.path));
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const t = serverT(args);
  const now = new Date();
  const values = formValues(form, ["password"]);
  const fail = (errors: Errors, translated = false) =>
    data({ intent, errors: translated ? errors : translateErrors(errors, t), values }, { status: 400 });
  const saved = () => redirect(`/people/${id}?saved=1`);
  const allowed = (action: Action) => can(user.grants, action, person.unit.path) || forbidden();

  switch (intent) {
    case "update": {
      allowed("people:write");
      const parsed = parseForm(form, personFieldsSchema(vietnamDay(now)));
      if (!parsed.ok) return fail(parsed.errors);
      const input = parsed.data;
      if (input.unitId !== person.unitId && !(await unitAllows(db, user.grants, "people:write", input.unitId))) {
        return fail({ unitId: "people.error.unit" });
      }
      if (id === user.personId && input.status === "LEFT") return fail({ status: "people.error.selfLeave" });
      if ((await takenPersonFields(db, { email: input.email }, id)).includes("email")) return fail({ email: "people.error.emailTaken" });
      try {
        await db.$transaction((tx) => updatePerson(tx, id, input, user.personId, now));
      } catch (error) {
        if (uniqueViolation(error)) return fail({ email: "people.error.emailTaken" });
        throw error;
      }
      return saved();
    }
    case "deactivate": {
      allowed("people:write");
      if (id === user.personId) return fail({ _form: "people.error.selfLeave" });
      await db.$transaction((tx) => updatePerson(tx, id, { status: "LEFT" }, user.personId, now));
      return saved();
    }
    case "resetPassword": {
      allowed("people:write");
      if (id === user.personId) return fail({ _form: "people.reset.self" });
      const parsed = parseForm(form, passwordResetSchema);
      if (!parsed.ok) return fail(parsed.errors);
      const problems = checkPassword(parsed.data.password, person);
      if (problems.length > 0) {
        return fail({ password: problems.map((p) => t(`password.${p}`, { min: PASSWORD_MIN_LENGTH })).join(" ") }, true);
      }
      const hash = await hashPassword(parsed.data.password);
      await db.$transaction((tx) =>
        setPassword(tx, id, hash, { actorId: user.personId, mustChange: true, unitId: person.unitId }, now),
      );
      return saved();
    }
    case "grant": {
      allowed("roles:grant");
      const parsed = parseForm(form, grantSchema);
      if (!parsed.ok) return fail(parsed.errors);
      const target = await db.unit.findUnique({ where: { id: parsed.data.unitId }, select: { path: true } });
      if (!target) return fail({ unitId: "people.error.unit" });
      if (!can(user.grants, "roles:grant", target.path)) forbidden();
      const grant = { personId: id, role: parsed.data.role, unitId: parsed.data.unitId };
      if (await db.roleGrant.findUnique({ where: { personId_role_unitId: grant } })) return fail({ role: "people.grants.exists" });
      await db.$transaction((tx) => grantRole(tx, grant, user.personId, now));
      return saved();
    }
    case "revoke": {
      allowed("roles:grant");
      const parsed = parseForm(form, revokeSchema);
      if (!parsed.ok) return fail({ _form: "people.error.invalid" });
      const grant = await db.roleGrant.findUnique({ where: { id: parsed.data.grantId }, include: { unit: { select: { path: true } } } });
      if (!grant || grant.personId !== id) notFound();
      if (!can(user.grants, "roles:grant", grant.unit.path)) forbidden();
      await db.$transaction((tx) => revokeRole(tx, grant.id, user.personId, now));
      return saved();
    }
    case "revokeCertification": {
      await requirePermission(args, "certifications:revoke", person.unitId);
      const parsed = parseForm(form, certificationRevokeSchema);
      if (!parsed.ok) return fail(parsed.errors);
      const outcome = await revokePersonCertification(id, parsed.data, user.personId, now);
      if (outcome === "notFound") notFound();
      if (outcome === "already") return fail({ _form: "cert.revoke.error.already" });
      if (outcome === "expired") return fail({ _form: "cert.revoke.error.expired" });
      return redirect(`/people/${id}?certRevoked=1`);
    }
    case "remind": {
      if (!mayRemind(user.grants, person.unit.path)) forbidden();
      const parsed = parseForm(form, remindSchema);
      if (!parsed.ok) return fail({ _form: "people.error.invalid" });
      const { certificationId, remindKey: key } = parsed.data;
      const outcome = await sendManualReminder({ personId: id, certificationId, key, actorId: user.personId }, now);
      if (!outcome.ok && outcome.reason === "notFound") notFound();
      if (!outcome.ok) return fail({ _form: `remind.error.${outcome.reason}` });
      await requestDelivery(outcome.ids, now);
      return redirect(`/people/${id}?reminded=1`);
    }
    default:
      return fail({ _form: "people.error.invalid" });
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
          position: person.position,
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
      {loaderData.reminded ? <RemindSent /> : null}
      {loaderData.saved ? (
        <p role="status" className="alert alert--ok">
          {t("people.saved")}
        </p>
      ) : null}
      <section className="card" aria-labelledby="facts-h">
        <h2 id="facts-h">{t("people.details")}</h2>
        <PersonFacts person={person} />
      </section>
      {/* Keyed by location so a successful save (a redirect) clears typed passwords and choices. */}
      <div className="stack" key={location.key}>
        <PersonCertifications
          certifications={loaderData.certifications}
          canRevoke={loaderData.canRevokeCertifications}
          revoked={loaderData.certRevoked}
          errors={errorsOf("revokeCertification")}
          values={actionData?.intent === "revokeCertification" ? actionData.values : undefined}
          renderActions={(c) =>
            loaderData.remindKey && c.status === "VALID" ? (
              <RemindForm certificationId={c.id} serial={c.serial} remindKey={loaderData.remindKey} error={actionData?.intent === "remind" && actionData.values.certificationId === String(c.id) ? errorsOf("remind")?._form : undefined} />
            ) : null
          }
        />
        {loaderData.canWrite ? (
          <PersonEditForm
            values={editValues}
            errors={errorsOf("update")}
            deactivateErrors={errorsOf("deactivate")}
            units={loaderData.writeUnits}
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
