import { Form, useNavigation } from "react-router";
import { PASSWORD_MIN_LENGTH } from "~/domain/auth/password-policy.ts";
import { useT } from "~/utils/use-t.ts";
import { Field } from "./people/form-field.tsx";

export type PasswordFormErrors = Partial<Record<"currentPassword" | "newPassword" | "confirmPassword", string>>;

export function PasswordForm({ errors, action }: { errors?: PasswordFormErrors; action: string }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const field = (name: keyof PasswordFormErrors, label: string, autoComplete: string, hint?: string) => (
    <Field form="password" name={name} label={label} error={errors?.[name]} hint={hint}>
      {(control) => <input {...control} type="password" autoComplete={autoComplete} required />}
    </Field>
  );
  return (
    <Form method="post" action={action} className="stack">
      {field("currentPassword", t("account.currentPassword"), "current-password")}
      {field("newPassword", t("account.newPassword"), "new-password", t("account.passwordHint", { min: PASSWORD_MIN_LENGTH }))}
      {field("confirmPassword", t("account.confirmPassword"), "new-password")}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("form.saving") : t("account.changePassword")}
      </button>
    </Form>
  );
}
