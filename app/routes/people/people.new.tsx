import { data, Form, Link } from "react-router";
import type { Route } from "./+types/people.new";
import { Field, FormAlert, useBusy } from "~/components/people/form-field.tsx";
import { PersonFields } from "~/components/people/person-fields.tsx";
import { PASSWORD_MIN_LENGTH } from "~/domain/auth/password-policy.ts";
import { fieldErrors, newPersonSchema } from "~/services/people-admin.server.ts";
import { positionOptions } from "~/services/obligations/requirements.server.ts";
import { addPerson, unitOptions } from "~/services/person-page.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { dayOf } from "~/domain/time/calendar.ts";
import { formValues, parseForm, translateErrors } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Thêm nhân sự · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { user } = requireScope(args, "people:write");
  const [units, positions] = await Promise.all([unitOptions(user, "people:write"), positionOptions()]);
  const preselect = new URL(args.request.url).searchParams.get("unit") ?? "";
  return { units, positions, unitId: units.some((u) => String(u.id) === preselect) ? preselect : "" };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "people:write");
  const t = serverT(args);
  const now = new Date();
  const form = await args.request.formData();
  const values = formValues(form, ["password"]);
  const parsed = parseForm(form, newPersonSchema(dayOf(now)));
  if (!parsed.ok) return data({ errors: translateErrors(parsed.errors, t), values }, { status: 400 });
  const { password, ...input } = parsed.data;
  const result = await addPerson(user, input, password, now);
  if (!result.ok) return data({ errors: fieldErrors(result.reasons, t), values }, { status: 400 });
  return redirectWithFlash(`/people/${result.value}`, "people.saved");
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
            <Field
              form="new"
              name="password"
              label={t("people.new.password")}
              error={errors?.password}
              hint={t("people.reset.hint", { min: PASSWORD_MIN_LENGTH })}
            >
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
