import { Form } from "react-router";
import { PASSWORD_MIN_LENGTH } from "~/domain/auth/password-policy.ts";
import { useT } from "~/utils/use-t.ts";
import { Field, FormAlert, useBusy, type FieldErrors } from "./form-field.tsx";

/** An administrator sets a temporary password; the person must change it at next login. */
export function PasswordResetForm({ hasAccount, errors }: { hasAccount: boolean; errors?: FieldErrors }) {
  const t = useT();
  const busy = useBusy("resetPassword");
  return (
    <section className="card" aria-labelledby="reset-h">
      <h2 id="reset-h">{hasAccount ? t("people.reset.title") : t("people.reset.titleNew")}</h2>
      <p className="muted">{t("people.reset.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="resetPassword" />
        <FormAlert errors={errors} message={t("form.errors")} />
        <Field
          form="reset"
          name="password"
          label={t("people.reset.password")}
          error={errors?.password}
          hint={t("people.reset.hint", { min: PASSWORD_MIN_LENGTH })}
        >
          {(c) => (
            <input {...c} type="text" autoComplete="off" spellCheck={false} required minLength={PASSWORD_MIN_LENGTH} maxLength={128} />
          )}
        </Field>
        <div>
          <button type="submit" className="button button--secondary" disabled={busy}>
            {busy ? t("form.saving") : t("people.reset.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
