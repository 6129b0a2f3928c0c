import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/people.new";
import { Field, FormAlert, useBusy } from "~/components/people/form-field.tsx";
import { PersonFields } from "~/components/people/person-fields.tsx";
import { checkPassword, PASSWORD_MIN_LENGTH } from "~/domain/auth/password-policy.ts";
import { hashPassword } from "~/services/passwords.server.ts";
import { mentions, newPersonSchema, takenPersonFields, translateErrors, uniqueViolation, unitAllows } from "~/services/people-admin.server.ts";
import { createPerson, setPassword } from "~/services/people.server.ts";
import { unitsInScope } from "~/services/units.server.ts";
import { positionExists, positionOptions } from "~/services/obligations/requirements.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { dayOf } from "~/domain/time/calendar.ts";
import { parseForm } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Thêm nhân sự · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { scope } = requireScope(args, "people:write");
  const [units, positions] = await Promise.all([unitsInScope(scope), positionOptions()]);
  const preselect = new URL(args.request.url).searchParams.get("unit") ?? "";
  return {
    units: units.map(({ id, code, name, depth }) => ({ id, code, name, depth })),
    unitId: units.some((u) => String(u.id) === preselect) ? preselect : "",
    positions,
  };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "people:write");
  const t = serverT(args);
  const now = new Date();
  const db = getDb();
  const form = await args.request.formData();
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string" && key !== "password") values[key] = value;
  const fail = (errors: Record<string, string>) => data({ errors: translateErrors(errors, t), values }, { status: 400 });

  const parsed = parseForm(form, newPersonSchema(dayOf(now)));
  if (!parsed.ok) return fail(parsed.errors);
  const { password, ...input } = parsed.data;
  if (!(await unitAllows(db, user.grants, "people:write", input.unitId))) return fail({ unitId: "people.error.unit" });
  if (!(await positionExists(input.positionId))) return fail({ positionId: "people.error.position" });

  const errors: Record<string, string> = {};
  const taken = await takenPersonFields(db, input);
  if (taken.includes("employeeCode")) errors.employeeCode = "people.error.codeTaken";
  if (taken.includes("email")) errors.email = "people.error.emailTaken";
  if (Object.keys(errors).length > 0) return fail(errors);
  if (password !== null) {
    const problems = checkPassword(password, input);
    if (problems.length > 0) {
      const words = problems.map((p) => t(`password.${p}`, { min: PASSWORD_MIN_LENGTH })).join(" ");
      return data({ errors: { password: words }, values }, { status: 400 });
    }
  }

  const passwordHash = password === null ? null : await hashPassword(password);
  let personId: number;
  try {
    personId = await db.$transaction(async (tx) => {
      const person = await createPerson(tx, input, user.personId, now);
      if (passwordHash) {
        await setPassword(tx, person.id, passwordHash, { actorId: user.personId, mustChange: true, unitId: person.unitId }, now);
      }
      return person.id;
    });
  } catch (error) {
    // Someone else took the code or email between the check above and the insert.
    const violation = uniqueViolation(error);
    if (!violation) throw error;
    if (mentions(violation, "email")) return fail({ email: "people.error.emailTaken" });
    return fail({ employeeCode: "people.error.codeTaken" });
  }
  return redirect(`/people/${personId}?saved=1`);
}

export default function NewPerson({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useBusy("create");
  const errors = actionData?.errors;
  const values = actionData?.values ?? { unitId: loaderData.unitId, status: "ACTIVE" };
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/people">{t("people.backToList")}</Link>
      </p>
      <h1>{t("people.new.title")}</h1>
      <p className="lead">{t("people.new.intro")}</p>
      <section className="card">
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="create" />
          <FormAlert errors={errors} message={t("form.errors")} />
          <PersonFields form="new" isNew values={values} errors={errors} units={loaderData.units} positions={loaderData.positions} />
          <fieldset className="card stack">
            <legend>
              <strong>{t("people.new.account")}</strong>
            </legend>
            <p className="muted">{t("people.new.accountIntro")}</p>
            <Field form="new" name="password" label={t("people.new.password")} error={errors?.password} hint={t("people.reset.hint", { min: PASSWORD_MIN_LENGTH })}>
              {(c) => <input {...c} type="text" autoComplete="off" spellCheck={false} maxLength={128} />}
            </Field>
          </fieldset>
          <div className="row">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("form.saving") : t("people.new.submit")}
            </button>
            <Link to="/people" className="button button--secondary">
              {t("form.cancel")}
            </Link>
          </div>
        </Form>
      </section>
    </div>
  );
}
