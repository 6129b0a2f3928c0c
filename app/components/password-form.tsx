import { Form, useNavigation } from "react-router";
import { PASSWORD_MIN_LENGTH } from "~/domain/auth/password-policy.ts";
import { useT } from "~/utils/use-t.ts";

export type PasswordFormErrors = Partial<Record<"currentPassword" | "newPassword" | "confirmPassword", string>>;

export function PasswordForm({ errors, action }: { errors?: PasswordFormErrors; action: string }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const field = (name: keyof PasswordFormErrors, label: string, autoComplete: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        type="password"
        name={name}
        autoComplete={autoComplete}
        required
        aria-invalid={errors?.[name] ? true : undefined}
        aria-describedby={errors?.[name] ? `${name}-error` : hint ? `${name}-hint` : undefined}
      />
      {hint ? <small id={`${name}-hint`}>{hint}</small> : null}
      {errors?.[name] ? (
        <p id={`${name}-error`} className="field-error">
          {errors[name]}
        </p>
      ) : null}
    </label>
  );
  return (
    <Form method="post" action={action} className="stack">
      <input type="hidden" name="intent" value="changePassword" />
      {field("currentPassword", t("account.currentPassword"), "current-password")}
      {field("newPassword", t("account.newPassword"), "new-password", t("account.passwordHint", { min: PASSWORD_MIN_LENGTH }))}
      {field("confirmPassword", t("account.confirmPassword"), "new-password")}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("form.saving") : t("account.changePassword")}
      </button>
    </Form>
  );
}
